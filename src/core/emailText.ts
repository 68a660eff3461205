/**
 * The reminder emails' words (English and Simplified Chinese) and their rendering as HTML and plain
 * text. Every text that came from a cell is escaped in the HTML; subjects never carry a line break.
 */
import { formatNumber, formatPercent } from './format';
import type { DigestKind, ManagerSummary, OwnerDigest, RetroActionItem, Risk, SkipReason, TaskItem } from './digest';
import { escapeHtml, htmlTable } from './html';
import { lastCheckInText } from './ownerPerformance';
import { UI } from './messages';
import { changesPart, helpPart, myWeekHintPart } from './weeklyText';
import type { WeekChange } from './weekChange';
import { type Bilingual, type Lang, fill, joinClauses, joinList, pick } from './i18n';
import type { MetricKey } from './catalogue';
import { STATUS_COLORS } from './colors';
import type { Status } from './metrics';
import { METRIC_STATUS, TASK_STATUS, optionLabel } from './options';
import { columnSpec, settingSpec, tabSpec, type TabKey } from './schema';
import { isoFromDay, monthOf, type Day } from './values';

export interface RenderContext {
  readonly lang: Lang;
  /** Team name from Settings (else the region); may be empty. */
  readonly team: string;
  readonly cycle: string;
  readonly kind: DigestKind;
  readonly period: string;
  readonly today: Day;
  readonly weekStart: Day;
  /** ISO week of today. */
  readonly week: { readonly year: number; readonly week: number };
  readonly sheetUrl: string;
  /** Link to the Weekly log tab, or ''. */
  readonly weeklyLink: string;
  /** Whose account sends, or ''. */
  readonly sentBy: string;
  readonly maxItems: number;
  /** A work calendar is on: days overdue are workdays (Settings → Work calendar). */
  readonly workdays?: boolean;
  /** Settings → Currency unit (万元, 10k CNY): money figures carry it; '' when not set. */
  readonly currencyUnit?: string;
  /** This week's weekly tracking sheet (menu → Weekly tracking sheet), for the managers' summary; null when not made yet. */
  readonly weeklySheet?: { readonly name: string; readonly url: string } | null;
}

export interface RenderedEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

const b = (en: string, zh: string): Bilingual => ({ en, zh });

/** Every word of the reminder emails. Templates hold no HTML: they are filled, then escaped as a whole. */
export const EMAIL_TEXT = {
  defaultTeam: b('Market expansion', '市场拓展'),
  weekLabel: b('{year}-W{week2}', '{year}年第{week}周'),
  periodWeek: b('week {week}', '{week}'),
  periodDay: b('{date} (daily)', '{date}（每日）'),
  periodMonth: b('{year}-{month2} (month end)', '{year}年{month}月（月末）'),
  kindWeekly: b('weekly digest', '每周摘要'),
  kindDaily: b('daily digest', '每日摘要'),
  kindMonthly: b('month-end digest', '月末摘要'),
  subjectWeekly: b('[{team}] Your reminders, week {week}', '【{team}】本周提醒（{week}）'),
  subjectDaily: b('[{team}] Daily reminders, {date} (week {week})', '【{team}】每日提醒（{date}，{week}）'),
  subjectMonthly: b('[{team}] Month-end reminders, {month} (week {week})', '【{team}】月末提醒（{month}，{week}）'),
  subjectSummary: b('[{team}] Weekly summary, week {week}', '【{team}】每周汇总（{week}）'),
  greeting: b('Hello {name},', '{name}，您好：'),
  introWeekly: b(
    'Here is what needs your attention in {team} ({cycle}), week {week} ({from} to {to}). Please update your rows in Tracking before the weekly progress meeting.',
    '以下是{team}（{cycle}）本周（{week}，{from} 至 {to}）需要您关注的事项。请在每周进度会前更新“执行跟踪”中您负责的行。',
  ),
  introDaily: b(
    'Your daily-tracked tasks in {team} ({cycle}) for {date}. Please update them in Tracking today.',
    '以下是{team}（{cycle}）{date} 需要每日跟踪的任务，请今天在“执行跟踪”中更新。',
  ),
  introMonthly: b(
    'Your monthly-tracked tasks in {team} ({cycle}) at the end of {month}. Please update them in Tracking.',
    '以下是{team}（{cycle}）{month} 月末需要跟踪的月度任务，请在“执行跟踪”中更新。',
  ),
  introMonthlyDaily: b(
    'Your monthly-tracked tasks in {team} ({cycle}) at the end of {month}, and your daily-tracked tasks for {date}. Please update them in Tracking.',
    '以下是{team}（{cycle}）{month} 月末需要跟踪的月度任务，以及 {date} 需要每日跟踪的任务，请在“执行跟踪”中更新。',
  ),
  sectionOverdue: b('Overdue', '已逾期'),
  sectionDueSoon: b('Due in the next 7 days', '未来 7 天内到期'),
  sectionDueSoonDaily: b('Due today or tomorrow', '今天或明天到期'),
  sectionStale: b('Not updated this week', '本周未更新'),
  sectionStaleDaily: b('Not updated since yesterday', '昨天以来未更新'),
  sectionStaleMonthly: b('Not updated this month', '本月未更新'),
  sectionStaleDailyTasks: b('Daily tasks not updated since yesterday', '昨天以来未更新的每日任务'),
  sectionRetro: b('Retrospective actions due', '到期的复盘优化事项'),
  sectionNumbers: b("This week's numbers", '本周数据'),
  overdueOne: b('1 day overdue (due {due})', '逾期 1 天（截止 {due}）'),
  overdueMany: b('{days} days overdue (due {due})', '逾期 {days} 天（截止 {due}）'),
  overdueOneWorkday: b('1 workday overdue (due {due})', '逾期 1 个工作日（截止 {due}）'),
  overdueManyWorkdays: b('{days} workdays overdue (due {due})', '逾期 {days} 个工作日（截止 {due}）'),
  dueToday: b('due today ({due})', '今天到期（{due}）'),
  dueTomorrow: b('due tomorrow ({due})', '明天到期（{due}）'),
  dueIn: b('due in {days} days ({due})', '{days} 天后到期（{due}）'),
  neverUpdated: b('never updated', '从未更新'),
  lastUpdated: b('last updated {date}', '上次更新 {date}'),
  alsoStale: b('not updated this week', '本周未更新'),
  status: b('status: {status}', '状态：{status}'),
  nextStep: b('next step: {text}', '下一步计划：{text}'),
  module: b('module: {text}', '复盘模块：{text}'),
  daily: b('tracked daily', '每日跟踪'),
  monthly: b('tracked monthly', '每月跟踪'),
  rowRef: b('{tab}, row {row}', '{tab} 第 {row} 行'),
  more: b('… and {count} more: filter {tab} by your name to see them all.', '……另有 {count} 项：请在“{tab}”中按您的姓名筛选查看。'),
  numbersRequest: b(
    "Please enter this week's numbers (week of {from}) in Weekly log: {columns}.",
    '请在“周报”中填写本周（{from} 起）的数据：{columns}。',
  ),
  openWeekly: b('Open Weekly log', '打开周报'),
  openSheet: b('Open the sheet', '打开表格'),
  weeklySheetLink: b('This week\'s tracking sheet for the meeting: {name}', '本周执行跟踪表（周会用）：{name}'),
  weeklySheetNone: b('This week\'s tracking sheet for the meeting is not made yet: {menu} → {item} makes it.', '本周执行跟踪表（周会用）尚未生成：可通过“{menu} → {item}”生成。'),
  footerBy: b(
    'Sent automatically by {account} from the {team} market-expansion sheet. To stop these emails, set Reminders to No on your row in Team.',
    '本邮件由 {account} 从{team}市场拓展表格自动发送。如不想再收到，请在“团队”中将您的“接收提醒”设为“否”。',
  ),
  footer: b(
    'Sent automatically from the {team} market-expansion sheet. To stop these emails, set Reminders to No on your row in Team.',
    '本邮件由{team}市场拓展表格自动发送。如不想再收到，请在“团队”中将您的“接收提醒”设为“否”。',
  ),
  footerManagerBy: b(
    'Sent automatically by {account} from the {team} market-expansion sheet. You get this summary because your address is in {settings} → {managerEmails}; to stop it, remove your address there.',
    '本邮件由 {account} 从{team}市场拓展表格自动发送。您收到此汇总，是因为您的邮箱在“{settings} → {managerEmails}”中；如不想再收到，请从中删除您的邮箱。',
  ),
  footerManager: b(
    'Sent automatically from the {team} market-expansion sheet. You get this summary because your address is in {settings} → {managerEmails}; to stop it, remove your address there.',
    '本邮件由{team}市场拓展表格自动发送。您收到此汇总，是因为您的邮箱在“{settings} → {managerEmails}”中；如不想再收到，请从中删除您的邮箱。',
  ),
  summaryIntro: b('{team} ({cycle}), week {week} ({from} to {to}).', '{team}（{cycle}），{week}（{from} 至 {to}）。'),
  summaryCycleDay: b('Day {day} of {days} of the cycle.', '周期第 {day} 天，共 {days} 天。'),
  summaryTargets: b('Targets against what is expected by today', '目标进度（对比截至今日应完成）'),
  summaryOwners: b('Progress and work by owner', '按责任人统计进度与任务'),
  ownerTarget: b('{metric}: {actual} against {expected} expected ({rate}, {status})', '{metric}：实际 {actual}，应完成 {expected}（{rate}，{status}）'),
  ownerTeamTarget: b('team target', '团队目标'),
  summaryRisks: b('Biggest risks', '主要风险'),
  summaryProblems: b('Data problems (Check data)', '数据问题（检查数据）'),
  summaryProblemsIntro: b('Check data finds {count} {count:problem|problems} in the sheet, each with how to fix it:', '“检查数据”发现 {count} 个问题，修改方法如下：'),
  summaryProblemsMore: b('Check data finds {count} problems; the first {shown} are below, the rest in Check data.', '“检查数据”发现 {count} 个问题，以下列出前 {shown} 个，其余请在“检查数据”中查看。'),
  summarySkipped: b('Not reminded', '未发送提醒'),
  summarySent: b(
    'Owner reminders planned for this week: {count}. Any the daily mail quota holds back are sent automatically later; {log} lists every email sent.',
    '本周计划向责任人发送提醒：{count} 封。因每日邮件配额暂缓的提醒会稍后自动发送；每封邮件的发送情况见“{log}”。',
  ),
  summaryWritten: b('Owner reminders written for this week: {count}.', '本周已生成责任人提醒：{count} 封。'),
  noTargets: b('No targets in Goals yet.', '“目标”中尚无目标。'),
  noOwners: b('No owner has a target, a task or a Weekly log row yet.', '尚无责任人有目标、任务或周报记录。'),
  noRisks: b('No risks found.', '未发现风险。'),
  colMetric: b('Metric', '指标'),
  colTarget: b('Cycle target', '周期目标'),
  colExpected: b('Expected by today', '截至今日应完成'),
  colActual: b('Actual', '实际完成'),
  colRate: b('Achievement vs expected', '达成率（对比应完成）'),
  colStatus: b('Status', '状态'),
  colProjection: b('Projected at cycle end', '按当前进度预计'),
  colPerWeek: b('Needed per week', '每周还需'),
  colOwner: b('Owner', '责任人'),
  colTargets: b('Targets against what is expected by today', '目标进度（对比截至今日应完成）'),
  colOpen: b('Open tasks', '未完成任务'),
  colOverdue: b('Overdue tasks', '逾期任务'),
  colLastCheckIn: b('Last check-in', '最近更新'),
  colStale: b('Not updated this week', '本周未更新'),
  colRetroOverdue: b('Overdue retrospective actions', '逾期复盘事项'),
  colName: b('Name', '姓名'),
  colEmail: b('Email', '邮箱'),
  colReason: b('Reason', '原因'),
  colRows: b('Rows', '行'),
  riskMetric: b('{metric}: {actual} against {expected} expected by today ({rate}, {status}); projected {projection} of {target}', '{metric}：截至今日应完成 {expected}，实际 {actual}（达成率 {rate}，{status}）；按当前进度预计 {projection}，目标 {target}'),
  // A rate, an average or a ratio has no projection to the cycle end: its target is what is expected by today.
  riskMetricNoProjection: b('{metric}: {actual} against {expected} expected by today ({rate}, {status})', '{metric}：截至今日应完成 {expected}，实际 {actual}（达成率 {rate}，{status}）'),
  riskTask: b('{task} ({owners}): {days} days overdue', '{task}（{owners}）：逾期 {days} 天'),
  riskTaskOne: b('{task} ({owners}): 1 day overdue', '{task}（{owners}）：逾期 1 天'),
  riskTaskWorkdays: b('{task} ({owners}): {days} workdays overdue', '{task}（{owners}）：逾期 {days} 个工作日'),
  riskTaskOneWorkday: b('{task} ({owners}): 1 workday overdue', '{task}（{owners}）：逾期 1 个工作日'),
  riskRetroWorkdays: b('Retrospective action "{action}" ({owners}): {days} workdays overdue', '复盘优化事项“{action}”（{owners}）：逾期 {days} 个工作日'),
  riskBlocked: b('{task} ({owners}) is blocked', '{task}（{owners}）受阻'),
  riskRetro: b('Retrospective action "{action}" ({owners}): {days} days overdue', '复盘优化事项“{action}”（{owners}）：逾期 {days} 天'),
  reason_not_in_team: b('not in Team: add them to the Team tab with an email', '不在“团队”中：请在“团队”工作表中添加此人及邮箱'),
  reason_no_email: b('no email in Team: fill in Email on their row', '“团队”中没有邮箱：请在其所在行填写邮箱'),
  reason_invalid_email: b('not a valid email address: correct it', '邮箱地址无效：请更正'),
  reason_domain_not_allowed: b('outside the allowed email domains (Settings)', '不在允许的邮箱域名内（设置）'),
  reason_opted_out: b('Reminders set to No in Team', '“团队”中“接收提醒”设为“否”'),
  testBanner: b('Test: in a real run this email goes to {to}.', '测试邮件：正式发送时，此邮件将发给 {to}。'),
} as const satisfies Record<string, Bilingual>;

export type EmailTextKey = keyof typeof EMAIL_TEXT;

function say(lang: Lang, key: EmailTextKey, params: Record<string, string | number> = {}): string {
  return pick(fill(EMAIL_TEXT[key], params), lang);
}

/** A header value (subject, display name) on one line: CR, LF and other line breaks become spaces. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\u0085\u2028\u2029\t\v\f]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Numbers and dates

/** A figure in an email: the shared number format, or a dash for no data. */
function figure(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '—' : formatNumber(value);
}

function percent(rate: number | null): string {
  return rate === null || !Number.isFinite(rate) ? '—' : formatPercent(rate);
}

function measure(value: number | null, isRate: boolean): string {
  return isRate ? percent(value) : figure(value);
}

/** Metrics counted in whole things (customers, visits, leads, people): never 13.55 customers. */
const COUNTED: ReadonlySet<MetricKey> = new Set<MetricKey>(['new_customers', 'visits', 'leads', 'event_participants']);
/** Metrics in money: they carry Settings → Currency unit. */
const MONEY: ReadonlySet<MetricKey> = new Set<MetricKey>(['revenue', 'total_cost', 'acquisition_cost', 'avg_order_value', 'marketing_spend', 'personnel_cost', 'channel_commission']);

type Which = 'target' | 'actual' | 'expected' | 'projection' | 'perWeek';

/**
 * A target's figure as the email shows it: rates as %, counts in whole numbers (the projection rounded,
 * the weekly need rounded up, since 4.38 customers a week means 5), the pro-rata expected-to-date with one
 * decimal and marked ≈, everything else in the shared number format.
 */
function targetFigure(t: { readonly isRate: boolean; readonly metricKey: MetricKey | null }, value: number | null, which: Which): string {
  if (t.isRate || value === null || !Number.isFinite(value)) return measure(value, t.isRate);
  if (t.metricKey !== null && COUNTED.has(t.metricKey)) {
    if (which === 'expected') return Number.isInteger(value) ? formatNumber(value) : `≈${formatNumber(Math.round(value * 10) / 10)}`;
    return formatNumber(which === 'perWeek' ? Math.ceil(value - 1e-9) : Math.round(value));
  }
  return formatNumber(value);
}

/**
 * The metric's name with its owner when the target is one person's share, and its unit when it is money:
 * "East China revenue (Wang Wu, 10k CNY)", "华东区域销售额（王五，万元）".
 */
function metricName(t: { readonly metric: string; readonly metricKey: MetricKey | null; readonly owner: string | null }, ctx: RenderContext): string {
  const unit = (ctx.currencyUnit ?? '').trim();
  const showUnit = unit !== '' && t.metricKey !== null && MONEY.has(t.metricKey) && !t.metric.includes(unit);
  const parts = [...(t.owner !== null ? [t.owner] : []), ...(showUnit ? [unit] : [])];
  if (parts.length === 0) return t.metric;
  return ctx.lang === 'zh-CN' ? `${t.metric}（${parts.join('，')}）` : `${t.metric} (${parts.join(', ')})`;
}

/** Brackets and label colons in the email's language: "Overdue (2)" / "已逾期（2）", "Status: x" / "状态：x". */
function bracketed(text: string, lang: Lang): string {
  return lang === 'zh-CN' ? `（${text}）` : `(${text})`;
}

function labelled(label: string, value: string, lang: Lang): string {
  return `${label}${lang === 'zh-CN' ? '：' : ': '}${value}`;
}

export function weekLabel(week: { readonly year: number; readonly week: number }, lang: Lang): string {
  return say(lang, 'weekLabel', { year: week.year, week: week.week, week2: String(week.week).padStart(2, '0') });
}

/**
 * A period key (`weekly:2023-W30`, `daily:2023-07-27`, `monthly:2023-07`) as people read it: "week
 * 2023-W30" / "2023年第30周", "2023-07-27 (daily)" / "2023-07-27（每日）", "2023-07 (month end)" /
 * "2023年7月（月末）". The raw keys stay in document properties.
 */
export function periodLabel(period: string, lang: Lang): string {
  const weekly = /^weekly:(\d{4})-W(\d{2})$/.exec(period);
  if (weekly) return say(lang, 'periodWeek', { week: weekLabel({ year: Number(weekly[1]), week: Number(weekly[2]) }, lang) });
  const daily = /^daily:(\d{4}-\d{2}-\d{2})$/.exec(period);
  if (daily) return say(lang, 'periodDay', { date: daily[1] ?? '' });
  const monthly = /^monthly:(\d{4})-(\d{2})$/.exec(period);
  if (monthly) return say(lang, 'periodMonth', { year: monthly[1] ?? '', month: Number(monthly[2]), month2: monthly[2] ?? '' });
  return period;
}

/** A digest kind as people read it ("weekly digest" / "每周摘要"). */
export function kindLabel(kind: DigestKind, lang: Lang): string {
  return say(lang, kind === 'daily' ? 'kindDaily' : kind === 'monthly' ? 'kindMonthly' : 'kindWeekly');
}

function teamName(ctx: RenderContext): string {
  return oneLine(ctx.team) || say(ctx.lang, 'defaultTeam');
}

// ---------------------------------------------------------------------------------------------
// A tiny document model, rendered to both HTML (escaped) and plain text

interface Line {
  readonly label: string;
  readonly href: string;
  readonly ref: string;
  readonly notes: readonly string[];
}

interface Section {
  readonly title: string;
  readonly lines: readonly Line[];
  readonly total: number;
  readonly moreText: string;
}

const STYLE = {
  body: 'font:14px/1.5 Arial,Helvetica,sans-serif;color:#202124;max-width:720px',
  h: 'font-size:15px;margin:18px 0 6px',
  note: 'color:#5f6368;font-size:13px',
  footer: 'color:#5f6368;font-size:12px;border-top:1px solid #dadce0;margin-top:20px;padding-top:8px',
  banner: 'background:#fef7e0;border:1px solid #f9ab00;padding:8px;margin-bottom:12px',
};

function anchor(href: string, label: string): string {
  return href === '' ? escapeHtml(label) : `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
}

function sectionHtml(s: Section, lang: Lang): string {
  const items = s.lines
    .map((l) => `<li style="margin-bottom:6px">${anchor(l.href, l.label)} <span style="${STYLE.note}">${escapeHtml(bracketed(l.ref, lang))}</span>` +
      (l.notes.length > 0 ? `<br><span style="${STYLE.note}">${escapeHtml(l.notes.join(' · '))}</span>` : '') + '</li>')
    .join('');
  const more = s.total > s.lines.length ? `<p style="${STYLE.note}">${escapeHtml(s.moreText)}</p>` : '';
  return `<h3 style="${STYLE.h}">${escapeHtml(`${s.title}${lang === 'zh-CN' ? '' : ' '}${bracketed(String(s.total), lang)}`)}</h3><ul style="padding-left:20px;margin:0">${items}</ul>${more}`;
}

function sectionText(s: Section, lang: Lang): string {
  const lines = s.lines.map((l) => {
    const parts = [`- ${l.label} ${bracketed(l.ref, lang)}`];
    if (l.notes.length > 0) parts.push(`  ${l.notes.join(' · ')}`);
    if (l.href !== '') parts.push(`  ${l.href}`);
    return parts.join('\n');
  });
  if (s.total > s.lines.length) lines.push(s.moreText);
  return `${s.title}${lang === 'zh-CN' ? '' : ' '}${bracketed(String(s.total), lang)}\n${lines.join('\n')}`;
}

function tabLabel(tab: TabKey, lang: Lang): string {
  return pick(tabSpec(tab).name, lang);
}

/** "3 days overdue", or "3 workdays overdue" when a work calendar counts the days. */
function overdueKey(days: number, ctx: RenderContext): EmailTextKey {
  if (ctx.workdays) return days === 1 ? 'overdueOneWorkday' : 'overdueManyWorkdays';
  return days === 1 ? 'overdueOne' : 'overdueMany';
}

function taskLine(item: TaskItem, section: 'overdue' | 'dueSoon' | 'stale', ctx: RenderContext): Line {
  const { lang } = ctx;
  const notes: string[] = [];
  const due = item.due === null ? '' : isoFromDay(item.due);
  if (section === 'overdue') notes.push(say(lang, overdueKey(item.daysOverdue, ctx), { days: item.daysOverdue, due }));
  if (section === 'dueSoon') {
    const left = -item.daysOverdue;
    notes.push(left === 0 ? say(lang, 'dueToday', { due }) : left === 1 ? say(lang, 'dueTomorrow', { due }) : say(lang, 'dueIn', { days: left, due }));
    if (item.stale && ctx.kind === 'weekly') notes.push(say(lang, 'alsoStale'));
  }
  if (section === 'stale' || section === 'overdue') {
    notes.push(item.updated === null ? say(lang, 'neverUpdated') : say(lang, 'lastUpdated', { date: isoFromDay(item.updated) }));
  }
  if (item.status !== null) notes.push(say(lang, 'status', { status: pick(optionLabel(TASK_STATUS, item.status), lang) }));
  if (item.frequency === 'daily' && ctx.kind !== 'daily') notes.push(say(lang, 'daily'));
  if (item.frequency === 'monthly' && ctx.kind !== 'monthly') notes.push(say(lang, 'monthly'));
  if (item.nextStep !== '') notes.push(say(lang, 'nextStep', { text: item.nextStep }));
  const label = item.stage !== '' ? `${item.task} [${item.stage}]` : item.task;
  return { label, href: item.link, ref: say(lang, 'rowRef', { tab: tabLabel(item.tab, lang), row: item.row }), notes };
}

function retroLine(item: RetroActionItem, ctx: RenderContext): Line {
  const { lang } = ctx;
  const due = isoFromDay(item.due);
  const notes: string[] = [];
  if (item.daysOverdue > 0) notes.push(say(lang, overdueKey(item.daysOverdue, ctx), { days: item.daysOverdue, due }));
  else {
    const left = -item.daysOverdue;
    notes.push(left === 0 ? say(lang, 'dueToday', { due }) : left === 1 ? say(lang, 'dueTomorrow', { due }) : say(lang, 'dueIn', { days: left, due }));
  }
  if (item.module !== '') notes.push(say(lang, 'module', { text: item.module }));
  return { label: item.suggestion || item.module, href: item.link, ref: say(lang, 'rowRef', { tab: tabLabel(item.tab, lang), row: item.row }), notes };
}

function section<T>(title: string, items: readonly T[], toLine: (item: T) => Line, ctx: RenderContext, tab: TabKey): Section | null {
  if (items.length === 0) return null;
  const shown = items.slice(0, Math.max(1, ctx.maxItems));
  return {
    title, lines: shown.map(toLine), total: items.length,
    moreText: say(ctx.lang, 'more', { count: items.length - shown.length, tab: tabLabel(tab, ctx.lang) }),
  };
}

function footerText(ctx: RenderContext): string {
  const team = teamName(ctx);
  return ctx.sentBy !== '' ? say(ctx.lang, 'footerBy', { account: ctx.sentBy, team }) : say(ctx.lang, 'footer', { team });
}

/** Managers come from Settings → Manager emails (not from Team), so their footer says where to stop it. */
function managerFooterText(ctx: RenderContext): string {
  const params = {
    team: teamName(ctx), account: ctx.sentBy, settings: tabLabel('settings', ctx.lang), managerEmails: pick(settingSpec('managerEmails').label, ctx.lang),
  };
  return say(ctx.lang, ctx.sentBy !== '' ? 'footerManagerBy' : 'footerManager', params);
}

function subjectFor(ctx: RenderContext, role: 'owner' | 'manager'): string {
  const params = {
    team: teamName(ctx), week: weekLabel(ctx.week, ctx.lang), date: isoFromDay(ctx.today), month: monthOf(ctx.today),
  };
  if (role === 'manager') return oneLine(say(ctx.lang, 'subjectSummary', params));
  const key = ctx.kind === 'daily' ? 'subjectDaily' : ctx.kind === 'monthly' ? 'subjectMonthly' : 'subjectWeekly';
  return oneLine(say(ctx.lang, key, params));
}

function wrapHtml(inner: string): string {
  return `<!DOCTYPE html><html><body><div style="${STYLE.body}">${inner}</div></body></html>`;
}

// ---------------------------------------------------------------------------------------------
// Owner digest

export function renderOwnerEmail(digest: OwnerDigest, ctx: RenderContext): RenderedEmail {
  const { lang } = ctx;
  const team = teamName(ctx);
  const cycle = oneLine(ctx.cycle);
  const introParams = {
    team, cycle, week: weekLabel(ctx.week, lang), from: isoFromDay(ctx.weekStart), to: isoFromDay(ctx.weekStart + 6),
    date: isoFromDay(ctx.today), month: monthOf(ctx.today),
  };
  // The month-end digest replaces that day's daily digest: it holds daily tasks (daily rules) too.
  const hasDaily = ctx.kind === 'monthly' && [...digest.overdue, ...digest.dueSoon, ...digest.stale].some((t) => t.frequency === 'daily');
  const intro = say(lang, ctx.kind === 'daily' ? 'introDaily' : ctx.kind === 'monthly' ? (hasDaily ? 'introMonthlyDaily' : 'introMonthly') : 'introWeekly', introParams);
  const dueTitle = ctx.kind === 'daily' ? 'sectionDueSoonDaily' : 'sectionDueSoon';
  const staleTitle = ctx.kind === 'daily' ? 'sectionStaleDaily' : ctx.kind === 'monthly' ? 'sectionStaleMonthly' : 'sectionStale';
  const splitStale = ctx.kind === 'monthly';
  const staleMain = splitStale ? digest.stale.filter((t) => t.frequency !== 'daily') : digest.stale;
  const staleDaily = splitStale ? digest.stale.filter((t) => t.frequency === 'daily') : [];
  const sections = [
    section(say(lang, 'sectionOverdue'), digest.overdue, (i) => taskLine(i, 'overdue', ctx), ctx, 'tracking'),
    section(say(lang, dueTitle), digest.dueSoon, (i) => taskLine(i, 'dueSoon', ctx), ctx, 'tracking'),
    section(say(lang, staleTitle), staleMain, (i) => taskLine(i, 'stale', ctx), ctx, 'tracking'),
    section(say(lang, 'sectionStaleDailyTasks'), staleDaily, (i) => taskLine(i, 'stale', ctx), ctx, 'tracking'),
    section(say(lang, 'sectionRetro'), digest.retro, (i) => retroLine(i, ctx), ctx, 'retrospective'),
  ].filter((s): s is Section => s !== null);

  const columns = joinList((['visits', 'leads', 'newCustomers', 'revenue', 'cost'] as const).map((k) => pick(columnSpec('weekly', k).header, lang)), lang);
  const numbers = digest.numbersRequest ? say(lang, 'numbersRequest', { from: isoFromDay(ctx.weekStart), columns }) : '';
  const greeting = say(lang, 'greeting', { name: oneLine(digest.name) });
  const footer = footerText(ctx);
  // The sheet opens at the person's own first row, and the email says how to open My week there.
  const sheetLink = digest.firstRow?.link || ctx.sheetUrl;
  const myWeek = ctx.sheetUrl !== '' ? myWeekHintPart(digest.firstRow, pick(UI.menuTitle, lang), pick(UI.myWeek, lang), lang) : null;

  const html = wrapHtml([
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    ...sections.map((section) => sectionHtml(section, lang)),
    numbers !== '' ? `<h3 style="${STYLE.h}">${escapeHtml(say(lang, 'sectionNumbers'))}</h3><p>${escapeHtml(numbers)}` +
      (ctx.weeklyLink !== '' ? ` ${anchor(ctx.weeklyLink, say(lang, 'openWeekly'))}` : '') + '</p>' : '',
    myWeek?.html ?? '',
    sheetLink !== '' ? `<p>${anchor(sheetLink, say(lang, 'openSheet'))}</p>` : '',
    `<p style="${STYLE.footer}">${escapeHtml(footer)}</p>`,
  ].join(''));

  const text = [
    greeting, '', intro, '',
    ...sections.flatMap((section) => [sectionText(section, lang), '']),
    ...(numbers !== '' ? [say(lang, 'sectionNumbers'), numbers + (ctx.weeklyLink !== '' ? `\n${ctx.weeklyLink}` : ''), ''] : []),
    ...(myWeek ? [myWeek.text, ''] : []),
    ...(sheetLink !== '' ? [`${say(lang, 'openSheet')}: ${sheetLink}`, ''] : []),
    '--', footer,
  ].join('\n');

  return { subject: subjectFor(ctx, 'owner'), html, text };
}

// ---------------------------------------------------------------------------------------------
// Managers' summary

/** The inline style of a status cell: the sheet's status colour behind dark text, bold when off track. */
function statusStyle(status: Status): string {
  return `background-color:${STATUS_COLORS[status]};color:#202124${status === 'off_track' || status === 'missed' ? ';font-weight:bold' : ''}`;
}

function riskText(risk: Risk, ctx: RenderContext, workdays = false): { text: string; href: string } {
  const { lang } = ctx;
  const sep = lang === 'zh-CN' ? '、' : ', ';
  if (risk.kind === 'metric') {
    const t = risk.target;
    return {
      text: say(lang, t.projection === null ? 'riskMetricNoProjection' : 'riskMetric', {
        metric: metricName(t, ctx), actual: targetFigure(t, t.actual, 'actual'), expected: targetFigure(t, t.expected, 'expected'), rate: percent(t.rate),
        status: pick(optionLabel(METRIC_STATUS, t.status), lang), projection: targetFigure(t, t.projection, 'projection'), target: targetFigure(t, t.target, 'target'),
      }),
      href: '',
    };
  }
  if (risk.kind === 'retro') {
    return { text: say(lang, workdays ? 'riskRetroWorkdays' : 'riskRetro', { action: risk.item.suggestion || risk.item.module, owners: risk.owners.join(sep), days: risk.item.daysOverdue }), href: risk.item.link };
  }
  const params = { task: risk.item.task, owners: risk.owners.join(sep), days: risk.item.daysOverdue };
  if (risk.kind === 'blocked') return { text: say(lang, 'riskBlocked', params), href: risk.item.link };
  const key: EmailTextKey = workdays ? (risk.item.daysOverdue === 1 ? 'riskTaskOneWorkday' : 'riskTaskWorkdays') : risk.item.daysOverdue === 1 ? 'riskTaskOne' : 'riskTask';
  return { text: say(lang, key, params), href: risk.item.link };
}

export function skipReasonText(reason: SkipReason, lang: Lang): string {
  return say(lang, `reason_${reason}`);
}

/** Data problems listed in the managers' summary; the rest are in Check data. */
const SUMMARY_PROBLEMS_SHOWN = 5;

export function renderManagerEmail(summary: ManagerSummary, ctx: RenderContext): RenderedEmail {
  const { lang } = ctx;
  const team = teamName(ctx);
  const h = (key: EmailTextKey): string => say(lang, key);
  const intro = say(lang, 'summaryIntro', {
    team, cycle: oneLine(ctx.cycle), week: weekLabel(ctx.week, lang), from: isoFromDay(ctx.weekStart), to: isoFromDay(ctx.weekStart + 6),
  });
  const cycleDay = summary.cycleDay !== null && summary.cycleDays !== null ? say(lang, 'summaryCycleDay', { day: summary.cycleDay, days: summary.cycleDays }) : '';

  const targetHeader = [h('colMetric'), h('colTarget'), h('colExpected'), h('colActual'), h('colRate'), h('colStatus'), h('colProjection'), h('colPerWeek')];
  const targetRows = summary.targets.map((t) => [
    metricName(t, ctx), targetFigure(t, t.target, 'target'), targetFigure(t, t.expected, 'expected'), targetFigure(t, t.actual, 'actual'), percent(t.rate),
    pick(optionLabel(METRIC_STATUS, t.status), lang), targetFigure(t, t.projection, 'projection'), targetFigure(t, t.perWeek, 'perWeek'),
  ]);
  // Status cells coloured with inline styles (Gmail and Outlook drop <style> blocks and classes).
  const statusOfRow = summary.targets.map((t) => t.status);
  const statusColumn = 5;
  const targetCellStyle = (row: number, column: number): string => (column === statusColumn ? statusStyle(statusOfRow[row] ?? 'no_data') : '');
  // Each owner's targets (their share, or the team's target they answer for), work and last check-in.
  const ownerHeader = [h('colOwner'), h('colTargets'), h('colOpen'), h('colOverdue'), h('colStale'), h('colRetroOverdue'), h('colLastCheckIn')];
  const sep = lang === 'zh-CN' ? '；' : '; ';
  const ownerTarget = (t: ManagerSummary['owners'][number]['targets'][number]): string => {
    const name = metricName({ ...t, owner: t.scope === 'team' ? h('ownerTeamTarget') : null }, ctx);
    return say(lang, 'ownerTarget', {
      metric: name, actual: t.status === 'check_data' ? pick(optionLabel(METRIC_STATUS, 'check_data'), lang) : targetFigure(t, t.actual, 'actual'),
      expected: targetFigure(t, t.expected, 'expected'), rate: percent(t.rate), status: pick(optionLabel(METRIC_STATUS, t.status), lang),
    });
  };
  const ownerRows = summary.owners.map((o) => [
    o.name, o.targets.length === 0 ? '—' : o.targets.map(ownerTarget).join(sep), String(o.open), String(o.overdue), String(o.stale), String(o.retroOverdue),
    lastCheckInText(o, lang),
  ]);
  const risks = summary.risks.map((r) => riskText(r, ctx, ctx.workdays ?? false));
  // Check data's list, errors first: the same problems the sheet, the report and the command line show.
  const problems = [...summary.problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const problemLines = problems.slice(0, SUMMARY_PROBLEMS_SHOWN).map((p) =>
    labelled(say(lang, 'rowRef', { tab: tabLabel(p.tab, lang), row: p.row ?? '—' }), [pick(p.message, lang), pick(p.fix, lang)].join(lang === 'zh-CN' ? '' : ' '), lang));
  const problemIntro = say(lang, problems.length > SUMMARY_PROBLEMS_SHOWN ? 'summaryProblemsMore' : 'summaryProblemsIntro', {
    count: problems.length, shown: SUMMARY_PROBLEMS_SHOWN,
  });
  const skippedHeader = [h('colName'), h('colEmail'), h('colReason'), h('colRows')];
  const skippedRows = summary.skipped.map((s) => [
    s.name, s.email, skipReasonText(s.reason, lang),
    joinClauses(s.rows.map((r) => say(lang, 'rowRef', { tab: tabLabel(r.tab, lang), row: r.row })), lang),
  ]);
  // Offline (no sheet) there is no mail quota or Log: the emails are files a person sends.
  const sent = ctx.sheetUrl === ''
    ? say(lang, 'summaryWritten', { count: summary.ownerEmails })
    : say(lang, 'summarySent', { count: summary.ownerEmails, log: tabLabel('log', lang) });
  const footer = managerFooterText(ctx);

  const heading = (key: EmailTextKey): string => `<h3 style="${STYLE.h}">${escapeHtml(h(key))}</h3>`;
  const orEmpty = (rows: readonly (readonly string[])[], header: readonly string[], empty: EmailTextKey): string =>
    rows.length > 0 ? htmlTable(header, rows) : `<p style="${STYLE.note}">${escapeHtml(h(empty))}</p>`;
  // Escalated tasks first, then how each target moved this week.
  const help = helpPart(summary.needsHelp, lang);
  // Each change named as the targets table names it (money with its unit: "+12" of what).
  const targetOf = new Map<WeekChange, number | null>();
  const named = summary.changes.map((c) => {
    const change = { ...c, metric: metricName({ metric: c.metric, metricKey: c.metricKey, owner: null }, ctx) };
    targetOf.set(change, summary.targets.find((t) => t.metric === c.metric)?.target ?? null);
    return change;
  });
  const changes = changesPart(named, lang, (c) => targetOf.get(c) ?? null);
  // The weekly meeting's document (gas/documents.ts), after the escalations and the week's changes: its link when
  // made this week, else where to make it. Online only.
  const sheet = ctx.weeklySheet;
  const weeklyHtml = ctx.weeklySheet === undefined || ctx.sheetUrl === '' ? ''
    : sheet ? `<p>${anchor(sheet.url, say(lang, 'weeklySheetLink', { name: sheet.name }))}</p>`
      : `<p style="${STYLE.note}">${escapeHtml(say(lang, 'weeklySheetNone', { menu: pick(UI.menuTitle, lang), item: pick(UI.weeklySheet, lang) }))}</p>`;
  const weeklyText = ctx.weeklySheet === undefined || ctx.sheetUrl === '' ? ''
    : sheet ? `${say(lang, 'weeklySheetLink', { name: sheet.name })}\n${sheet.url}` : say(lang, 'weeklySheetNone', { menu: pick(UI.menuTitle, lang), item: pick(UI.weeklySheet, lang) });
  const html = wrapHtml([
    `<p>${escapeHtml(intro)}${cycleDay !== '' ? ` ${escapeHtml(cycleDay)}` : ''}</p>`,
    help.html,
    changes.html,
    weeklyHtml,
    heading('summaryTargets'), targetRows.length > 0 ? htmlTable(targetHeader, targetRows, targetCellStyle) : orEmpty(targetRows, targetHeader, 'noTargets'),
    heading('summaryOwners'), orEmpty(ownerRows, ownerHeader, 'noOwners'),
    heading('summaryRisks'),
    risks.length > 0
      ? `<ol style="padding-left:20px;margin:0">${risks.map((r) => `<li>${anchor(r.href, r.text)}</li>`).join('')}</ol>`
      : `<p style="${STYLE.note}">${escapeHtml(h('noRisks'))}</p>`,
    problems.length > 0
      ? heading('summaryProblems') + `<p>${escapeHtml(problemIntro)}</p><ul style="padding-left:20px;margin:0">${problemLines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`
      : '',
    `<p>${escapeHtml(sent)}</p>`,
    skippedRows.length > 0 ? heading('summarySkipped') + htmlTable(skippedHeader, skippedRows) : '',
    ctx.sheetUrl !== '' ? `<p>${anchor(ctx.sheetUrl, h('openSheet'))}</p>` : '',
    `<p style="${STYLE.footer}">${escapeHtml(footer)}</p>`,
  ].join(''));

  const table = (header: readonly string[], rows: readonly (readonly string[])[], empty: EmailTextKey): string =>
    rows.length > 0 ? rows.map((r) => `- ${r.map((c, i) => (i === 0 ? c : labelled(header[i] ?? '', c, lang))).join(' | ')}`).join('\n') : h(empty);
  const text = [
    intro + (cycleDay !== '' ? ` ${cycleDay}` : ''), '',
    ...(help.text !== '' ? [help.text, ''] : []),
    ...(changes.text !== '' ? [changes.text, ''] : []),
    ...(weeklyText !== '' ? [weeklyText, ''] : []),
    h('summaryTargets'), table(targetHeader, targetRows, 'noTargets'), '',
    h('summaryOwners'), table(ownerHeader, ownerRows, 'noOwners'), '',
    h('summaryRisks'), risks.length > 0 ? risks.map((r, i) => `${i + 1}. ${r.text}${r.href !== '' ? `\n   ${r.href}` : ''}`).join('\n') : h('noRisks'), '',
    ...(problems.length > 0 ? [h('summaryProblems'), problemIntro, ...problemLines.map((l) => `- ${l}`), ''] : []),
    sent, '',
    ...(skippedRows.length > 0 ? [h('summarySkipped'), table(skippedHeader, skippedRows, 'noRisks'), ''] : []),
    ...(ctx.sheetUrl !== '' ? [labelled(h('openSheet'), ctx.sheetUrl, lang), ''] : []),
    '--', footer,
  ].join('\n');

  return { subject: subjectFor(ctx, 'manager'), html, text };
}

/** The banner a "send a test to me" copy carries, as HTML and text. */
export function testBanner(to: string, lang: Lang): { html: string; text: string } {
  const text = say(lang, 'testBanner', { to });
  return { html: `<div style="${STYLE.banner}">${escapeHtml(text)}</div>`, text };
}

// ---------------------------------------------------------------------------------------------
// Words of the reminder menu items, dialogs and Log lines

export const REMINDER_UI = {
  logAction: b('Reminders', '提醒'),
  logActionTest: b('Reminders: test to me', '提醒：发送测试邮件给我'),
  logActionPreview: b('Reminders: preview', '提醒：预览'),
  logOn: b('Reminders turned on: {schedule}', '已开启提醒：{schedule}'),
  logOff: b('Reminders turned off ({count} {count:trigger|triggers} removed)', '已关闭提醒（删除 {count} 个触发器）'),
  logSent: b('Sent {period} to {to} ({role}{rows})', '已向 {to} 发送{period}的提醒（{role}{rows}）'),
  logAlready: b('Not sent again: {to} already got {period}', '不重复发送：{to} 已收到{period}的提醒'),
  logDeferred: b('Deferred to the next run (mail quota): {to} ({period})', '因邮件配额不足推迟到下次运行：{to}（{period}）'),
  logSuperseded: b('Deferred {oldPeriod} email to {to} replaced by {period}', '推迟的 {oldPeriod} 邮件（{to}）已由 {period} 取代'),
  logFailed: b('Could not send to {to}: {error} (will retry on the next run)', '无法发送给 {to}：{error}（下次运行时重试）'),
  logSkipped: b('Not reminded: {name} <{email}>: {reason}', '未提醒：{name} <{email}>：{reason}'),
  logPaused: b('Nothing sent: Settings → Pause all email is Yes', '未发送：设置 → 暂停所有邮件 为“是”'),
  logOffInSettings: b('Nothing sent: Settings → Reminders on is No (turn reminders off from the menu to remove the trigger)', '未发送：设置 → 开启提醒 为“否”（请从菜单关闭提醒以删除触发器）'),
  logNothing: b('Nothing to send for {period}', '{period} 无需发送'),
  logTest: b('Test copy of "{subject}" (for {to}) sent to {me}', '测试邮件“{subject}”（原收件人 {to}）已发给 {me}'),
  logTestOmitted: b('{count} test copies not sent (mail quota)', '{count} 封测试邮件因配额不足未发送'),
  roleOwner: b('owner', '责任人'),
  roleManager: b('manager summary', '管理者汇总'),
  rowsCount: b(', rows listed: {count}', '，列出 {count} 行'),
  schedule: b(
    "every day at {hour}:00 ({timeZone}): the weekly digest on {weekday}s, daily tasks on other days Monday to Friday, monthly tasks on the month's last day; next run {next}, next weekly digest {nextWeekly}; sent by {account}",
    '每天 {hour}:00（{timeZone}）：{weekday}发送每周摘要，周一至周五的其他日子提醒每日任务，每月最后一天提醒每月任务；下次运行 {next}，下次每周摘要 {nextWeekly}；发件人 {account}',
  ),
  scheduleChina: b(
    "every day at {hour}:00 ({timeZone}) by the China (mainland) work calendar: the weekly digest on {weekday}s (moved off a holiday to the last workday before it that week, else the first after it), daily tasks on other workdays (make-up workdays included, none on holidays), monthly tasks on the month's last workday; next run {next}, next weekly digest {nextWeekly}; sent by {account}",
    '每天 {hour}:00（{timeZone}），按中国大陆工作日历：{weekday}发送每周摘要（遇节假日改到本周此前最后一个工作日，没有则改到之后第一个工作日），其他工作日提醒每日任务（调休上班日照常，节假日不发），每月最后一个工作日提醒每月任务；下次运行 {next}，下次每周摘要 {nextWeekly}；发件人 {account}',
  ),
  turnedOn: b('{weekday} reminders are on: {schedule}. Turning them on again keeps a single trigger.', '{weekday}提醒已开启：{schedule}。再次开启仍只保留一个触发器。'),
  turnedOff: b('{weekday} reminders are off. {count} {count:trigger|triggers} removed; nothing else was changed.', '{weekday}提醒已关闭。已删除 {count} 个触发器，其他内容未更改。'),
  statusOn: b('On: {schedule}', '已开启：{schedule}'),
  statusOff: b('Off (use the menu: Turn Friday reminders on)', '已关闭（请使用菜单：开启周五提醒）'),
  statusRetry: b('A retry of {period} is scheduled for {time}.', '已安排在 {time} 重试 {period}。'),
  statusCell: b('Status as of {asOf} (refreshed by each run and by Reminder status): {status}', '截至 {asOf} 的状态（每次运行及查看“提醒状态”时更新）：{status}'),
  logBusyRetry: b(
    'Another run held the sheet for {seconds} s, so {period} was not sent now; it is retried automatically at {time} (attempt {attempt} of {max}).',
    '另一个操作占用表格超过 {seconds} 秒，{period} 暂未发送；将于 {time} 自动重试（第 {attempt} 次，共 {max} 次）。',
  ),
  logBusyGaveUp: b(
    'Another run held the sheet for {seconds} s, so {period} was not sent; no more automatic retries after {attempts} {attempts:attempt|attempts}. Use Reminders → Send reminders now.',
    '另一个操作占用表格超过 {seconds} 秒，{period} 未发送；已自动重试 {attempts} 次，不再重试。请使用“提醒 → 立即发送提醒”。',
  ),
  logQuotaRetry: b(
    'The {count} {count:email|emails} of {period} held back by the mail quota {count:is|are} sent automatically at {time}, once the quota has refreshed.',
    '{period} 因邮件配额暂缓的 {count} 封邮件，将在配额恢复后于 {time} 自动发送。',
  ),
  logQuotaNoRetry: b(
    'The {count} {count:email|emails} of {period} held back by the mail quota {count:is|are} not retried: the period is over by the time the quota refreshes. The next period\'s run replaces them.',
    '{period} 因邮件配额暂缓的 {count} 封邮件不再重试：配额恢复时该周期已结束，将由下一周期的提醒取代。',
  ),
  logRetryFailed: b('Could not schedule the automatic retry of {period}: {error}. Use Reminders → Send reminders now.', '无法安排 {period} 的自动重试：{error}。请使用“提醒 → 立即发送提醒”。'),
  logWeeklyDone: b(
    '{week} already went to everyone earlier, so this run sends the {kind} instead.',
    '{week}的提醒此前已发给所有人，本次运行改为发送{kind}。',
  ),
  logWeekend: b('No daily digest on Saturdays and Sundays: daily digests go out Monday to Friday.', '周六、周日不发送每日摘要：每日摘要仅在周一至周五发送。'),
  logHoliday: b(
    'No digest today: {date} is a day off ({holiday}) in the work calendar (Settings → Work calendar); daily digests go out on workdays, make-up workdays included.',
    '今天不发送摘要：按工作日历（设置 → 工作日历），{date} 为休息日（{holiday}）；每日摘要只在工作日发送，调休上班日照常发送。',
  ),
  weekendName: b('weekend', '周末'),
  logHistoryFailed: b('Could not add this run\'s snapshot to {history}: {error}', '无法将本次快照写入“{history}”：{error}'),
  logProgressFailed: b('Could not update the {goals} progress columns: {error}', '无法更新“{goals}”的进度列：{error}'),
  logStatusFailed: b('Could not update the reminder status in {settings}: {error}', '无法更新“{settings}”中的提醒状态：{error}'),
  logRetryRun: b('Automatic retry of {period}', '{period} 的自动重试'),
  logDeferredDropped: b('No longer sent: {to} has nothing to be reminded of for {period} any more', '不再发送：{to} 在 {period} 已没有需要提醒的内容'),
  sendResultRetry: b('They are sent automatically at {time}.', '将于 {time} 自动发送。'),
  notTurnedOn: b(
    'Friday reminders were not turned on, because {problems} Correct the value in Settings and turn reminders on again.',
    '周五提醒未开启，原因：{problems}请在“设置”中更正后再次开启提醒。',
  ),
  problemAt: b('{tab}, row {row}: {message}.', '{tab} 第 {row} 行：{message}。'),
  menuStatus: b('Reminder status', '提醒状态'),
  sendResult: b(
    '{period}: {sent} {sent:email|emails} sent, {already} already sent earlier in this period, {deferred} deferred to the next run (mail quota), {skipped} {skipped:person|people} not reminded. Details are in Log.',
    '{period}：已发送 {sent} 封，本期已发送过 {already} 封，因配额不足推迟 {deferred} 封，{skipped} 人未提醒。详情见“日志”。',
  ),
  paused: b('Nothing was sent: Settings → Pause all email is Yes. Set it to No to send.', '未发送任何邮件：设置 → 暂停所有邮件 为“是”。改为“否”后即可发送。'),
  noActiveUser: b('Your email address is not available to the script, so no test was sent.', '脚本无法获取您的邮箱地址，未发送测试邮件。'),
  testSent: b('{count} test {count:email|emails} sent to {me}, each marked [TEST]. Nothing was sent to anyone else and nothing was recorded as sent.', '已向 {me} 发送 {count} 封测试邮件（标有 [TEST]）。未发送给其他人，也未记录为已发送。'),
  testOmitted: b('{count} more not sent: the remaining mail quota is too low.', '另有 {count} 封因剩余邮件配额不足未发送。'),
  nothingToSend: b('Nobody has anything to be reminded of for {period}.', '{period} 没有需要提醒的内容。'),
  previewTitle: b('Preview reminders', '预览提醒'),
  previewSendNow: b('What Send reminders now sends: the {kind}', '“立即发送提醒”将发送：{kind}'),
  previewToday: b("What today's automatic run sends: the {kind}", '今天的自动运行将发送：{kind}'),
  previewIntro: b(
    '{period}: {count} {count:email|emails} would be sent ({already} already sent in this period). Mail quota left today: {quota}. Nothing is sent by this preview.',
    '{period}：将发送 {count} 封邮件（本期已发送 {already} 封）。今日剩余邮件配额：{quota}。预览不会发送任何邮件。',
  ),
  previewAlready: b('already sent', '已发送'),
  previewTo: b('To', '收件人'),
  previewSubject: b('Subject', '主题'),
} as const satisfies Record<string, Bilingual>;

export type ReminderUiKey = keyof typeof REMINDER_UI;

export function uiText(lang: Lang, key: ReminderUiKey, params: Record<string, string | number> = {}): string {
  return pick(fill(REMINDER_UI[key], params), lang);
}

/** The reminder status texts as they were worded earlier (recognised, never written). */
const LEGACY_SCHEDULES: readonly Bilingual[] = [
  b('every {weekday} at {hour}:00 ({timeZone}), next {next}, sent by {account}', '每{weekday} {hour}:00（{timeZone}），下次 {next}，发件人 {account}'),
  b(
    "every day at {hour}:00 ({timeZone}): the weekly digest on {weekday}s, daily tasks on other days, monthly tasks on the month's last day; next run {next}, next weekly digest {nextWeekly}; sent by {account}",
    '每天 {hour}:00（{timeZone}）：{weekday}发送每周摘要，其他日子提醒每日任务，每月最后一天提醒每月任务；下次运行 {next}，下次每周摘要 {nextWeekly}；发件人 {account}',
  ),
];

/** What each placeholder of a status text can hold (a time, an hour, a zone, an address, a weekday). */
const PLACEHOLDER: Readonly<Record<string, string>> = {
  next: '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}', nextWeekly: '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}', asOf: '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}',
  hour: '\\d{1,2}', timeZone: '[^()（）]*', account: '\\S*', accountTail: '(?:\\s+\\S*)?', weekday: '\\S+?',
};

/** A template (placeholders still in it) as a whole-text pattern, each placeholder matching only what it can hold. */
function templatePattern(template: string): RegExp {
  // The account ends the text; a blank one leaves "sent by " / "发件人 ", whose space trim() removes.
  const source = template.replace(/\s\{account\}$/, '{accountTail}').split(/(\{\w+\})/).map((part) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    return name !== undefined ? `(?:${PLACEHOLDER[name] ?? '[\\s\\S]*?'})` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }).join('');
  return new RegExp(`^${source}$`);
}

const STATUS_PATTERNS: readonly RegExp[] = (['en', 'zh'] as const).flatMap((l) => {
  const on = (schedule: Bilingual): string => REMINDER_UI.statusOn[l].replace('{schedule}', schedule[l]);
  const statuses = [on(REMINDER_UI.schedule), ...LEGACY_SCHEDULES.map(on), REMINDER_UI.statusOff[l]];
  return [...statuses, ...statuses.map((status) => REMINDER_UI.statusCell[l].replace('{status}', status))].map(templatePattern);
});

/**
 * Whether the Help cell beside Settings → Reminders on may be overwritten with the status: it is blank,
 * holds the template's help text (either language) or a status text this code wrote (either language,
 * current or earlier wording). Anything a person typed there is left alone.
 */
export function statusCellWritable(cell: unknown): boolean {
  const text = String(cell ?? '').trim();
  if (text === '') return true;
  const help = settingSpec('remindersOn').help;
  if (text === help.en || text === help.zh) return true;
  return STATUS_PATTERNS.some((pattern) => pattern.test(text));
}

/** The body of an email without its document wrapper, to show inside a dialog. */
export function innerHtml(html: string): string {
  return html.replace(/^<!DOCTYPE html><html><body>/, '').replace(/<\/body><\/html>$/, '');
}

/** What each person would get, for the Preview dialog (escaped; sends nothing). */
export function renderPreview(
  plan: { readonly period: string; readonly emails: readonly { readonly to: string; readonly role: 'owner' | 'manager'; readonly subject: string; readonly html: string }[]; readonly skipped: readonly { readonly name: string; readonly email: string; readonly reason: SkipReason; readonly rows: readonly { readonly tab: TabKey; readonly row: number }[] }[] },
  alreadySent: (email: { readonly to: string; readonly role: 'owner' | 'manager' }) => boolean,
  quota: number,
  lang: Lang,
  heading = '',
): string {
  const already = plan.emails.filter(alreadySent).length;
  const parts = heading !== '' ? [`<h3>${escapeHtml(heading)}</h3>`] : [];
  parts.push(`<p>${escapeHtml(uiText(lang, 'previewIntro', { period: periodLabel(plan.period, lang), count: plan.emails.length, already, quota }))}</p>`);
  for (const email of plan.emails) {
    const mark = alreadySent(email) ? ` <em style="color:#188038">(${escapeHtml(uiText(lang, 'previewAlready'))})</em>` : '';
    parts.push(
      `<details style="margin:6px 0;border:1px solid #dadce0;padding:6px"><summary><b>${escapeHtml(uiText(lang, 'previewTo'))}:</b> ${escapeHtml(email.to)}${mark} — ` +
      `<b>${escapeHtml(uiText(lang, 'previewSubject'))}:</b> ${escapeHtml(email.subject)}</summary>${innerHtml(email.html)}</details>`,
    );
  }
  if (plan.skipped.length > 0) {
    parts.push(`<h3>${escapeHtml(say(lang, 'summarySkipped'))}</h3>`);
    parts.push(htmlTable(
      [say(lang, 'colName'), say(lang, 'colEmail'), say(lang, 'colReason'), say(lang, 'colRows')],
      plan.skipped.map((s) => [s.name, s.email, skipReasonText(s.reason, lang), joinClauses(s.rows.map((r) => say(lang, 'rowRef', { tab: tabLabel(r.tab, lang), row: r.row })), lang)]),
    ));
  }
  return parts.join('');
}
