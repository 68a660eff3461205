/**
 * The report's ending, as the form's 撰写评估报告 and 目标与策略迭代 steps ask: what was achieved, what
 * was missed and why (from Evaluation → Analysis), what worked (proven practices, the channels with
 * the lowest acquisition cost and the highest return), and proposals for the next cycle's targets and
 * strategy — each proposal with the figure it rests on, marked as a draft for the team to edit.
 */
import { CONCLUSION_TEXT as CX } from './conclusionText';
import { nextLabel } from './cycle';
import type { DocBlock } from './document';
import { formatNumber, formatPercent } from './format';
import { Bilingual, Lang, fill, joinClauses, joinList, pick } from './i18n';
import type { ChannelPerformance } from './channelPerformance';
import type { Figure, FunnelFigures } from './derived';
import { ratioLabel } from './metrics';
import type { Workbook } from './model';
import type { MetricFigure, ReportFigures } from './report';
import { formatValue, gapText, inSentence } from './reportFigureText';
import { isoFromDay } from './values';

const t = (text: Bilingual, lang: Lang, params: Record<string, string | number> = {}): string => pick(fill(text, params), lang);

export type ProposalKind = 'focus' | 'keep' | 'raise' | 'channel' | 'budget' | 'actions' | 'month' | 'keepAll';

export interface Proposal {
  readonly kind: ProposalKind;
  readonly text: string;
  /** The figure the proposal rests on, as the report shows it. */
  readonly basis: string;
}

export interface Conclusion {
  /** Plain sentences: achieved, missed and why, the input-output ratio, what worked. */
  readonly statements: readonly string[];
  readonly proposals: readonly Proposal[];
  /** The next cycle's label (e.g. 2023 Q4), or the words "the next cycle". */
  readonly next: string;
}

const EPSILON = 1e-9;
const met = (m: MetricFigure): boolean => m.achievement !== null && m.achievement >= 1 - EPSILON;
const missed = (m: MetricFigure): boolean => m.achievement !== null && m.achievement < 1 - EPSILON;
/** Ratios (1:X) are derived figures: the proposals speak of the figures that make them. */
const proposable = (m: MetricFigure): boolean => m.kind !== 'ratio' && m.dimension !== 'input_output';

function rate(m: MetricFigure): string {
  return m.achievement === null ? '—' : formatPercent(m.achievement);
}

function metricBasis(m: MetricFigure, lang: Lang): string {
  return t(CX.basisMetric, lang, { metric: m.metric, actual: formatValue(m.actual, m.kind), target: formatValue(m.target, m.kind), rate: rate(m) });
}

function reasonOf(m: MetricFigure, lang: Lang): string {
  return inSentence(m.analysis, lang);
}

/** A channel's figure when it can be read (a channel whose figure is unreadable or blank is never compared). */
function readable(c: ChannelPerformance, figure: (x: FunnelFigures) => Figure): number | null {
  const x = c.funnel ? figure(c.funnel) : null;
  return x === null || x.unreadable ? null : x.value;
}

/** The conclusion and proposals, worked out from the report's figures. */
export function buildConclusion(workbook: Workbook, f: ReportFigures, lang: Lang): Conclusion {
  const next = nextLabel(workbook.settings.cycle) ?? pick(CX.nextCycleFallback, lang);
  const rated = f.metrics.filter((m) => m.achievement !== null);
  const achievedList = rated.filter(met);
  const missedList = rated.filter(missed);
  const io = f.inputOutput;
  // A unit in a label is in brackets ("获客成本（万元）"); after a figure it is a word ("0.21 万元", "0.21 (10k CNY)").
  const unit = io.currencyUnit === '' ? '' : lang === 'zh-CN' ? `（${io.currencyUnit}）` : ` (${io.currencyUnit})`;
  const unitAfter = io.currencyUnit === '' ? '' : lang === 'zh-CN' ? ` ${io.currencyUnit}` : ` (${io.currencyUnit})`;
  const metricRate = (m: MetricFigure): string => t(CX.metricRate, lang, { metric: m.metric, actual: formatValue(m.actual, m.kind), target: formatValue(m.target, m.kind), rate: rate(m) });

  const statements: string[] = [];
  if (f.running) statements.push(t(CX.running, lang, { today: f.asOf }));
  statements.push(achievedList.length > 0 ? t(CX.achieved, lang, { list: joinList(achievedList.map(metricRate), lang) }) : pick(CX.achievedNone, lang));
  if (missedList.length > 0) {
    statements.push(t(CX.missed, lang, { list: joinList(missedList.map(metricRate), lang) }));
    const reasons = missedList.map((m) => {
      const reason = reasonOf(m, lang);
      const params = { metric: m.metric, rate: rate(m), actual: formatValue(m.actual, m.kind), target: formatValue(m.target, m.kind), reason };
      return reason === '' ? t(CX.missedNoReason, lang, params) : t(CX.missedBecause, lang, params);
    });
    statements.push(t(CX.why, lang, { list: joinClauses(reasons, lang) }));
  } else if (rated.length > 0) {
    statements.push(pick(CX.missedNone, lang));
  }
  if (io.ratio !== null && io.netRoi !== null) {
    statements.push(t(CX.ratio, lang, { ratio: formatNumber(io.ratio), ratioLabel: io.ratioLabel, roi: formatPercent(io.netRoi) }));
  }

  // What worked: proven practices, then the cheapest and the most profitable channel.
  const worked: string[] = workbook.retrospective.filter((r) => r.status === 'proven' && r.suggestion.trim() !== '').map((r) => (r.highlight.trim() === ''
    ? t(CX.provenBare, lang, { practice: r.suggestion.trim() })
    : t(CX.proven, lang, { practice: r.suggestion.trim(), highlight: r.highlight.trim() })));
  // The channels compared as the report's input-output section compares them (channelPerformance.ts: one rule).
  const names = (list: readonly ChannelPerformance[]): string => joinList(list.map((c) => c.channel), lang);
  const acquisition = f.channels.byAcquisitionCost;
  const cheapest = acquisition && acquisition.best.length > 0 ? acquisition : null;
  if (cheapest) {
    worked.push(t(CX.bestChannel, lang, { channel: names(cheapest.best), cost: formatNumber(readable(cheapest.best[0]!, (x) => x.acquisitionCost)!), unit: unitAfter }));
  }
  const bestRatio = f.channels.byRatio && f.channels.byRatio.best.length > 0 ? f.channels.byRatio : null;
  if (bestRatio) worked.push(t(CX.bestRoiChannel, lang, { channel: names(bestRatio.best), ratio: ratioLabel(readable(bestRatio.best[0]!, (x) => x.inputOutputRatio)) }));
  const byAcquisition = f.channels.channels
    .flatMap((c) => { const cost = readable(c, (x) => x.acquisitionCost); return cost === null ? [] : [{ channel: c.channel, cost }]; })
    .sort((a, b) => a.cost - b.cost);
  statements.push(worked.length > 0 ? t(CX.worked, lang, { list: joinClauses(worked, lang) }) : pick(CX.workedNone, lang));

  // Proposals, most important first.
  const proposals: Proposal[] = [];
  const missedHigher = missedList.filter((m) => proposable(m) && m.direction === 'higher').sort((a, b) => (a.achievement ?? 0) - (b.achievement ?? 0));
  missedHigher.forEach((m, i) => {
    const reason = reasonOf(m, lang);
    const params = { metric: m.metric, next, target: formatValue(m.target, m.kind), reason, gap: gapText(m, (m.actual ?? 0) - (m.target ?? 0), lang) };
    const text = i === 0
      ? t(reason === '' ? CX.proposeFocusNoReason : CX.proposeFocus, lang, params)
      : t(CX.proposeKeep, lang, params);
    proposals.push({ kind: i === 0 ? 'focus' : 'keep', text, basis: metricBasis(m, lang) });
  });
  for (const m of achievedList.filter((x) => proposable(x) && x.direction === 'higher' && (x.achievement ?? 0) >= 1.05)) {
    proposals.push({
      kind: 'raise', basis: metricBasis(m, lang),
      text: t(CX.proposeRaise, lang, { metric: m.metric, target: formatValue(m.target, m.kind), actual: formatValue(m.actual, m.kind) }),
    });
  }
  if (cheapest) {
    proposals.push({
      kind: 'channel',
      text: t(CX.proposeChannel, lang, { channel: names(cheapest.best), worst: names(cheapest.worst) }),
      basis: t(CX.basisChannel, lang, {
        unit, list: joinList(byAcquisition.map((c) => t(CX.basisChannelItem, lang, { channel: c.channel, cost: formatNumber(c.cost) })), lang),
      }),
    });
  }
  if (io.totalCost !== null && io.budget !== null) {
    const basis = t(CX.basisBudget, lang, { actual: formatNumber(io.totalCost), budget: formatNumber(io.budget) });
    if (io.totalCost < io.budget - EPSILON && cheapest) {
      proposals.push({ kind: 'budget', basis, text: t(CX.proposeBudget, lang, { gap: formatNumber(io.budget - io.totalCost), unit: unitAfter, channel: names(cheapest.best) }) });
    } else if (io.totalCost > io.budget + EPSILON) {
      proposals.push({ kind: 'budget', basis, text: t(CX.proposeOverBudget, lang, { actual: formatNumber(io.totalCost), budget: formatNumber(io.budget) }) });
    }
  }
  const weakestMonth = f.monthly[0]?.months.filter((m) => m.achievement !== null && m.achievement < 1 - EPSILON)
    .sort((a, b) => a.achievement! - b.achievement!)[0];
  if (weakestMonth && f.monthly[0]) {
    const params = { month: weakestMonth.month, rate: formatPercent(weakestMonth.achievement!), metric: f.monthly[0].metric, actual: formatNumber(weakestMonth.actual ?? 0), target: formatNumber(weakestMonth.target) };
    proposals.push({ kind: 'month', text: t(CX.proposeMonth, lang, params), basis: t(CX.basisMetric, lang, { ...params, metric: `${f.monthly[0].metric} ${weakestMonth.month}`, rate: params.rate }) });
  }
  const open = workbook.retrospective.filter((r) => r.status === 'open' && (r.suggestion.trim() !== '' || r.module.trim() !== ''));
  if (open.length > 0) {
    const items = open.map((r) => {
      const params = { action: (r.suggestion || r.module).trim(), owners: joinList(r.owners, lang) || '—', due: r.due === null ? '' : isoFromDay(r.due.end) };
      return t(r.due === null ? CX.actionItemNoDue : CX.actionItem, lang, params);
    });
    proposals.push({ kind: 'actions', text: t(CX.proposeActions, lang, { list: joinClauses(items, lang) }), basis: t(CX.basisActions, lang, { count: open.length }) });
  }
  if (proposals.length === 0 && rated.length > 0) {
    proposals.push({ kind: 'keepAll', text: pick(CX.proposeNothing, lang), basis: t(CX.basisAll, lang, { met: achievedList.length, total: rated.length }) });
  }
  return { statements, proposals, next };
}

/** The conclusion as document blocks: the sentences, then the proposals as a table with the figure each rests on. */
export function conclusionBlocks(conclusion: Conclusion, lang: Lang): DocBlock[] {
  const blocks: DocBlock[] = [
    { kind: 'heading', level: 3, text: pick(CX.subConclusion, lang) },
    ...conclusion.statements.map((text): DocBlock => ({ kind: 'paragraph', style: 'normal', text })),
  ];
  if (conclusion.proposals.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: t(CX.subProposals, lang, { next: conclusion.next }) });
    blocks.push({ kind: 'paragraph', style: 'note', text: pick(CX.draftNote, lang) });
    blocks.push({
      kind: 'table', id: 'proposals', header: [pick(CX.colProposal, lang), pick(CX.colBasis, lang)],
      rows: conclusion.proposals.map((p, i) => [{ text: `${i + 1}. ${p.text}` }, { text: p.basis }]),
      columns: [{ align: 'left', weight: 3 }, { align: 'left', weight: 2 }],
    });
  }
  return blocks;
}

export const CONCLUSION_TITLE = CX.section;
