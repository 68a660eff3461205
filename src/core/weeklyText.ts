/**
 * The weekly loop's parts of the reminder emails, in both languages: the managers' summary's "needs help"
 * list (at the top) and week-over-week changes, and the owner's "open My week" hint with a link to their
 * first row. Each part is rendered as escaped HTML and as plain text.
 */
import { formatNumber, formatPercent } from './format';
import { escapeHtml } from './html';
import { Bilingual, Lang, fill, joinList, pick } from './i18n';
import { tabSpec } from './schema';
import { isoFromDay } from './values';
import { HelpItem, WeekChange } from './weekChange';

const b = (en: string, zh: string): Bilingual => ({ en, zh });

export const WEEKLY_TEXT = {
  helpTitle: b('Needs your help (escalated by the owners)', '需要您协调（上报销售总监）'),
  helpItem: b('{task} ({owners}): {asked}', '{task}（{owners}）：{asked}'),
  helpNothingAsked: b('no details given', '未填写具体需求'),
  helpSince: b('flagged {date}, {days} day(s) ago', '{date} 上报，已 {days} 天'),
  helpSinceToday: b('flagged today', '今天上报'),
  helpSinceUnknown: b('flagged (date not recorded)', '已上报（未记录日期）'),
  helpDecision: b('decision: {text}', '处理决定：{text}'),
  helpNoDecision: b('no decision yet', '尚未处理'),
  helpHow: b('Write what you decide in Tracking → Decision; the owner sets Needs help back to No once it is settled.', '请在“执行跟踪”的“处理决定”中填写处理意见；问题解决后，由责任人将“上报销售总监”改回“否”。'),
  changesTitle: b('This week', '本周变化'),
  change: b('{metric}: {delta} this week, {before} → {now} of expected', '{metric}：本周 {delta}，进度 {before} → {now}（对比应完成）'),
  changeRate: b('{metric}: {before} → {now} (target {target})', '{metric}：{before} → {now}（目标 {target}）'),
  changeNoBefore: b('{metric}: {now} of expected (nothing a week earlier to compare with)', '{metric}：进度 {now}（对比应完成；一周前无可比数据）'),
  myWeekHint: b('To update your tasks and this week\'s numbers in one form, open the sheet and choose {menu} → {item}.', '如需在一个表单中更新您的任务和本周数据，请打开表格，选择“{menu} → {item}”。'),
  firstRow: b('Your rows start at {tab}, row {row}', '您负责的内容从“{tab}”第 {row} 行开始'),
} as const satisfies Record<string, Bilingual>;

function say(lang: Lang, key: keyof typeof WEEKLY_TEXT, params: Record<string, string | number> = {}): string {
  return pick(fill(WEEKLY_TEXT[key], params), lang);
}

const NOTE = 'color:#5f6368;font-size:13px';
const H = 'font-size:15px;margin:18px 0 6px';

export interface Part {
  readonly html: string;
  readonly text: string;
}

const EMPTY: Part = { html: '', text: '' };

function helpLine(item: HelpItem, lang: Lang): { head: string; notes: string[] } {
  const head = say(lang, 'helpItem', { task: item.task, owners: joinList(item.owners, lang), asked: item.asked.trim() || say(lang, 'helpNothingAsked') });
  const since = item.since === null ? say(lang, 'helpSinceUnknown')
    : item.days === 0 ? say(lang, 'helpSinceToday') : say(lang, 'helpSince', { date: isoFromDay(item.since), days: item.days ?? 0 });
  const decision = item.decision.trim() === '' ? say(lang, 'helpNoDecision') : say(lang, 'helpDecision', { text: item.decision });
  return { head, notes: [since, decision] };
}

/** "Needs your help": every escalated task with what was asked, since when and what was decided. */
export function helpPart(items: readonly HelpItem[], lang: Lang): Part {
  if (items.length === 0) return EMPTY;
  const title = say(lang, 'helpTitle');
  const lines = items.map((item) => ({ item, ...helpLine(item, lang) }));
  const html = `<h3 style="${H};color:#d93025">${escapeHtml(title)} (${items.length})</h3><ul style="padding-left:20px;margin:0">` +
    lines.map(({ item, head, notes }) => {
      const label = item.link === '' ? escapeHtml(head) : `<a href="${escapeHtml(item.link)}">${escapeHtml(head)}</a>`;
      return `<li style="margin-bottom:6px">${label}<br><span style="${NOTE}">${escapeHtml(notes.join(' · '))}</span></li>`;
    }).join('') + `</ul><p style="${NOTE}">${escapeHtml(say(lang, 'helpHow'))}</p>`;
  const text = [`${title} (${items.length})`, ...lines.map(({ item, head, notes }) => `- ${head}\n  ${notes.join(' · ')}${item.link !== '' ? `\n  ${item.link}` : ''}`), say(lang, 'helpHow')].join('\n');
  return { html, text };
}

function signed(n: number): string {
  return n > 0 ? `+${formatNumber(n)}` : n < 0 ? `−${formatNumber(-n)}` : '±0';
}

function pct(rate: number | null): string {
  return rate === null || !Number.isFinite(rate) ? '—' : formatPercent(rate);
}

/** One sentence per target: "New customers: +8 this week, 74% → 81% of expected". */
export function changeSentence(change: WeekChange, lang: Lang, target: number | null = null): string {
  if (change.isRate) {
    return change.before === null
      ? say(lang, 'changeNoBefore', { metric: change.metric, now: pct(change.actual) })
      : say(lang, 'changeRate', { metric: change.metric, before: pct(change.before.actual), now: pct(change.actual), target: pct(target) });
  }
  if (change.before === null || change.delta === null) return say(lang, 'changeNoBefore', { metric: change.metric, now: pct(change.rate) });
  return say(lang, 'change', { metric: change.metric, delta: signed(change.delta), before: pct(change.before.rate), now: pct(change.rate) });
}

/** "This week": the change of each target with a figure now. */
export function changesPart(changes: readonly WeekChange[], lang: Lang, targetOf: (c: WeekChange) => number | null = () => null): Part {
  const shown = changes.filter((c) => c.actual !== null || c.rate !== null);
  if (shown.length === 0) return EMPTY;
  const title = say(lang, 'changesTitle');
  const sentences = shown.map((c) => changeSentence(c, lang, targetOf(c)));
  return {
    html: `<h3 style="${H}">${escapeHtml(title)}</h3><ul style="padding-left:20px;margin:0">${sentences.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`,
    text: [title, ...sentences.map((s) => `- ${s}`)].join('\n'),
  };
}

/** The owner email's hint: how to open My week, and a link to their first row (not A1). */
export function myWeekHintPart(first: { readonly tab: 'tracking' | 'weekly' | string; readonly row: number; readonly link: string } | null, menu: string, item: string, lang: Lang): Part {
  const hint = say(lang, 'myWeekHint', { menu, item });
  if (first === null) return { html: `<p style="${NOTE}">${escapeHtml(hint)}</p>`, text: hint };
  const tabName = first.tab === 'tracking' || first.tab === 'weekly' ? pick(tabSpec(first.tab).name, lang) : first.tab;
  const label = say(lang, 'firstRow', { tab: tabName, row: first.row });
  const link = first.link === '' ? escapeHtml(label) : `<a href="${escapeHtml(first.link)}">${escapeHtml(label)}</a>`;
  return {
    html: `<p style="${NOTE}">${escapeHtml(hint)} ${link}</p>`,
    text: `${hint}\n${label}${first.link !== '' ? `: ${first.link}` : ''}`,
  };
}
