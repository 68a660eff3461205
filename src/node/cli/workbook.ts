import { statSync } from 'node:fs';
import { checkWorkbook } from '../../core/checks';
import { Snapshot, readSnapshots } from '../../core/history';
import { PreviousCycle, previousCycles } from '../../core/previousCycles';
import { Lang, pick, resolveLang } from '../../core/i18n';
import { TimeContext, Workbook, readWorkbook } from '../../core/model';
import { Problem } from '../../core/problems';
import { TabKey } from '../../core/schema';
import { typedOverFormulaProblems } from '../../core/typedOver';
import { Day, utcDayOf } from '../../core/values';
import { openXlsx } from '../xlsx/open';
import { ReadResult, UnreadableWorkbookError } from '../xlsx/reader';
import { readXlsxValues } from '../xlsx/values';
import { Io, UsageError } from './args';
import { offlineProblems } from './problems';
import { CLI, say } from './text';

/** Files at least this big, or with at least this many rows, report progress on stderr. */
export const PROGRESS_BYTES = 250_000;
export const PROGRESS_ROWS = 2_000;

export interface OpenPlan {
  readonly read: ReadResult;
  readonly workbook: Workbook;
  readonly time: TimeContext;
  /** The language for messages and the report: --lang, else Settings → Language, else the workbook's own. */
  readonly lang: Lang;
  /** Check data's findings, reading problems included. */
  readonly problems: readonly Problem[];
  /** Each tab's sheet name in the file, for messages. */
  readonly sheetNames: ReadonlyMap<TabKey, string>;
  /** The workbook's progress history, and the earlier cycles it records (the plan review compares targets with them). */
  readonly history: readonly Snapshot[];
  readonly previous: readonly PreviousCycle[];
  readonly rows: number;
  /** Progress lines go to stderr (long files only, never with --quiet). */
  readonly progress: (line: string) => void;
}

/** Reads, parses and checks a workbook. Unreadable files become usage errors (exit 2). */
export async function openPlan(
  path: string, io: Io, options: { lang?: Lang; today: Day; quiet: boolean; messageLang: Lang; shown?: string; fast?: boolean },
): Promise<OpenPlan> {
  const shown = options.shown ?? path;
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    // loadXlsx reports the missing file in the user's words.
  }
  const long = size >= PROGRESS_BYTES;
  const mlang = options.lang ?? options.messageLang;
  let progressOn = long && !options.quiet;
  const progress = (line: string): void => { if (progressOn) io.err(line); };
  progress(say(CLI.loading, mlang, { path: shown, size: (size / 1e6).toFixed(1) }));
  let read: ReadResult;
  try {
    const onSheet = ({ sheet, rows }: { sheet: string; rows: number }): void => {
      if (rows >= PROGRESS_ROWS && !options.quiet) progressOn = true;
      progress(say(CLI.readSheet, mlang, { sheet, rows: rows.toLocaleString('en-US') }));
    };
    // The values reader gives exactly the exceljs reader's values, much faster (for commands reading many
    // workbooks); openXlsx reads with exceljs and falls back to it for files exceljs cannot read.
    read = options.fast ? readXlsxValues(path, onSheet) : await openXlsx(path, onSheet);
  } catch (error) {
    if (error instanceof UnreadableWorkbookError) throw new UsageError(say(CLI.notXlsx, mlang, { path: shown, reason: pick(error.reason, mlang) }));
    throw error;
  }
  if (read.sheets.length === 0) throw new UsageError(say(CLI.noTabs, mlang, { path: shown }));
  const rows = read.sheets.reduce((n, s) => n + s.rows, 0);
  const time: TimeContext = { today: options.today, dayOf: utcDayOf };
  progress(say(CLI.checking, mlang, { rows: rows.toLocaleString('en-US') }));
  const parsed = readWorkbook(read.raw, time);
  const history = read.raw.history ? readSnapshots(read.raw.history, time) : [];
  // Offline the progress history is the record of earlier cycles (archive tabs are the Google Sheet's).
  const previous = previousCycles(parsed.settings.cycle, [], history, parsed.settings.currencyUnit);
  // Problems in the command line's words (fix the file, not the Google Sheet's menu); the report merges the
  // workbook's own reading problems into its data-quality notes, so those are reworded too.
  const offline = (list: readonly Problem[]): Problem[] => offlineProblems(list, read.raw, read.sheets, read.unrecognised);
  // The file's own formulas: a value typed where the template computes a figure (a Google Sheet's set-up finds its own).
  const problems = [...offline(checkWorkbook(parsed, time, previous)), ...typedOverFormulaProblems(read.raw, read.formulas)];
  const workbook: Workbook = { ...parsed, problems: offline(parsed.problems) };
  const lang = options.lang ?? resolveLang(workbook.settings.language, read.lang);
  const sheetNames = new Map<TabKey, string>(read.sheets.map((s) => [s.tab, s.sheet]));
  return { read, workbook, time, lang, problems, sheetNames, history, previous, rows, progress };
}
