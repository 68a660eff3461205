/**
 * The weekly execution tracking sheet (《周度执行跟踪表》), what the weekly progress meeting projects: the tasks
 * in the form's own columns (stage, task, owner, planned date, done this week, problem, solution, next step),
 * overdue and "needs help" items first; the week's numbers from the Weekly log by owner and channel; and what
 * changed since last week (the history). One document per ISO week, rendered by the report's renderers.
 */
import { taskDue } from './checks';
import { isoWeekOf, targetProgress, weekStartOf } from './digest';
import { A4_PORTRAIT, DocBlock, DocCell, PageSetup } from './document';
import { formatNumber } from './format';
import { Snapshot, weekOverWeek } from './history';
import { Bilingual, Lang, fill, joinList, pick } from './i18n';
import { Task, TimeContext, Workbook } from './model';
import { TASK_STATUS, optionLabel } from './options';
import { Problem } from './problems';
import type { ReportSection } from './report';
import { tabSpec } from './schema';
import { changeSentence } from './weeklyText';
import { Day, DateSpan, isoFromDay } from './values';
import { calendarOn, daysLate, workCalendar } from './workCalendar';

const b = (en: string, zh: string): Bilingual => ({ en, zh });

/** Every word of the weekly tracking sheet; the table's headers are the form's (表1：市场拓展计划执行跟踪表（周度）). */
export const WEEKLY_DOC = {
  title: b('Weekly execution tracking sheet', '周度执行跟踪表'),
  name: b('{week} {region} — {title}', '{week} {region} — {title}'),
  subtitle: b('{team} · cycle {cycle} · week {week} ({monday} – {sunday}) · as of {today}', '{team} · 周期 {cycle} · {week} 周（{monday} – {sunday}）· 数据截至 {today}'),
  secAttention: b('Needs attention', '重点关注'),
  secTasks: b('Task tracking', '任务执行跟踪'),
  secNumbers: b('This week\'s numbers', '本周数据'),
  secChanges: b('Changes since last week', '与上周相比'),
  kfTasks: b('Tasks', '任务'),
  kfDone: b('Done', '已完成'),
  kfOverdue: b('Overdue', '已逾期'),
  kfHelp: b('Needs help', '需协调'),
  kfUpdated: b('Updated this week', '本周有更新'),
  attentionNone: b('Nothing overdue and no task waiting for the director\'s help this week.', '本周没有逾期任务，也没有需要销售总监协调的任务。'),
  colStage: b('Stage', '阶段'),
  colTask: b('Task', '任务名称'),
  colOwner: b('Owner', '责任人'),
  colPlanned: b('Planned date', '计划完成时间'),
  colDone: b('Done this week', '实际完成情况'),
  colProblem: b('Problem', '遇到问题'),
  colSolution: b('Solution', '解决措施'),
  colNextStep: b('Next step', '下一步计划'),
  colDue: b('Due', '截止日期'),
  colWhy: b('Why it is here', '关注原因'),
  colAsked: b('Help asked for', '需协调的资源'),
  colDecision: b('Decision', '处理决定'),
  statusAndProgress: b('{status}: {progress}', '{status}：{progress}'),
  overdueDays: b('overdue {days} {days:day|days}', '逾期 {days} 天'),
  overdueWorkdays: b('overdue {days} {days:workday|workdays}', '逾期 {days} 个工作日'),
  needsHelp: b('needs help since {date}', '自 {date} 起需协调'),
  needsHelpUndated: b('needs help', '需协调'),
  noDecision: b('no decision yet', '尚未处理'),
  tasksNone: b('No tasks in Tracking yet.', '“执行跟踪”中还没有任务。'),
  doneEarlier: b('{n} {n:task|tasks} done before this week {n:is|are} left out (see the Tracking tab).', '本周之前已完成的 {n} 项任务未列出（见“执行跟踪”表）。'),
  colChannel: b('Channel', '渠道'),
  colVisits: b('Visits', '拜访量'),
  colLeads: b('Leads', '线索量'),
  colNewCustomers: b('New customers', '新增客户'),
  colRevenue: b('Revenue', '销售额'),
  colCost: b('Cost', '成本'),
  colEvents: b('Event participants', '活动参与人数'),
  colNote: b('Note', '备注'),
  total: b('Total', '合计'),
  numbersNone: b('No Weekly log rows for the week starting {monday} yet: each owner adds one row per channel (or uses My week).', '周报中还没有 {monday} 这一周的数据：每位责任人按渠道各填一行（或使用“我的本周”）。'),
  unitBrackets: b(' ({unit})', '（{unit}）'),
  changesNone: b('Nothing to compare with yet: the progress history has no snapshot from a week earlier (it grows with each Friday reminder run and each Check data).', '暂无可比数据：进度历史中没有一周前的快照（每周五提醒运行和每次“检查数据”都会记录一次）。'),
  moreRows: b('… and {n} more: see the {tab} tab.', '……另有 {n} 行，请查看“{tab}”工作表。'),
  problemsNote: b('Check data lists {n} {n:problem|problems} in the sheet: see menu → Check data.', '“检查数据”共列出 {n} 个问题：请使用菜单 → 检查数据。'),
} as const satisfies Record<string, Bilingual>;

/** Landscape: the form's eight columns read at a glance, on paper and on the meeting room's screen. */
export const WEEKLY_PAGE: PageSetup = { ...A4_PORTRAIT, orientation: 'landscape', margins: { top: 15, right: 15, bottom: 15, left: 15 } };

/** Rows shown in the meeting's tables (overdue and needs help first); beyond them a note points to the tab. */
export const WEEKLY_TASKS_SHOWN = 60;
export const WEEKLY_ATTENTION_SHOWN = 30;
export const WEEKLY_NUMBERS_SHOWN = 60;

export interface WeeklyTaskLine {
  readonly row: number;
  readonly stage: string;
  readonly task: string;
  readonly owners: readonly string[];
  readonly planned: string;
  readonly done: string;
  readonly problem: string;
  readonly solution: string;
  readonly nextStep: string;
  readonly overdueDays: number;
  readonly needsHelp: boolean;
}

export interface WeeklySheetModel {
  readonly lang: Lang;
  readonly title: string;
  readonly documentName: string;
  readonly subtitle: string;
  /** `2023-W30`: the document's ISO week, also its version key. */
  readonly week: string;
  readonly monday: string;
  readonly page: PageSetup;
  readonly sections: readonly ReportSection[];
  readonly tasks: readonly WeeklyTaskLine[];
  readonly problemCount: number;
}

const say = (text: Bilingual, lang: Lang, params: Record<string, string | number> = {}): string => pick(fill(text, params), lang);
const cell = (text: string): DocCell => ({ text });

/** `2023-W30` for any day of that ISO week. */
export function isoWeekLabel(day: Day): string {
  const { year, week } = isoWeekOf(day);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** A planned date or range as the form writes it, shortened within a month: 2023-07-10 – 12. */
function spanText(span: DateSpan | null): string {
  if (span === null) return '';
  const start = isoFromDay(span.start);
  const end = isoFromDay(span.end);
  if (span.start === span.end) return start;
  return `${start} – ${start.slice(0, 8) === end.slice(0, 8) ? end.slice(8) : end}`;
}

function doneText(task: Task, lang: Lang): string {
  const status = task.status === null ? '' : pick(optionLabel(TASK_STATUS, task.status), lang);
  const progress = task.progress.trim();
  if (progress === '') return status;
  // "Done, 80 leads collected" / "完成，收集线索80条" says it already; a bare note gets its status before it.
  const option = TASK_STATUS.options.find((o) => o.key === task.status);
  const words = option ? [option.label.en, option.label.zh, ...(option.aliases ?? [])].map((w) => w.toLowerCase()) : [];
  const says = words.some((w) => progress.toLowerCase().includes(w));
  return status === '' || says ? progress : say(WEEKLY_DOC.statusAndProgress, lang, { status, progress });
}

/** `text (extra)`, or `text（extra）` in Chinese. */
function bracketed(text: string, extra: string, lang: Lang): string {
  if (text === '') return extra;
  return lang === 'zh-CN' ? `${text}（${extra}）` : `${text} (${extra})`;
}

/**
 * The weekly tracking sheet for the ISO week holding `time.today`. `history` gives the change since last week;
 * `problems` is Check data's list (its count is noted).
 */
export function buildWeeklySheet(workbook: Workbook, time: TimeContext, lang: Lang, problems: readonly Problem[], history: readonly Snapshot[] = []): WeeklySheetModel {
  const { settings } = workbook;
  const today = time.today;
  const monday = weekStartOf(today);
  const sunday = monday + 6;
  const week = isoWeekLabel(today);
  const calendar = workCalendar(settings.workCalendar);
  const title = say(WEEKLY_DOC.title, lang);
  const region = settings.region.trim() || settings.team.trim();
  const documentName = region === '' ? `${week} — ${title}` : say(WEEKLY_DOC.name, lang, { week, region, title });

  // Tasks: every open task, and those done this week (or with no Updated stamp to tell); overdue and needs help first.
  const lines: (WeeklyTaskLine & { due: Day | null })[] = [];
  let doneEarlier = 0;
  for (const task of workbook.tasks) {
    const done = task.status === 'done';
    if (done && task.updated !== null && task.updated < monday) {
      doneEarlier++;
      continue;
    }
    const due = taskDue(task);
    const late = !done && due !== null ? Math.max(0, daysLate(calendar, due.day, today)) : 0;
    lines.push({
      row: task.row, stage: task.stage, task: task.task, owners: task.owners, planned: spanText(task.planned), done: doneText(task, lang),
      problem: task.problem, solution: task.solution,
      nextStep: task.nextStepDue === null ? task.nextStep : bracketed(task.nextStep, isoFromDay(task.nextStepDue.end), lang),
      overdueDays: late, needsHelp: task.needsHelp && !done, due: due?.day ?? null,
    });
  }
  const rank = (l: { overdueDays: number; needsHelp: boolean; done: string }, t: Task | undefined): number =>
    (l.needsHelp ? 0 : 2) + (l.overdueDays > 0 ? 0 : 1) + (t?.status === 'done' ? 4 : 0);
  const taskOf = new Map(workbook.tasks.map((t) => [t.row, t]));
  lines.sort((a, c) => rank(a, taskOf.get(a.row)) - rank(c, taskOf.get(c.row)) || c.overdueDays - a.overdueDays || a.row - c.row);

  const ownersText = (owners: readonly string[]): string => (owners.length === 0 ? '—' : joinList(owners, lang));
  const attention = lines.filter((l) => l.overdueDays > 0 || l.needsHelp);
  const updatedThisWeek = workbook.tasks.filter((t) => t.updated !== null && t.updated >= monday && t.updated <= sunday).length;
  const attentionBlocks: DocBlock[] = [{
    kind: 'keyFigures',
    figures: [
      { label: say(WEEKLY_DOC.kfTasks, lang), value: String(lines.length) },
      { label: say(WEEKLY_DOC.kfDone, lang), value: String(lines.filter((l) => taskOf.get(l.row)?.status === 'done').length) },
      { label: say(WEEKLY_DOC.kfOverdue, lang), value: String(lines.filter((l) => l.overdueDays > 0).length), ...(lines.some((l) => l.overdueDays > 0) ? { status: 'off_track' as const } : {}) },
      { label: say(WEEKLY_DOC.kfHelp, lang), value: String(lines.filter((l) => l.needsHelp).length), ...(lines.some((l) => l.needsHelp) ? { status: 'at_risk' as const } : {}) },
      { label: say(WEEKLY_DOC.kfUpdated, lang), value: String(updatedThisWeek) },
    ],
  }];
  const more = (n: number, tab: 'tracking' | 'weekly'): DocBlock => ({ kind: 'paragraph', style: 'note', text: say(WEEKLY_DOC.moreRows, lang, { n, tab: pick(tabSpec(tab).name, lang) }) });
  if (attention.length === 0) attentionBlocks.push({ kind: 'paragraph', style: 'normal', text: say(WEEKLY_DOC.attentionNone, lang) });
  else {
    attentionBlocks.push({
      kind: 'table', id: 'weekly-attention',
      header: [WEEKLY_DOC.colTask, WEEKLY_DOC.colOwner, WEEKLY_DOC.colDue, WEEKLY_DOC.colWhy, WEEKLY_DOC.colAsked, WEEKLY_DOC.colDecision].map((h) => say(h, lang)),
      rows: attention.slice(0, WEEKLY_ATTENTION_SHOWN).map((l) => {
        const task = taskOf.get(l.row)!;
        const why = [
          ...(l.overdueDays > 0 ? [say(calendarOn(calendar) ? WEEKLY_DOC.overdueWorkdays : WEEKLY_DOC.overdueDays, lang, { days: l.overdueDays })] : []),
          ...(l.needsHelp ? [task.helpSince === null ? say(WEEKLY_DOC.needsHelpUndated, lang) : say(WEEKLY_DOC.needsHelp, lang, { date: isoFromDay(task.helpSince) })] : []),
        ].join(lang === 'zh-CN' ? '；' : '; ');
        return [
          cell(l.task), cell(ownersText(l.owners)), l.overdueDays > 0 && l.due !== null ? { text: isoFromDay(l.due), status: 'off_track' as const } : cell(l.due === null ? '' : isoFromDay(l.due)),
          { text: why, ...(l.needsHelp ? { status: 'at_risk' as const } : {}) }, cell(l.needsHelp ? task.helpNote : ''),
          cell(l.needsHelp ? (task.decision.trim() || say(WEEKLY_DOC.noDecision, lang)) : ''),
        ];
      }),
    });
  }

  if (attention.length > WEEKLY_ATTENTION_SHOWN) attentionBlocks.push(more(attention.length - WEEKLY_ATTENTION_SHOWN, 'tracking'));
  const taskBlocks: DocBlock[] = lines.length === 0
    ? [{ kind: 'paragraph', style: 'note', text: say(WEEKLY_DOC.tasksNone, lang) }]
    : [{
      kind: 'table', id: 'weekly-tasks',
      header: [WEEKLY_DOC.colStage, WEEKLY_DOC.colTask, WEEKLY_DOC.colOwner, WEEKLY_DOC.colPlanned, WEEKLY_DOC.colDone, WEEKLY_DOC.colProblem, WEEKLY_DOC.colSolution, WEEKLY_DOC.colNextStep].map((h) => say(h, lang)),
      rows: lines.slice(0, WEEKLY_TASKS_SHOWN).map((l) => [
        cell(l.stage), cell(l.task), cell(ownersText(l.owners)),
        l.overdueDays > 0 ? { text: l.planned, status: 'off_track' as const } : cell(l.planned),
        cell(l.done), cell(l.problem), cell(l.solution), cell(l.nextStep),
      ]),
    }];
  if (lines.length > WEEKLY_TASKS_SHOWN) taskBlocks.push(more(lines.length - WEEKLY_TASKS_SHOWN, 'tracking'));
  if (doneEarlier > 0) taskBlocks.push({ kind: 'paragraph', style: 'note', text: say(WEEKLY_DOC.doneEarlier, lang, { n: doneEarlier }) });

  // The week's numbers: Weekly log rows of this ISO week, by owner and channel, with the total.
  const rows = workbook.weekly.filter((w) => w.week !== null && weekStartOf(w.week) === monday);
  const unit = settings.currencyUnit.trim();
  const money = (h: Bilingual): string => `${say(h, lang)}${unit === '' ? '' : say(WEEKLY_DOC.unitBrackets, lang, { unit })}`;
  const num = (v: number | null): string => (v === null ? '—' : formatNumber(v));
  const sum = (pickValue: (w: (typeof rows)[number]) => number | null): string => {
    const values = rows.map(pickValue).filter((v): v is number => v !== null);
    return values.length === 0 ? '—' : formatNumber(values.reduce((a, v) => a + v, 0));
  };
  const numberBlocks: DocBlock[] = rows.length === 0
    ? [{ kind: 'paragraph', style: 'note', text: say(WEEKLY_DOC.numbersNone, lang, { monday: isoFromDay(monday) }) }]
    : [{
      kind: 'table', id: 'weekly-numbers', totalRow: true,
      header: [say(WEEKLY_DOC.colOwner, lang), say(WEEKLY_DOC.colChannel, lang), say(WEEKLY_DOC.colVisits, lang), say(WEEKLY_DOC.colLeads, lang),
        say(WEEKLY_DOC.colNewCustomers, lang), money(WEEKLY_DOC.colRevenue), money(WEEKLY_DOC.colCost), say(WEEKLY_DOC.colEvents, lang)],
      rows: [
        ...[...rows].sort((a, c) => joinList(a.owners, lang).localeCompare(joinList(c.owners, lang)) || a.channel.localeCompare(c.channel) || a.row - c.row).slice(0, WEEKLY_NUMBERS_SHOWN).map((w) => [
          cell(ownersText(w.owners)), cell(w.channel), cell(num(w.visits)), cell(num(w.leads)), cell(num(w.newCustomers)), cell(num(w.revenue)),
          cell(num(w.cost)), cell(num(w.eventParticipants)),
        ]),
        [cell(say(WEEKLY_DOC.total, lang)), cell(''), cell(sum((w) => w.visits)), cell(sum((w) => w.leads)), cell(sum((w) => w.newCustomers)),
          cell(sum((w) => w.revenue)), cell(sum((w) => w.cost)), cell(sum((w) => w.eventParticipants))],
      ],
    }];

  if (rows.length > WEEKLY_NUMBERS_SHOWN) numberBlocks.splice(1, 0, more(rows.length - WEEKLY_NUMBERS_SHOWN, 'weekly'));
  // Changes since last week: each team target's change over seven days (history.ts), in the summary's sentences.
  const changes = weekOverWeek(workbook, today, history).filter((c) => c.actual !== null || c.rate !== null);
  const targets = targetProgress(workbook, today);
  const compared = changes.filter((c) => c.before !== null);
  const changeBlocks: DocBlock[] = compared.length === 0
    ? [{ kind: 'paragraph', style: 'note', text: say(WEEKLY_DOC.changesNone, lang) }]
    : changes.map((c) => ({ kind: 'paragraph' as const, style: 'bullet' as const, text: changeSentence(c, lang, targets.find((p) => p.metric === c.metric && !p.owner)?.target ?? null) }));
  if (problems.length > 0) changeBlocks.push({ kind: 'paragraph', style: 'note', text: say(WEEKLY_DOC.problemsNote, lang, { n: problems.length }) });

  const sections: ReportSection[] = [
    { id: 'weeklyAttention', title: say(WEEKLY_DOC.secAttention, lang), hasData: true, blocks: attentionBlocks },
    { id: 'weeklyTasks', title: say(WEEKLY_DOC.secTasks, lang), hasData: lines.length > 0, blocks: taskBlocks },
    { id: 'weeklyNumbers', title: say(WEEKLY_DOC.secNumbers, lang), hasData: rows.length > 0, blocks: numberBlocks },
    { id: 'weeklyChanges', title: say(WEEKLY_DOC.secChanges, lang), hasData: compared.length > 0, blocks: changeBlocks },
  ];
  const subtitle = say(WEEKLY_DOC.subtitle, lang, {
    team: settings.team || settings.region || '—', cycle: settings.cycle || '—', week, monday: isoFromDay(monday), sunday: isoFromDay(sunday), today: isoFromDay(today),
  });
  return {
    lang, title, documentName, subtitle, week, monday: isoFromDay(monday), page: WEEKLY_PAGE, sections,
    tasks: lines.map(({ due: _due, ...line }) => line), problemCount: problems.length,
  };
}

