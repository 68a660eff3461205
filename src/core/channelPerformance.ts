/**
 * Per-channel performance (the form's "哪些策略有效"): each channel's funnel from the Weekly log and Costs
 * (derived.ts weeklyFunnel: visits → leads → new customers, conversions, revenue, cost, acquisition cost,
 * input-output ratio) beside the Strategy tab's plan for it (budget), and which channels did best and worst.
 *
 * Rules
 * - A channel is matched by its label as options.normalizeLabel reads it (case, width and spacing ignored), the
 *   rule weeklyFunnel groups by; several Strategy lines of one channel add up their budgets.
 * - Order: the Strategy tab's channels in its order (planned, with or without activity), then channels with
 *   Weekly log rows or cost lines that Strategy does not plan; rows and costs without a channel are kept apart
 *   (`unassigned`), never ranked.
 * - Money (budget, cost, revenue, acquisition cost) is in Settings → Currency unit: the model reads every cell in
 *   it (units.ts), so budget and cost compare as they stand.
 * - A budget is "check data" when a Strategy budget of the channel could not be read; the share of budget used
 *   is then "check data" too, never a partial sum.
 * - Best and worst by acquisition cost (lower is better) and by input-output ratio (higher is better) are named
 *   only among channels whose figure can be read, and only when at least two channels have one: a channel whose
 *   figure is unreadable or blank is never best or worst. Channels tied on the figure are named together; when
 *   every ranked channel ties there is no best or worst.
 */
import { ChannelFunnel, Figure, Funnel, FunnelFigures, quotient, weeklyFunnel } from './derived';
import type { Workbook } from './model';
import { normalizeLabel } from './options';

export interface ChannelPerformance {
  /** As Strategy names it when planned, else as first typed in the Weekly log (or Costs). */
  readonly channel: string;
  /** Strategy lines of the channel (sheet rows); empty when not planned. */
  readonly strategyRows: readonly number[];
  readonly planned: boolean;
  /** Has Weekly log rows or cost lines this cycle. */
  readonly active: boolean;
  /** Strategy budget (sum of its lines), in Settings → Currency unit; null without one. */
  readonly budget: Figure;
  /** cost ÷ budget (a fraction). */
  readonly budgetUsed: Figure;
  /** The channel's funnel; null for a planned channel with no activity. */
  readonly funnel: FunnelFigures | null;
}

export interface ChannelRanking {
  /** Channels with the best figure (several when tied). */
  readonly best: readonly ChannelPerformance[];
  readonly worst: readonly ChannelPerformance[];
  /** How many channels had a readable figure to rank. */
  readonly ranked: number;
}

export interface ChannelComparison {
  readonly channels: readonly ChannelPerformance[];
  /** Weekly log rows and cost lines without a channel (null when there are none). */
  readonly unassigned: FunnelFigures | null;
  /** The whole cycle's funnel (every row and cost line, with or without a channel). */
  readonly total: FunnelFigures;
  /** Strategy has channel lines at all. */
  readonly hasStrategy: boolean;
  readonly byAcquisitionCost: ChannelRanking | null;
  readonly byRatio: ChannelRanking | null;
}

const NO_FIGURE: Figure = { value: null, unreadable: false };
const EPSILON = 1e-9;

function budgetOf(lines: Workbook['strategy']): Figure {
  if (lines.some((l) => l.invalid.includes('budget'))) return { value: null, unreadable: true };
  const present = lines.filter((l) => l.budget !== null);
  return { value: present.length === 0 ? null : present.reduce((sum, l) => sum + l.budget!, 0), unreadable: false };
}

/** Best and worst channels by one figure; null when fewer than two channels have a readable figure. */
export function rankChannels(
  channels: readonly ChannelPerformance[], figure: (f: FunnelFigures) => Figure, better: 'lower' | 'higher',
): ChannelRanking | null {
  const ranked = channels.flatMap((c) => {
    const f = c.funnel ? figure(c.funnel) : NO_FIGURE;
    return f.unreadable || f.value === null ? [] : [{ channel: c, value: f.value }];
  });
  if (ranked.length < 2) return null;
  const values = ranked.map((r) => r.value);
  const top = better === 'lower' ? Math.min(...values) : Math.max(...values);
  const bottom = better === 'lower' ? Math.max(...values) : Math.min(...values);
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
  if (near(top, bottom)) return { best: [], worst: [], ranked: ranked.length };
  return {
    best: ranked.filter((r) => near(r.value, top)).map((r) => r.channel),
    worst: ranked.filter((r) => near(r.value, bottom)).map((r) => r.channel),
    ranked: ranked.length,
  };
}

/** Each channel's funnel beside its Strategy budget, and the best and worst channels (see the module comment). */
export function channelPerformance(workbook: Workbook, funnel: Funnel = weeklyFunnel(workbook)): ChannelComparison {
  const activity = new Map<string, ChannelFunnel>();
  let unassigned: FunnelFigures | null = null;
  for (const c of funnel.byChannel) {
    const key = normalizeLabel(c.channel);
    if (key === '') unassigned = c;
    else activity.set(key, c);
  }
  const plans = new Map<string, { channel: string; lines: Workbook['strategy'][number][] }>();
  for (const line of workbook.strategy) {
    const key = normalizeLabel(line.channel);
    if (key === '') continue;
    const plan = plans.get(key) ?? { channel: line.channel.trim(), lines: [] };
    plan.lines.push(line);
    plans.set(key, plan);
  }
  const channels: ChannelPerformance[] = [];
  const entry = (channel: string, lines: Workbook['strategy'][number][], f: ChannelFunnel | undefined): ChannelPerformance => {
    const budget = lines.length > 0 ? budgetOf(lines) : NO_FIGURE;
    return {
      channel, strategyRows: lines.map((l) => l.row), planned: lines.length > 0, active: f !== undefined, budget,
      budgetUsed: f ? quotient(f.cost, budget) : NO_FIGURE, funnel: f ?? null,
    };
  };
  for (const [key, plan] of plans) channels.push(entry(plan.channel, plan.lines, activity.get(key)));
  for (const [key, f] of activity) if (!plans.has(key)) channels.push(entry(f.channel, [], f));
  return {
    channels, unassigned, total: funnel.cycle, hasStrategy: plans.size > 0,
    byAcquisitionCost: rankChannels(channels, (f) => f.acquisitionCost, 'lower'),
    byRatio: rankChannels(channels, (f) => f.inputOutputRatio, 'higher'),
  };
}
