import { Bilingual } from './i18n';
import { TabKey } from './schema';

/** One thing wrong in the data: where it is, what the cell holds, and how to fix it. */
export interface Problem {
  readonly code: ProblemCode;
  readonly severity: 'error' | 'warning';
  readonly tab: TabKey;
  /** 1-based sheet row, or null for a problem of the whole tab. */
  readonly row: number | null;
  /** Column key from the schema, when the problem is one cell. */
  readonly column?: string;
  /** The cell's text as typed. */
  readonly value?: string;
  readonly message: Bilingual;
  readonly fix: Bilingual;
}

export type ProblemCode =
  | 'missing_tab'
  | 'missing_column'
  | 'bad_number'
  | 'bad_date'
  | 'bad_option'
  | 'bad_email'
  | 'missing_value'
  | 'missing_owner'
  | 'owner_not_in_team'
  | 'owner_without_email'
  | 'duplicate_person'
  | 'monthly_sum_mismatch'
  | 'task_overdue'
  | 'task_stale'
  | 'setting_invalid'
  | 'weekly_outside_cycle'
  /** A figure read one way where a person may have meant another (0.24 in a % row, an amount with no currency unit). */
  | 'ambiguous_value'
  /** An Evaluation row without a Unit whose cells are typed in different units. */
  | 'unit_missing'
  | 'negative_amount'
  /** An achievement or ratio far beyond any real figure (a unit typed wrong, a target of almost 0). */
  | 'absurd_figure'
  /** A typed Evaluation actual that disagrees with the total of the detailed rows. */
  | 'actual_mismatch'
  /** A formula set-up wrote that a typed value replaced. */
  | 'formula_overwritten'
  | 'duplicate_weekly'
  /** Owners' shares of a target that do not add up to the team target. */
  | 'owner_sum_mismatch'
  | 'calendar_not_covered'
  // The plan review (planReview.ts): warnings on the plan before the cycle starts, never refusals.
  /** A target (metric and period) whose rows name no owner. */
  | 'target_without_owner'
  | 'strategy_without_budget'
  | 'strategy_without_owner'
  /** Strategy budgets adding up to more than the cost target. */
  | 'budget_over_cost_target'
  /** A target whose growth over the last cycle's actual is well beyond the best growth history shows. */
  | 'target_above_history'
  /** A target below the last cycle's actual. */
  | 'target_below_history';
