/**
 * The director's roll-up report (《区域汇总报告》, "2023 Q3 China — regional roll-up") and the managers'
 * summary email, from a Rollup (rollup.ts). Every figure is the Rollup's: totals recomputed from the
 * regions' sums, never averaged percentages.
 */
import { formatNumber, formatPercent } from './format';
import { escapeHtml, htmlTable } from './html';
import { Bilingual, Lang, fill, joinList, pick } from './i18n';
import { Status, ratioLabel } from './metrics';
import { METRIC_STATUS, optionLabel } from './options';
import { ReportBlock, ReportCell, ReportSection, ValueKind } from './report';
import { NO_TOTAL, RegionResult, Rollup, TotalMetric, noteText, totalMetricName } from './rollup';

export const RU = {
  title: { en: 'Regional roll-up', zh: '区域汇总报告' },
  docName: { en: '{cycle} {name} — regional roll-up', zh: '{cycle} {name} — 区域汇总报告' },
  docNameNoName: { en: '{cycle} — regional roll-up', zh: '{cycle} — 区域汇总报告' },
  subtitle: { en: '{count} regions · cycle {cycle} · figures as of {asOf}', zh: '{count} 个区域 · 周期 {cycle} · 数据截至 {asOf}' },
  secSummary: { en: 'Summary', zh: '总体概述' },
  secRegions: { en: 'Regions', zh: '各区域情况' },
  secMetrics: { en: 'Metrics by region', zh: '分区域指标' },
  secInputOutput: { en: 'Input and output by region', zh: '分区域投入产出' },
  secAttention: { en: 'Needs attention', zh: '需关注事项' },
  secMethod: { en: 'How the totals are made', zh: '合计口径说明' },
  figRegions: { en: 'Regions rolled up', zh: '纳入汇总的区域' },
  figRegionsValue: { en: '{counted} of {total}', zh: '{counted} / {total}' },
  figRevenue: { en: 'Revenue', zh: '销售额' },
  figNewCustomers: { en: 'New customers', zh: '新增客户数' },
  figRatio: { en: 'Input-output ratio (revenue ÷ cost)', zh: '投入产出比（销售额 ÷ 成本）' },
  figNetRoi: { en: 'Net ROI', zh: '净投资回报率' },
  figOverdue: { en: 'Overdue tasks', zh: '逾期任务' },
  figProblems: { en: 'Check-data errors', zh: '数据检查错误' },
  ofTarget: { en: '{actual} of {target} ({rate})', zh: '{actual} / {target}（{rate}）' },
  rankedBy: { en: 'Regions are ranked by {metric} achievement (actual ÷ target): {list}.', zh: '各区域按{metric}达成率（实际 ÷ 目标）排名：{list}。' },
  rankItem: { en: '{rank}. {region} {rate}', zh: '{rank}. {region} {rate}' },
  noRanking: { en: 'No metric has a rate in two regions yet, so the regions are not ranked.', zh: '尚无指标在两个以上区域有达成率，暂不排名。' },
  allRead: { en: 'Every region listed rolls up.', zh: '所列区域均已纳入汇总。' },
  notAllRead: { en: '{list} could not be rolled up; the totals are the other regions\'.', zh: '{list}未能纳入汇总；合计为其余区域之和。' },
  colRegion: { en: 'Region', zh: '区域' },
  colState: { en: 'Status', zh: '状态' },
  colRank: { en: 'Rank', zh: '排名' },
  colAsOf: { en: 'Data as of', zh: '数据截至' },
  colCheckIn: { en: 'Last check-in', zh: '最近更新' },
  colProblems: { en: 'Errors / warnings', zh: '错误 / 警告' },
  colNote: { en: 'Note', zh: '说明' },
  colTarget: { en: 'Target', zh: '目标值' },
  colActual: { en: 'Actual', zh: '实际值' },
  colAchievement: { en: 'Achievement', zh: '达成率' },
  colStatus: { en: 'Status', zh: '状态' },
  colCost: { en: 'Cost', zh: '成本' },
  colRevenue: { en: 'Revenue', zh: '销售额' },
  colRatio: { en: 'Input-output ratio', zh: '投入产出比' },
  colNetRoi: { en: 'Net ROI', zh: '净投资回报率' },
  colAcquisition: { en: 'Acquisition cost', zh: '获客成本' },
  total: { en: 'Total', zh: '合计' },
  noTotal: { en: 'No total: {why}.', zh: '无合计：{why}。' },
  missing: { en: 'Not in the total (no target or actual, or an amount in another unit): {list}.', zh: '未计入合计（缺目标值或实际值，或金额单位无法换算）：{list}。' },
  inUnit: { en: 'Amounts in {unit}.', zh: '金额单位：{unit}。' },
  attentionNone: { en: 'Nothing needs attention: every region is read, current and without errors.', zh: '无需关注事项：所有区域均已读取、数据及时且无错误。' },
  method: {
    en: 'Counts and amounts are added up over the regions that have both a target and an actual; amounts are first converted into {unit}. Every rate is recomputed from those sums: achievement = total actual ÷ total target; the input-output ratio = total revenue ÷ total cost; a conversion rate = the customers it implies ÷ the leads. Percentages are never averaged. A rate without the counts behind it (satisfaction, market share) has no total.',
    zh: '数量和金额按同时有目标值和实际值的区域相加，金额先换算为{unit}。所有比率均由合计重新计算：达成率 = 实际合计 ÷ 目标合计；投入产出比 = 销售额合计 ÷ 成本合计；转化率 = 对应的客户数 ÷ 线索量。从不对百分比求平均。没有背后数量的比率（如满意度、市场份额）不做合计。',
  },
  state_ok: { en: 'OK', zh: '正常' },
  state_stale: { en: 'Stale', zh: '未及时更新' },
  state_problems: { en: 'Has errors', zh: '有错误' },
  state_unreadable: { en: 'Cannot be read', zh: '无法读取' },
  state_excluded: { en: 'Other cycle', zh: '周期不同' },
  subject: { en: '[{name}] Regional roll-up, {cycle}, {asOf}', zh: '【{name}】区域汇总（{cycle}，{asOf}）' },
  emailIntro: { en: '{name}: {counted} of {total} regions, cycle {cycle}, figures as of {asOf}.', zh: '{name}：{total} 个区域中 {counted} 个纳入汇总，周期 {cycle}，数据截至 {asOf}。' },
  emailTotals: { en: 'Totals', zh: '合计' },
  emailRanking: { en: 'Ranking', zh: '排名' },
  emailFooter: {
    en: 'Sent automatically from the {name} roll-up sheet. You get it because your address is in Settings → Manager emails.',
    zh: '本邮件由{name}区域汇总表格自动发送。您收到此邮件，是因为您的邮箱在“设置 → 管理者邮箱”中。',
  },
  openSheet: { en: 'Open the roll-up', zh: '打开汇总表' },
} as const satisfies Record<string, Bilingual>;

const t = (text: Bilingual, lang: Lang, params: Record<string, string | number> = {}): string => pick(fill(text, params), lang);

function value(v: number | null, kind: ValueKind): string {
  if (v === null) return '—';
  if (kind === 'percent') return formatPercent(v);
  if (kind === 'ratio') return ratioLabel(v);
  return formatNumber(v);
}

const rate = (v: number | null): string => (v === null ? '—' : formatPercent(v));
const statusText = (s: Status, lang: Lang): string => pick(optionLabel(METRIC_STATUS, s), lang);
const stateText = (r: RegionResult, lang: Lang): string => pick(RU[`state_${r.state}`], lang);

export interface RollupNaming {
  /** The roll-up's name (Settings → Region or Team of the roll-up; --region offline), e.g. China / 中国. */
  readonly name: string;
  readonly workdays: boolean;
}

export function rollupDocumentName(rollup: Rollup, naming: RollupNaming, lang: Lang): string {
  const cycle = rollup.cycle || '—';
  return naming.name.trim() === '' ? t(RU.docNameNoName, lang, { cycle }) : t(RU.docName, lang, { cycle, name: naming.name.trim() });
}

function regionNotes(r: RegionResult, naming: RollupNaming, lang: Lang): string {
  return joinListClauses(r.notes.map((n) => pick(noteText(n, naming.workdays), lang)), lang);
}

function joinListClauses(items: readonly string[], lang: Lang): string {
  return items.join(lang === 'zh-CN' ? '；' : '; ');
}

/** "North China (Cannot be read): …" / "华北区域（无法读取）：…" */
function attentionLine(r: RegionResult, naming: RollupNaming, lang: Lang): string {
  return lang === 'zh-CN' ? `${r.name}（${stateText(r, lang)}）：${regionNotes(r, naming, lang)}` : `${r.name} (${stateText(r, lang)}): ${regionNotes(r, naming, lang)}`;
}

function rankingSentence(rollup: Rollup, lang: Lang): string {
  const metric = rollup.rankedBy;
  if (metric === null) return pick(RU.noRanking, lang);
  const items = [...metric.byRegion].filter((b) => b.rank !== null).sort((a, b) => a.rank! - b.rank!)
    .map((b) => t(RU.rankItem, lang, { rank: b.rank!, region: b.region, rate: rate(b.achievement) }));
  return t(RU.rankedBy, lang, { metric: totalMetricName(metric, lang), list: joinList(items, lang) });
}

function keyFigures(rollup: Rollup, lang: Lang): ReportBlock {
  const { total } = rollup;
  const counted = rollup.regions.filter((r) => r.counted).length;
  const figure = (key: 'revenue' | 'new_customers'): { label: string; value: string; status?: Status } | null => {
    const m = total.metrics.find((x) => x.metricKey === key);
    if (!m || m.target === null || m.actual === null) return null;
    return {
      label: pick(key === 'revenue' ? RU.figRevenue : RU.figNewCustomers, lang),
      value: t(RU.ofTarget, lang, { actual: value(m.actual, m.kind), target: value(m.target, m.kind), rate: rate(m.achievement) }),
      status: m.status,
    };
  };
  const figures = [
    { label: pick(RU.figRegions, lang), value: t(RU.figRegionsValue, lang, { counted, total: rollup.regions.length }) },
    figure('revenue'), figure('new_customers'),
    { label: pick(RU.figRatio, lang), value: total.inputOutput.ratioLabel || '—' },
    { label: pick(RU.figNetRoi, lang), value: rate(total.inputOutput.netRoi) },
    { label: pick(RU.figOverdue, lang), value: String(total.tasks.overdue) },
    { label: pick(RU.figProblems, lang), value: String(total.problems.errors) },
  ].filter((f): f is { label: string; value: string; status?: Status } => f !== null);
  return { kind: 'keyFigures', figures };
}

function metricTable(m: TotalMetric, lang: Lang): ReportBlock[] {
  const unit = m.unit.trim();
  const title = unit === '' || m.kind !== 'number' ? totalMetricName(m, lang) : lang === 'zh-CN' ? `${totalMetricName(m, lang)}（${unit}）` : `${totalMetricName(m, lang)} (${unit})`;
  const rows: ReportCell[][] = [...m.byRegion]
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity))
    .map((b) => [
      { text: b.region }, { text: value(b.target, m.kind) }, { text: value(b.actual, m.kind) }, { text: rate(b.achievement) },
      { text: statusText(b.status, lang), status: b.status }, { text: b.rank === null ? '—' : String(b.rank) },
    ]);
  rows.push([
    { text: pick(RU.total, lang) }, { text: value(m.target, m.kind) }, { text: value(m.actual, m.kind) }, { text: rate(m.achievement) },
    { text: m.noTotal === null ? statusText(m.status, lang) : '—', ...(m.noTotal === null ? { status: m.status } : {}) }, { text: '' },
  ]);
  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 3, text: title },
    {
      kind: 'table', id: `rollup-${m.metricKey ?? m.metric}`,
      header: [RU.colRegion, RU.colTarget, RU.colActual, RU.colAchievement, RU.colStatus, RU.colRank].map((h) => pick(h, lang)),
      rows,
    },
  ];
  if (m.noTotal !== null) blocks.push({ kind: 'paragraph', style: 'note', text: t(RU.noTotal, lang, { why: pick(NO_TOTAL[m.noTotal], lang) }) });
  else if (m.missing.length > 0) blocks.push({ kind: 'paragraph', style: 'note', text: t(RU.missing, lang, { list: joinList(m.missing, lang) }) });
  return blocks;
}

/** The roll-up report's sections (rendered as a Google Doc or a .docx like the evaluation report). */
export interface RollupDocument {
  readonly lang: Lang;
  readonly documentName: string;
  readonly subtitle: string;
  readonly sections: readonly ReportSection[];
}

export function buildRollupReport(rollup: Rollup, naming: RollupNaming, lang: Lang): RollupDocument {
  const unread = rollup.regions.filter((r) => !r.counted).map((r) => r.name);
  const summary: ReportBlock[] = [
    keyFigures(rollup, lang),
    { kind: 'paragraph', style: 'normal', text: rankingSentence(rollup, lang) },
    { kind: 'paragraph', style: 'normal', text: unread.length === 0 ? pick(RU.allRead, lang) : t(RU.notAllRead, lang, { list: joinList(unread, lang) }) },
  ];
  if (rollup.currencyUnit !== '') summary.push({ kind: 'paragraph', style: 'note', text: t(RU.inUnit, lang, { unit: rollup.currencyUnit }) });

  const regions: ReportBlock[] = [{
    kind: 'table', id: 'rollup-regions',
    header: [RU.colRank, RU.colRegion, RU.colState, RU.colAsOf, RU.colCheckIn, RU.colProblems, RU.colNote].map((h) => pick(h, lang)),
    rows: [...rollup.regions].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.row - b.row).map((r) => [
      { text: r.rank === null ? '—' : String(r.rank) }, { text: r.name },
      r.state === 'ok' ? { text: stateText(r, lang), status: 'on_track' as const } : { text: stateText(r, lang), status: r.state === 'stale' ? 'at_risk' as const : 'off_track' as const },
      { text: r.figures?.asOf ?? '—' }, { text: r.figures?.lastCheckIn ?? '—' },
      { text: r.figures === null ? '—' : `${r.figures.problems.errors} / ${r.figures.problems.warnings}` },
      { text: regionNotes(r, naming, lang) },
    ]),
  }];

  const metrics = rollup.total.metrics.flatMap((m) => metricTable(m, lang));

  const counted = rollup.regions.filter((r) => r.counted && r.figures !== null);
  const io = rollup.total.inputOutput;
  const ioRows: ReportCell[][] = counted.map((r) => {
    const f = r.figures!.inputOutput;
    const ratio = f.revenue !== null && f.totalCost !== null && f.totalCost > 0 ? f.revenue / f.totalCost : null;
    const net = ratio === null ? null : ratio - 1;
    const customers = f.newCustomers ?? r.figures!.weekly.newCustomers;
    return [
      { text: r.name }, { text: value(f.totalCost, 'number') }, { text: value(f.revenue, 'number') }, { text: ratioLabel(ratio) || '—' },
      { text: rate(net) }, { text: f.totalCost !== null && customers !== null && customers > 0 ? formatNumber(f.totalCost / customers) : '—' },
    ];
  });
  ioRows.push([
    { text: pick(RU.total, lang) }, { text: value(io.totalCost, 'number') }, { text: value(io.revenue, 'number') }, { text: io.ratioLabel || '—' },
    { text: rate(io.netRoi) }, { text: io.acquisitionCost === null ? '—' : formatNumber(io.acquisitionCost) },
  ]);
  const inputOutput: ReportBlock[] = [{
    kind: 'table', id: 'rollup-input-output',
    header: [RU.colRegion, RU.colCost, RU.colRevenue, RU.colRatio, RU.colNetRoi, RU.colAcquisition].map((h) => pick(h, lang)),
    rows: ioRows,
  }];
  if (rollup.currencyUnit !== '') inputOutput.push({ kind: 'paragraph', style: 'note', text: t(RU.inUnit, lang, { unit: rollup.currencyUnit }) });

  const attention = rollup.regions.filter((r) => r.notes.length > 0);
  const attentionBlocks: ReportBlock[] = attention.length === 0
    ? [{ kind: 'paragraph', style: 'normal', text: pick(RU.attentionNone, lang) }]
    : attention.map((r) => ({ kind: 'paragraph', style: 'bullet', text: attentionLine(r, naming, lang) }));

  const section = (id: ReportSection['id'], title: Bilingual, blocks: ReportBlock[]): ReportSection => ({ id, title: pick(title, lang), hasData: blocks.length > 0, blocks });
  return {
    lang,
    documentName: rollupDocumentName(rollup, naming, lang),
    subtitle: t(RU.subtitle, lang, { count: rollup.regions.length, cycle: rollup.cycle || '—', asOf: rollup.asOf }),
    sections: [
      section('summary', RU.secSummary, summary),
      section('rollupRegions', RU.secRegions, regions),
      section('rollupMetrics', RU.secMetrics, metrics),
      section('inputOutput', RU.secInputOutput, inputOutput),
      section('rollupAttention', RU.secAttention, attentionBlocks),
      section('rollupMethod', RU.secMethod, [{ kind: 'paragraph', style: 'note', text: t(RU.method, lang, { unit: rollup.currencyUnit || '—' }) }]),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// The managers' summary (email; chat uses its text)

export interface RollupSummaryMessage {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export function renderRollupSummary(rollup: Rollup, naming: RollupNaming, lang: Lang, sheetUrl: string): RollupSummaryMessage {
  const name = naming.name.trim() || '—';
  const counted = rollup.regions.filter((r) => r.counted).length;
  const intro = t(RU.emailIntro, lang, { name, counted, total: rollup.regions.length, cycle: rollup.cycle || '—', asOf: rollup.asOf });
  const totals = rollup.total.metrics.filter((m) => m.noTotal === null).map((m) => [
    totalMetricName(m, lang), value(m.target, m.kind), value(m.actual, m.kind), rate(m.achievement), statusText(m.status, lang),
  ]);
  const totalHeader = [RU.colRegion, RU.colTarget, RU.colActual, RU.colAchievement, RU.colStatus].map((h) => pick(h, lang));
  totalHeader[0] = pick({ en: 'Metric', zh: '指标' }, lang);
  const ratio = rollup.total.inputOutput.ratioLabel;
  const ranking = rankingSentence(rollup, lang);
  const attention = rollup.regions.filter((r) => r.notes.length > 0).map((r) => attentionLine(r, naming, lang));
  const footer = t(RU.emailFooter, lang, { name });
  const html = [
    '<!DOCTYPE html><html><body><div style="font:14px/1.5 Arial,Helvetica,sans-serif;color:#202124;max-width:760px">',
    `<p>${escapeHtml(intro)}</p>`,
    `<h3>${escapeHtml(pick(RU.emailTotals, lang))}</h3>`,
    htmlTable(totalHeader, totals),
    ratio !== '' ? `<p>${escapeHtml(`${pick(RU.figRatio, lang)}: ${ratio}`)}</p>` : '',
    `<h3>${escapeHtml(pick(RU.emailRanking, lang))}</h3><p>${escapeHtml(ranking)}</p>`,
    `<h3>${escapeHtml(pick(RU.secAttention, lang))}</h3>`,
    attention.length === 0 ? `<p>${escapeHtml(pick(RU.attentionNone, lang))}</p>` : `<ul>${attention.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>`,
    sheetUrl !== '' ? `<p><a href="${escapeHtml(sheetUrl)}">${escapeHtml(pick(RU.openSheet, lang))}</a></p>` : '',
    `<p style="color:#5f6368;font-size:12px">${escapeHtml(footer)}</p></div></body></html>`,
  ].join('');
  const text = [
    intro, '',
    pick(RU.emailTotals, lang),
    ...totals.map((r) => `- ${r[0]}: ${r[2]} / ${r[1]} (${r[3]}, ${r[4]})`),
    ...(ratio !== '' ? [`- ${pick(RU.figRatio, lang)}: ${ratio}`] : []), '',
    pick(RU.emailRanking, lang), ranking, '',
    pick(RU.secAttention, lang), ...(attention.length === 0 ? [pick(RU.attentionNone, lang)] : attention.map((a) => `- ${a}`)), '',
    ...(sheetUrl !== '' ? [`${pick(RU.openSheet, lang)}: ${sheetUrl}`, ''] : []),
    '--', footer,
  ].join('\n');
  return { subject: t(RU.subject, lang, { name, cycle: rollup.cycle || '—', asOf: rollup.asOf }), html, text };
}
