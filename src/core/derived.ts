/**
 * Derived metrics (DESIGN "Derived metrics"): the Weekly log's funnel — visits, leads, new customers, revenue,
 * cost, event participants — added up per cycle, per month, per owner and per channel, with the rates the form
 * names: lead conversion (客户转化率 = new customers ÷ leads), visit-to-lead rate (leads ÷ visits), average order
 * value (客单价 = revenue ÷ new customers) and acquisition cost (获客成本 = cost ÷ new customers).
 *
 * Rules
 * - Money is in Settings → Currency unit (the unit rule read every cell in it); counts are counts.
 * - A total is null when no row of the group has a figure (no data, never 0), and null with `unreadable` set
 *   when a row of the group has a cell that could not be read: that total would be wrong, so it is "check data"
 *   (the cell is in Check data with its tab, row and fix). A rate is blank when its divisor is 0 or blank.
 * - Cost: for the cycle and per channel, the Costs tab when it has any cost line (the report's total cost),
 *   else the Weekly log's Cost; per month and per owner always the Weekly log's (Costs lines have neither), and
 *   the Weekly log's too when the funnel is limited to some owners or to weeks up to a day.
 * - A Weekly log row with several owners (张、赵) counts in full for each of them, so owners' figures may add up to
 *   more than the team's; a row without a week is in the cycle's and its owner's and channel's totals, not a month's.
 */
import { MetricKey, WeeklyColumn } from './catalogue';
import { inputOutputRatio, quotientOf } from './metrics';
import { Workbook, WeeklyEntry } from './model';
import { normalizeLabel } from './options';
import { findPerson, personKey } from './people';
import { Day, monthOf } from './values';

/** One figure: its value (null = no data, or check data when `unreadable`). */
export interface Figure {
  readonly value: number | null;
  /** A cell it depends on could not be read: show "check data", never a number. */
  readonly unreadable: boolean;
}

/** A total over rows: the figure, and which sheet rows could not be read. */
export interface Total extends Figure {
  /** Sheet rows (Weekly log, or Costs for a cost from Costs) with an unreadable cell in this column. */
  readonly unreadableRows: readonly number[];
}

export type CostSource = 'costs' | 'weekly';

export interface FunnelFigures {
  /** Weekly log rows in the group. */
  readonly rows: number;
  readonly visits: Total;
  readonly leads: Total;
  readonly newCustomers: Total;
  readonly revenue: Total;
  readonly cost: Total;
  readonly eventParticipants: Total;
  readonly costSource: CostSource;
  /** new customers ÷ leads (a fraction). */
  readonly leadConversion: Figure;
  /** leads ÷ visits (a fraction). */
  readonly visitToLead: Figure;
  /** revenue ÷ new customers, in Settings → Currency unit. */
  readonly avgOrderValue: Figure;
  /** cost ÷ new customers, in Settings → Currency unit. */
  readonly acquisitionCost: Figure;
  /** revenue ÷ cost (the X of 1:X). */
  readonly inputOutputRatio: Figure;
}

export interface MonthFunnel extends FunnelFigures { readonly month: string }
export interface OwnerFunnel extends FunnelFigures {
  /** The Team name when the owner is in Team, else as typed. */
  readonly owner: string;
}
export interface ChannelFunnel extends FunnelFigures {
  /** As typed in the Weekly log (or Costs); '' for rows without a channel. */
  readonly channel: string;
}

export interface Funnel {
  readonly cycle: FunnelFigures;
  /** Months in calendar order. */
  readonly byMonth: readonly MonthFunnel[];
  /** Owners in Team order, then owners not in Team in the order they first appear. */
  readonly byOwner: readonly OwnerFunnel[];
  /** Channels in the order they first appear (Weekly log, then Costs); no channel last. */
  readonly byChannel: readonly ChannelFunnel[];
}

export interface FunnelOptions {
  /** Only weeks starting on or before this day (progress to date); rows without a week then count as not yet dated. */
  readonly until?: Day;
  /** Only weeks inside Settings → Cycle start … Cycle end (a week starting up to six days before the start counts). */
  readonly withinCycle?: boolean;
  /** Only rows one of whose owners is one of these people (matched as Team names are: `张` finds `张*`). */
  readonly owners?: readonly string[];
}

const FIELDS: readonly WeeklyColumn[] = ['visits', 'leads', 'newCustomers', 'revenue', 'cost', 'eventParticipants'];

interface Sum {
  value: number;
  any: boolean;
  unreadableRows: number[];
}

const emptySum = (): Sum => ({ value: 0, any: false, unreadableRows: [] });

function add(sum: Sum, value: number | null, unreadable: boolean, row: number): void {
  if (unreadable) sum.unreadableRows.push(row);
  else if (value !== null) {
    sum.value += value;
    sum.any = true;
  }
}

function total(sum: Sum): Total {
  const unreadable = sum.unreadableRows.length > 0;
  return { value: unreadable || !sum.any ? null : sum.value, unreadable, unreadableRows: sum.unreadableRows };
}

/** numerator ÷ denominator as a figure: blank when either is blank or the divisor is 0, check data when either is. */
export function quotient(numerator: Figure, denominator: Figure): Figure {
  if (numerator.unreadable || denominator.unreadable) return { value: null, unreadable: true };
  return { value: quotientOf(numerator.value, denominator.value), unreadable: false };
}

class Group {
  rows = 0;
  readonly sums: Record<WeeklyColumn, Sum> = {
    visits: emptySum(), leads: emptySum(), newCustomers: emptySum(), revenue: emptySum(), cost: emptySum(), eventParticipants: emptySum(),
  };
  costs: Sum | null = null;

  addWeekly(entry: WeeklyEntry): void {
    this.rows++;
    for (const field of FIELDS) add(this.sums[field], entry[field], entry.invalid.includes(field), entry.row);
  }

  figures(): FunnelFigures {
    const t = (field: WeeklyColumn): Total => total(this.sums[field]);
    const cost = this.costs ? total(this.costs) : t('cost');
    const newCustomers = t('newCustomers');
    const revenue = t('revenue');
    const ratio = quotient(revenue, cost);
    return {
      rows: this.rows, visits: t('visits'), leads: t('leads'), newCustomers, revenue, cost, eventParticipants: t('eventParticipants'),
      costSource: this.costs ? 'costs' : 'weekly',
      leadConversion: quotient(newCustomers, t('leads')),
      visitToLead: quotient(t('leads'), t('visits')),
      avgOrderValue: quotient(revenue, newCustomers),
      acquisitionCost: quotient(cost, newCustomers),
      // The ratio's own rule (no ratio against zero or negative cost; none beyond 1:10,000).
      inputOutputRatio: ratio.unreadable ? ratio : { value: inputOutputRatio(revenue.value, cost.value), unreadable: false },
    };
  }
}

function keyed<K>(map: Map<string, { key: K; group: Group }>, id: string, key: K): Group {
  let entry = map.get(id);
  if (!entry) {
    entry = { key, group: new Group() };
    map.set(id, entry);
  }
  return entry.group;
}

/** The Weekly log's funnel per cycle, month, owner and channel (see the module comment for the rules). */
export function weeklyFunnel(workbook: Workbook, options: FunnelOptions = {}): Funnel {
  const { cycleStart, cycleEnd } = workbook.settings;
  const wanted = options.owners ? new Set(options.owners.map(personKey)) : null;
  const included = (entry: WeeklyEntry): boolean => {
    if (wanted && !entry.owners.some((o) => wanted.has(personKey(o)))) return false;
    if (options.until !== undefined && (entry.week === null || entry.week > options.until)) return false;
    if (options.withinCycle && entry.week !== null) {
      if (cycleStart !== null && entry.week < cycleStart - 6) return false;
      if (cycleEnd !== null && entry.week > cycleEnd) return false;
    }
    return true;
  };
  const cycle = new Group();
  const months = new Map<string, { key: string; group: Group }>();
  const owners = new Map<string, { key: { name: string; order: number }; group: Group }>();
  const channels = new Map<string, { key: string; group: Group }>();
  for (const entry of workbook.weekly) {
    if (!included(entry)) continue;
    cycle.addWeekly(entry);
    if (entry.week !== null) keyed(months, monthOf(entry.week), monthOf(entry.week)).addWeekly(entry);
    for (const name of entry.owners) {
      const person = findPerson(workbook.team, name);
      const id = person ? `p:${person.row}` : `n:${normalizeLabel(name)}`;
      keyed(owners, id, { name: person ? person.name : name, order: person ? person.row : Number.MAX_SAFE_INTEGER }).addWeekly(entry);
    }
    keyed(channels, normalizeLabel(entry.channel), entry.channel.trim()).addWeekly(entry);
  }

  // Costs lines carry the cycle's (and each channel's) cost when the tab has any; they have no date or owner.
  const costLines = wanted || options.until !== undefined ? []
    : workbook.costs.filter((line) => line.amount !== null || line.invalid.includes('amount'));
  if (costLines.length > 0) {
    cycle.costs = emptySum();
    for (const entry of channels.values()) entry.group.costs = emptySum();
    for (const line of costLines) {
      const unreadable = line.invalid.includes('amount');
      add(cycle.costs, line.amount, unreadable, line.row);
      const group = keyed(channels, normalizeLabel(line.channel), line.channel.trim());
      group.costs ??= emptySum();
      add(group.costs, line.amount, unreadable, line.row);
    }
  }

  const ownerList = [...owners.values()].map((e, i) => ({ ...e, i }))
    .sort((a, b) => a.key.order - b.key.order || a.i - b.i);
  const channelList = [...channels.values()].map((e, i) => ({ ...e, i }))
    .sort((a, b) => (a.key === '' ? 1 : 0) - (b.key === '' ? 1 : 0) || a.i - b.i);
  return {
    cycle: cycle.figures(),
    byMonth: [...months.values()].sort((a, b) => a.key.localeCompare(b.key)).map((e) => ({ month: e.key, ...e.group.figures() })),
    byOwner: ownerList.map((e) => ({ owner: e.key.name, ...e.group.figures() })),
    byChannel: channelList.map((e) => ({ channel: e.key, ...e.group.figures() })),
  };
}

/**
 * The figure of a catalogue metric in a funnel group (new customers, revenue, visits, leads, participants, total
 * cost, lead conversion, visit-to-lead rate, average order value, acquisition cost, input-output ratio), or null
 * for a metric the Weekly log does not measure. Money is in Settings → Currency unit, rates are fractions.
 */
export function funnelFigure(figures: FunnelFigures, key: MetricKey): Figure | null {
  switch (key) {
    case 'new_customers': return figures.newCustomers;
    case 'revenue': return figures.revenue;
    case 'visits': return figures.visits;
    case 'leads': return figures.leads;
    case 'event_participants': return figures.eventParticipants;
    case 'total_cost': return figures.cost;
    case 'lead_conversion': return figures.leadConversion;
    case 'visit_to_lead': return figures.visitToLead;
    case 'avg_order_value': return figures.avgOrderValue;
    case 'acquisition_cost': return figures.acquisitionCost;
    case 'roi': return figures.inputOutputRatio;
    default: return null;
  }
}
