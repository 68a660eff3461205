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
  | 'calendar_not_covered';
