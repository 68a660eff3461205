import { evaluateMetrics } from './evaluation';
import { formatNumber } from './format';
import { Bilingual, fill } from './i18n';
import { TimeContext, Workbook } from './model';
import { findPerson, personKey } from './people';
import { planProblems } from './planReview';
import type { PreviousCycle } from './previousCycles';
import { Problem } from './problems';
import { TabKey, settingSpec, tabSpec } from './schema';
import { goalTargets } from './targets';
import { Day, isoFromDay } from './values';
import { WorkCalendar, calendarOn, calendarProblems, daysLate, workCalendar } from './workCalendar';

/** How long a task may go without an update before Check data calls it stale. */
export const STALE_AFTER_DAYS = 14;
/** Two working weeks, when a work calendar counts workdays. */
export const STALE_AFTER_WORKDAYS = 10;

const MSG = {
  missingOwner: { en: 'No owner for "{task}".', zh: '“{task}”没有责任人。' },
  missingOwnerFix: { en: 'Type the name of a Team member in Owner.', zh: '请在“责任人”中填写团队成员姓名。' },
  notInTeam: { en: 'Owner "{name}" is not in Team.', zh: '责任人“{name}”不在团队表中。' },
  notInTeamFix: { en: 'Add {name} to the Team tab with an email, or correct the spelling.', zh: '请在“团队”表中添加 {name} 及其邮箱，或更正姓名。' },
  noEmail: { en: '{name} has no email address, so gets no reminders.', zh: '{name} 没有邮箱，将收不到提醒。' },
  noEmailFix: { en: 'Add an email for {name} in the Team tab.', zh: '请在“团队”表中填写 {name} 的邮箱。' },
  duplicate: { en: '{name} is listed twice in Team (rows {rows}).', zh: '{name} 在团队表中出现两次（第 {rows} 行）。' },
  duplicateFix: { en: 'Keep one row per person.', zh: '每人只保留一行。' },
  monthlySum: { en: 'Monthly targets for "{metric}" add up to {sum}, but the cycle target is {target}.', zh: '“{metric}”的月度目标合计为 {sum}，但周期目标为 {target}。' },
  monthlySumFix: { en: 'Change the monthly targets (rows {rows}) or the cycle target so they agree.', zh: '请调整月度目标（第 {rows} 行）或周期目标，使二者一致。' },
  ownerSum: {
    en: 'Owners\' shares of "{metric}" ({period}) add up to {sum} ({owners}), but the team target is {target} ({from}).',
    zh: '“{metric}”（{period}）各责任人的分解目标合计为 {sum}（{owners}），但团队目标为 {target}（{from}）。',
  },
  ownerSumFix: { en: 'Change the owners\' targets (Goals rows {rows}) or the team target so they agree.', zh: '请调整各责任人的目标（“目标”第 {rows} 行）或团队目标，使二者一致。' },
  fromGoals: { en: 'Goals row {row}', zh: '“目标”第 {row} 行' },
  fromEvaluation: { en: 'the Evaluation target', zh: '“效果评估”目标值' },
  overdue: { en: '"{task}" was due {due} ({column}) and is not done ({days} days overdue).', zh: '“{task}”应于 {due}（{column}）完成，尚未完成（逾期 {days} 天）。' },
  overdueWorkdays: { en: '"{task}" was due {due} ({column}) and is not done ({days} workdays overdue).', zh: '“{task}”应于 {due}（{column}）完成，尚未完成（逾期 {days} 个工作日）。' },
  overdueFix: { en: 'Set Status to Done, or agree a new date and update {column}.', zh: '请将状态改为“已完成”，或商定新日期并更新“{column}”。' },
  duplicateWeekly: {
    en: 'This row repeats the week {week}, owner {owner} and channel {channel} of row {first}, so its figures are counted twice.',
    zh: '本行与第 {first} 行的周（{week}）、责任人（{owner}）和渠道（{channel}）相同，数据会被重复计算。',
  },
  duplicateWeeklyFix: { en: 'Delete the repeated row, or add its figures into row {first}.', zh: '请删除重复行，或将其数据合并到第 {first} 行。' },
  noChannel: { en: '(none)', zh: '（无）' },
  stale: { en: '"{task}" has not been updated since {updated}.', zh: '“{task}”自 {updated} 起未更新。' },
  staleFix: { en: 'Ask {owner} to update Progress this week.', zh: '请 {owner} 本周更新进展。' },
  noCycle: { en: 'The cycle is not set: {missing}.', zh: '未设置周期：{missing}。' },
  cycleInverted: { en: 'The cycle ends ({end}) before it starts ({start}).', zh: '周期结束日（{end}）早于开始日（{start}）。' },
  noCycleFix: { en: 'Fill Cycle, Cycle start and Cycle end in Settings (e.g. 2023 Q3, 2023-07-01, 2023-09-30).', zh: '请在“设置”中填写周期、周期开始和周期结束（例如 2023 Q3、2023-07-01、2023-09-30）。' },
  weeklyOutside: { en: 'Week {week} is outside the cycle {start} – {end}.', zh: '周 {week} 不在周期 {start} – {end} 内。' },
  weeklyOutsideFix: { en: 'Correct the week, or move the row to the right cycle.', zh: '请更正日期，或将该行移到对应周期。' },
} as const satisfies Record<string, Bilingual>;

function problem(
  code: Problem['code'], severity: Problem['severity'], tab: TabKey, row: number | null, column: string | undefined,
  value: string, message: Bilingual, fix: Bilingual,
): Problem {
  return column === undefined ? { code, severity, tab, row, value, message, fix } : { code, severity, tab, row, column, value, message, fix };
}

function ownerProblems(workbook: Workbook): Problem[] {
  const problems: Problem[] = [];
  const reported = new Set<string>();
  const owned: { tab: TabKey; row: number; owners: readonly string[]; requireOwner: boolean; label: string }[] = [
    ...workbook.tasks.map((t) => ({ tab: 'tracking' as const, row: t.row, owners: t.owners, requireOwner: true, label: t.task })),
    ...workbook.goals.map((g) => ({ tab: 'goals' as const, row: g.row, owners: g.owners, requireOwner: false, label: g.metric })),
    ...workbook.retrospective.map((r) => ({ tab: 'retrospective' as const, row: r.row, owners: r.owners, requireOwner: false, label: r.module })),
    ...workbook.weekly.map((w) => ({ tab: 'weekly' as const, row: w.row, owners: w.owners, requireOwner: false, label: '' })),
    ...workbook.strategy.map((s) => ({ tab: 'strategy' as const, row: s.row, owners: s.owners, requireOwner: false, label: s.channel })),
  ];
  const hasTeam = workbook.team.length > 0 || !workbook.missingTabs.includes('team');
  // A missing Owner column is reported once (missing_column), not as a missing owner on every row.
  const ownerColumnMissing = workbook.problems.some((p) => p.code === 'missing_column' && p.tab === 'tracking' && p.column === 'owner');
  for (const item of owned) {
    if (item.owners.length === 0) {
      if (item.requireOwner && !ownerColumnMissing) {
        problems.push(problem('missing_owner', 'error', item.tab, item.row, 'owner', '', fillNamed(MSG.missingOwner, item.label, item.row, {}), MSG.missingOwnerFix));
      }
      continue;
    }
    for (const name of item.owners) {
      const person = findPerson(workbook.team, name);
      if (!person && hasTeam) {
        problems.push(problem('owner_not_in_team', 'error', item.tab, item.row, 'owner', name, fill(MSG.notInTeam, { name }), fill(MSG.notInTeamFix, { name })));
      } else if (person && person.email === '' && !reported.has(person.name)) {
        reported.add(person.name);
        problems.push(problem('owner_without_email', 'warning', 'team', person.row, 'email', '', fill(MSG.noEmail, { name: person.name }), fill(MSG.noEmailFix, { name: person.name })));
      }
    }
  }
  const byName = new Map<string, number[]>();
  for (const person of workbook.team) {
    const key = person.name.trim().toLowerCase();
    if (key !== '') byName.set(key, [...(byName.get(key) ?? []), person.row]);
  }
  for (const [, rows] of byName) {
    if (rows.length > 1) {
      const name = workbook.team.find((p) => p.row === rows[0])!.name;
      problems.push(problem('duplicate_person', 'warning', 'team', rows[1]!, 'name', name, fill(MSG.duplicate, { name, rows: rows.join(', ') }), MSG.duplicateFix));
    }
  }
  return problems;
}

/** Monthly team targets must add up to the cycle target; owners' shares to the team target. */
function goalSumProblems(workbook: Workbook): Problem[] {
  const problems: Problem[] = [];
  const groups = goalTargets(workbook);
  const idOf = (g: { metric: string; metricKey: string | null }): string => g.metricKey ?? g.metric.trim().toLowerCase();
  for (const group of groups) {
    if (group.period.kind !== 'cycle') continue;
    const monthly = groups.filter((g) => g.period.kind === 'month' && idOf(g) === idOf(group) && g.teamTarget !== null);
    if (group.team !== null && group.team.target !== null && monthly.length > 0) {
      const sum = monthly.reduce((total, g) => total + g.teamTarget!, 0);
      const target = group.team.target;
      if (Math.abs(sum - target) > 1e-9 * Math.max(1, Math.abs(target))) {
        const rows = monthly.flatMap((g) => (g.team ? [g.team.row] : g.shares.map((s) => s.row))).join(', ');
        problems.push(problem('monthly_sum_mismatch', 'error', 'goals', group.team.row, 'target', String(target),
          fill(MSG.monthlySum, { metric: group.metric, sum: round(sum), target: round(target) }), fill(MSG.monthlySumFix, { rows })));
      }
    }
  }
  for (const group of groups) {
    const shares = group.shares.filter((g) => g.target !== null);
    if (shares.length === 0 || group.teamTarget === null || group.teamTargetFrom === 'shares') continue;
    const sum = shares.reduce((total, g) => total + g.target!, 0);
    if (Math.abs(sum - group.teamTarget) <= 1e-9 * Math.max(1, Math.abs(group.teamTarget))) continue;
    const period = group.period.kind === 'month' ? group.period.month : group.period.label;
    const owners = (lang: 'en' | 'zh'): string =>
      shares.map((g) => `${g.owners.join(lang === 'zh' ? '、' : ', ')} ${round(g.target!)}`).join(lang === 'zh' ? '，' : '; ');
    const from = group.team ? fill(MSG.fromGoals, { row: group.team.row }) : MSG.fromEvaluation;
    const params = { metric: group.metric, period, sum: round(sum), target: round(group.teamTarget) };
    problems.push(problem('owner_sum_mismatch', 'error', 'goals', shares[0]!.row, 'target', String(round(sum)), {
      en: fill(MSG.ownerSum, { ...params, owners: owners('en'), from: from.en }).en,
      zh: fill(MSG.ownerSum, { ...params, owners: owners('zh'), from: from.zh }).zh,
    }, fill(MSG.ownerSumFix, { rows: shares.map((g) => g.row).join(', ') })));
  }
  return problems;
}

/** Weekly log rows that repeat another row's week, owner and channel: their figures would be counted twice. */
function duplicateWeeklyProblems(workbook: Workbook): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, number>();
  for (const entry of workbook.weekly) {
    if (entry.week === null) continue;
    const owners = entry.owners.map(personKey).sort().join('\u0000');
    const key = `${entry.week}\u0001${owners}\u0001${entry.channel.trim().toLowerCase()}`;
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, entry.row);
      continue;
    }
    const channel = (lang: 'en' | 'zh'): string => (entry.channel.trim() === '' ? MSG.noChannel[lang] : entry.channel.trim());
    const params = { week: isoFromDay(entry.week), owner: entry.owners.join(', ') || '—', first: earlier };
    problems.push(problem('duplicate_weekly', 'warning', 'weekly', entry.row, 'week', isoFromDay(entry.week), {
      en: fill(MSG.duplicateWeekly, { ...params, channel: channel('en') }).en,
      zh: fill(MSG.duplicateWeekly, { ...params, channel: channel('zh') }).zh,
    }, fill(MSG.duplicateWeeklyFix, { first: earlier })));
  }
  return problems;
}

/** A message about a row, naming it by its text, or by its row number when that cell is blank. */
function fillNamed(text: Bilingual, name: string, row: number, params: Record<string, string | number>): Bilingual {
  const label = name === '' ? { en: `row ${row}`, zh: `第 ${row} 行` } : { en: name, zh: name };
  return { en: fill(text, { ...params, task: label.en }).en, zh: fill(text, { ...params, task: label.zh }).zh };
}

function round(n: number): string {
  return formatNumber(n);
}

/** The day a task is due: its planned date's last day, or the next step's due date when that is later. */
export function taskDueDay(task: Workbook['tasks'][number]): Day | null {
  return taskDue(task)?.day ?? null;
}

/** The task's due day and the column it comes from (Planned date, or Next step due when that is later). */
export function taskDue(task: Workbook['tasks'][number]): { day: Day; column: 'plannedDate' | 'nextStepDue' } | null {
  const planned = task.planned?.end ?? null;
  const next = task.nextStepDue?.end ?? null;
  if (planned === null && next === null) return null;
  if (next !== null && (planned === null || next > planned)) return { day: next, column: 'nextStepDue' };
  return { day: planned!, column: 'plannedDate' };
}

/**
 * Whether a task is overdue: not done, and its due day (taskDue) is past — by workdays with a work calendar on
 * (workCalendar.daysLate). The one rule of Check data, the reminders, the report and the per-owner tables.
 */
export function isTaskOverdue(task: Workbook['tasks'][number], today: Day, calendar: WorkCalendar): boolean {
  const due = taskDueDay(task);
  return task.status !== 'done' && due !== null && daysLate(calendar, due, today) > 0;
}

function taskProblems(workbook: Workbook, time: TimeContext): Problem[] {
  const problems: Problem[] = [];
  const calendar = workCalendar(workbook.settings.workCalendar);
  for (const task of workbook.tasks) {
    if (task.status === 'done') continue;
    const due = taskDue(task);
    // With a work calendar on, days late and days without an update count workdays (see workCalendar.daysLate).
    const late = due === null ? 0 : daysLate(calendar, due.day, time.today);
    if (due !== null && late > 0) {
      // The message names the column whose date it quotes.
      const header = tabSpec('tracking').columns.find((c) => c.key === due.column)!.header;
      const message = fillNamed(calendarOn(calendar) ? MSG.overdueWorkdays : MSG.overdue, task.task, task.row, { due: isoFromDay(due.day), days: late, column: '{column}' });
      problems.push(problem('task_overdue', 'warning', 'tracking', task.row, due.column, isoFromDay(due.day),
        { en: fill(message, { column: header.en }).en, zh: fill(message, { column: header.zh }).zh },
        { en: fill(MSG.overdueFix, { column: header.en }).en, zh: fill(MSG.overdueFix, { column: header.zh }).zh }));
    }
    const idle = task.updated === null ? 0 : daysLate(calendar, task.updated, time.today);
    if (task.updated !== null && idle >= (calendarOn(calendar) ? STALE_AFTER_WORKDAYS : STALE_AFTER_DAYS)) {
      const owner = task.owners.join(', ') || '—';
      problems.push(problem('task_stale', 'warning', 'tracking', task.row, 'updated', isoFromDay(task.updated),
        fillNamed(MSG.stale, task.task, task.row, { updated: isoFromDay(task.updated) }), fill(MSG.staleFix, { owner })));
    }
  }
  return problems;
}

function cycleProblems(workbook: Workbook): Problem[] {
  const { settings } = workbook;
  if (workbook.missingTabs.includes('settings')) return [];
  // A value that could not be read is already reported on its own row; only blank ones are reported here.
  const unreadable = new Set(workbook.problems.filter((p) => p.tab === 'settings' && p.code === 'setting_invalid').map((p) => p.row));
  const missing = (['cycle', 'cycleStart', 'cycleEnd'] as const).filter((key) => {
    const blank = key === 'cycle' ? settings.cycle === '' : settings[key] === null;
    return blank && !unreadable.has(settings.rowOf[key] ?? null);
  });
  const problems: Problem[] = [];
  if (missing.length > 0) {
    const labels = missing.map((key) => settingSpec(key).label);
    problems.push(problem('setting_invalid', 'error', 'settings', settings.rowOf[missing[0]!] ?? null, 'value', '', {
      en: fill(MSG.noCycle, { missing: labels.map((l) => l.en).join(', ') }).en,
      zh: fill(MSG.noCycle, { missing: labels.map((l) => l.zh).join('、') }).zh,
    }, MSG.noCycleFix));
    return problems;
  }
  if (settings.cycleStart === null || settings.cycleEnd === null) return problems;
  const start = settings.cycleStart!;
  const end = settings.cycleEnd!;
  if (end < start) {
    problems.push(problem('setting_invalid', 'error', 'settings', settings.rowOf.cycleEnd ?? null, 'value', isoFromDay(end),
      fill(MSG.cycleInverted, { start: isoFromDay(start), end: isoFromDay(end) }), MSG.noCycleFix));
    return problems;
  }
  for (const entry of workbook.weekly) {
    // A week that starts up to six days before the cycle still overlaps it.
    if (entry.week !== null && (entry.week < start - 6 || entry.week > end)) {
      problems.push(problem('weekly_outside_cycle', 'warning', 'weekly', entry.row, 'week', isoFromDay(entry.week),
        fill(MSG.weeklyOutside, { week: isoFromDay(entry.week), start: isoFromDay(start), end: isoFromDay(end) }), MSG.weeklyOutsideFix));
    }
  }
  return problems;
}

const TAB_ORDER: readonly TabKey[] = ['settings', 'team', 'goals', 'strategy', 'tracking', 'weekly', 'evaluation', 'costs', 'retrospective', 'playbook', 'log'];

/**
 * Every problem in the workbook, in tab then row order: what Check data shows and the report lists. The plan
 * review's findings are among them; `previous` (earlier cycles from archives or History) adds its history checks.
 */
export function checkWorkbook(workbook: Workbook, time: TimeContext, previous: readonly PreviousCycle[] = []): Problem[] {
  const { settings } = workbook;
  const calendar = calendarProblems(workCalendar(settings.workCalendar), settings.cycleStart, settings.cycleEnd, settings.rowOf.workCalendar ?? null);
  const all = [
    ...workbook.problems, ...cycleProblems(workbook), ...calendar, ...ownerProblems(workbook), ...goalSumProblems(workbook),
    ...duplicateWeeklyProblems(workbook), ...evaluateMetrics(workbook, time.today).problems, ...taskProblems(workbook, time),
    ...planProblems(workbook, previous),
  ];
  return all
    .map((p, i) => ({ p, i }))
    .sort((a, b) => TAB_ORDER.indexOf(a.p.tab) - TAB_ORDER.indexOf(b.p.tab) || (a.p.row ?? 0) - (b.p.row ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}
