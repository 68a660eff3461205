import { MetricKey } from './catalogue';
import { Day } from './values';

/**
 * What the managers' summary says about the week beyond the figures themselves: each target's change over
 * seven days (core/history.ts computes it) and the tasks escalated to the director. Plain data, so the digest
 * and the email renderer need nothing of the modules that compute it.
 */
export interface WeekChange {
  readonly metric: string;
  readonly metricKey: MetricKey | null;
  readonly isRate: boolean;
  readonly actual: number | null;
  /** Progress against what is expected by today. */
  readonly rate: number | null;
  /** A week ago, or null when there is nothing to compare with (the cycle's first week, no snapshot). */
  readonly before: { readonly actual: number | null; readonly rate: number | null } | null;
  /** actual now − actual a week ago; null when either is unknown. */
  readonly delta: number | null;
}

/** A task flagged "needs help" (上报销售总监): what was asked, by whom, since when, what was decided. */
export interface HelpItem {
  readonly row: number;
  /** Link to the row, or '' offline. */
  readonly link: string;
  readonly task: string;
  readonly owners: readonly string[];
  readonly asked: string;
  readonly since: Day | null;
  /** Days since it was flagged (today − since), or null when the date is unknown. */
  readonly days: number | null;
  readonly decision: string;
}
