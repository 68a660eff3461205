/**
 * "Start next cycle" as plain data: what to archive, what the new cycle's tabs hold, and the words that
 * tell a person exactly what will happen. The adapter copies the tabs named in `archives`, then performs
 * `writes` (one rectangle per tab) in order; nothing here touches a spreadsheet.
 *
 * What a rollover does (DESIGN "Start next cycle"):
 * - every data tab is archived first (a copy named like `Archive 2023 Q3 — Tracking`);
 * - Tracking keeps only the open tasks (not done), each marked where it came from; their Progress (what was
 *   done in the cycle that ended) stays in the archive only;
 * - Retrospective keeps only the open actions, marked the same way, with their problem and suggestion but not
 *   the old highlight; done ones stay in the archive; proven ones go to Playbook with their evidence and
 *   source cycle (unless already there);
 * - a carried row's dates before the new cycle move on by the cycle's length, or are left blank with a note
 *   asking for one when even that would be past (`carriedDate`), so nothing is overdue on the first day;
 * - Goals become draft targets for the new cycle (months moved on by the cycle's length);
 * - Weekly log and Costs start empty; Evaluation keeps its rows and targets, its actuals and its Analysis
 *   (the cycle's explanations) start empty;
 * - Team, Strategy, Playbook and every setting except the cycle label and dates are kept.
 */
import { metricKeyOf, MetricKey } from './catalogue';
import { CycleSpan, monthsBetween, nextCycle, shiftMonth, wholeMonths } from './cycle';
import { Bilingual, Lang, fill, joinClauses, pick } from './i18n';
import { achievementRate, inputOutputRatio, ratioLabel } from './metrics';
import { EvaluationRow, RawWorkbook, RetroItem, TimeContext, Workbook, cellText } from './model';
import { normalizeLabel } from './options';
import { COST_SUMMARY, SettingKey, TABS, TabKey, TabSpec, columnSpec, tabSpec } from './schema';
import { HeaderMap, asLiteral, isBlankCell, mapHeaders } from './table';
import { CellValue, DateSpan, Day, dayFromParts, daysInMonth, isoFromDay, partsOfDay } from './values';

/** One rectangle to write with a single setValues: top-left cell (1-based) and the values. */
export interface GridWrite {
  readonly tab: TabKey;
  readonly row: number;
  readonly column: number;
  readonly values: CellValue[][];
}

export interface ArchiveCopy {
  readonly tab: TabKey;
  readonly name: string;
}

/** A date of a carried row and what the rollover did with it: moved into the new cycle, or left blank (`to` null). */
export interface CarriedDate {
  readonly column: string;
  readonly from: Day;
  readonly to: Day | null;
}

/** A task or action carried into the new cycle, for the confirmation and the Log. */
export interface CarriedItem {
  readonly fromRow: number;
  readonly text: string;
  readonly owners: readonly string[];
  /** Its dates that were before the new cycle (later ones are kept as typed). */
  readonly dates: readonly CarriedDate[];
}

export interface PlaybookAddition {
  readonly fromRow: number;
  readonly practice: string;
  readonly evidence: string;
  readonly sourceCycle: string;
  readonly tags: string;
}

export interface RolloverPlan {
  readonly from: CycleSpan;
  readonly to: CycleSpan;
  /** Tabs to copy before anything is written, in workbook order. */
  readonly archives: readonly ArchiveCopy[];
  /** One rectangle per tab, data tabs first and Settings last. */
  readonly writes: readonly GridWrite[];
  readonly carriedTasks: readonly CarriedItem[];
  readonly doneTasks: number;
  readonly carriedActions: readonly CarriedItem[];
  /** The Tracking column that notes where a carried task came from (Progress unless the tab lacks it). */
  readonly taskNoteColumn: string | null;
  /** The Retrospective column that notes where a carried action came from (Problem unless the tab lacks it). */
  readonly actionNoteColumn: string | null;
  readonly doneActions: number;
  readonly playbookAdded: readonly PlaybookAddition[];
  readonly playbookSkipped: number;
  readonly goalsCopied: number;
  readonly monthShift: number;
  readonly weeklyCleared: number;
  readonly costsCleared: number;
  readonly actualsCleared: number;
  /** Evaluation Analysis cells emptied (the cycle's explanations stay in the archive). */
  readonly analysesCleared: number;
  /** True when today is before the end of the cycle being closed. */
  readonly endsInFuture: boolean;
  /** Document property that records the rollover, so it cannot run twice for the same cycle. */
  readonly propertyKey: string;
}

export interface RolloverOptions {
  /** Names of every sheet in the spreadsheet, to refuse when this cycle's archive tabs already exist. */
  readonly sheetNames?: readonly string[];
  /**
   * When the cycle in Settings was itself opened by Start next cycle (the date it was, YYYY-MM-DD): such a
   * cycle is not closed again before its end, which is what a second run by accident would do.
   */
  readonly openedByRolloverOn?: string;
  /** How a calendar day is written into Settings (the adapter passes a Date in the sheet's time zone). */
  readonly dateCell?: (day: Day) => CellValue;
  /**
   * The formulas of each tab (getFormulas over the same rectangle as its grid; '' where a cell has none). A
   * cell the rollover writes back from its source keeps its formula (relative rows moved with the row).
   */
  readonly formulas?: Partial<Record<TabKey, readonly (readonly string[])[]>>;
}

/**
 * The tabs a rollover never rewrites and never archives: the Log records the rollover itself, and the
 * progress history keeps every cycle's snapshots (each names its cycle).
 */
const NOT_ARCHIVED: readonly TabKey[] = ['log', 'history'];
export const MAX_SHEET_NAME = 100;

export const ROLLOVER_MSG = {
  archivePrefix: { en: 'Archive', zh: '归档' },
  carried: { en: 'Carried over from {cycle}, row {row}', zh: '由 {cycle} 第 {row} 行结转' },
  // After the carried note, in brackets: what happened to the row's dates before the new cycle.
  carriedDates: { en: ' ({dates})', zh: '（{dates}）' },
  dateMoved: { en: '{column} {from} → {to}', zh: '{column} {from} → {to}' },
  dateCleared: { en: '{column} was {from}: set a new date', zh: '{column}原为 {from}，请填写新日期' },
  draft: { en: 'Draft target for {to} (copied from {from}, row {row})', zh: '{to} 草稿目标（复制自 {from} 第 {row} 行）' },
  noSettings: {
    en: 'The Settings tab is missing, so the cycle to close is unknown. Run menu → Set up or repair sheets, fill Cycle, Cycle start and Cycle end, then try again.',
    zh: '缺少“设置”工作表，无法确定要结束的周期。请运行菜单 → 创建或修复工作表，填写周期、周期开始和周期结束后重试。',
  },
  settingCell: { en: '(Settings, row {row}, value "{value}")', zh: '（设置，第 {row} 行，值“{value}”）' },
  alreadyArchived: {
    en: 'Start next cycle has already run for {cycle}: the tab "{name}" exists. Nothing was changed. To run it again for {cycle}, rename or delete the archive tabs of {cycle} first.',
    zh: '{cycle} 已执行过“开启下一周期”：工作表“{name}”已存在。未做任何修改。如需对 {cycle} 重新执行，请先重命名或删除 {cycle} 的归档工作表。',
  },
  alreadyRolled: {
    en: 'Start next cycle has already run for {cycle} (on {when}). Nothing was changed. Settings → Cycle still says {cycle}: if the new cycle is meant, correct Settings → Cycle, Cycle start and Cycle end.',
    zh: '{cycle} 已于 {when} 执行过“开启下一周期”。未做任何修改。“设置 → 周期”仍为 {cycle}：如为新周期，请修改“设置”中的周期、周期开始和周期结束。',
  },
  noPlaybookTab: {
    en: '{count} proven {count:practice|practices} in Retrospective {count:needs|need} the Playbook tab, which is missing. Run menu → Set up or repair sheets, then try again. Nothing was changed.',
    zh: '复盘中有 {count} 条已验证做法需要写入“经验库”，但该工作表不存在。请运行菜单 → 创建或修复工作表后重试。未做任何修改。',
  },
  // Evidence of a proven practice.
  evidenceMetric: { en: '{metric}: {actual} against {target} ({rate})', zh: '{metric}：实际 {actual}，目标 {target}（达成率 {rate}）' },
  evidenceMetricNoRate: { en: '{metric}: {actual} against {target}', zh: '{metric}：实际 {actual}，目标 {target}' },
  evidenceRatio: { en: 'input-output ratio {ratio}', zh: '投入产出比 {ratio}' },
  // The confirmation.
  title: { en: 'Start next cycle: {from} → {to}', zh: '开启下一周期：{from} → {to}' },
  intro: { en: 'This will:', zh: '将执行以下操作：' },
  lineArchive: {
    en: '1. Archive {count} tabs as copies named "{example}" and so on (formulas and formats kept).',
    zh: '1. 将 {count} 个工作表复制归档，命名如“{example}”（保留公式和格式）。',
  },
  lineTasks: {
    en: '2. Tracking: carry over {open} open {open:task|tasks} with their owners, each noted "{carried}" in {column} (their progress notes of {from} stay in the archive); {done} done {done:task stays|tasks stay} only in the archive.',
    zh: '2. 执行跟踪：结转 {open} 项未完成任务（保留责任人，并在“{column}”列注明“{carried}”；{from} 的完成情况仅保留在归档中）；{done} 项已完成任务仅保留在归档中。',
  },
  lineActions: {
    en: '3. Retrospective: carry over {open} open {open:action|actions} with their owners, problem and suggestion, each noted "{carried}" in {column} (their highlights of {from} stay in the archive); {done} done {done:action stays|actions stay} only in the archive.',
    zh: '3. 复盘：结转 {open} 项未完成的改进措施（保留责任人、问题和建议，并在“{column}”列注明“{carried}”；{from} 的亮点仅保留在归档中）；{done} 项已完成措施仅保留在归档中。',
  },
  lineDates: {
    en: '   Due dates of carried rows before {start}: {moved} {moved:moves|move} on by the length of the cycle (e.g. {example}); {cleared} would still be past and {cleared:is|are} left blank, with a note asking for a new date.',
    zh: '   结转行中早于 {start} 的日期：{moved} 个按周期长度顺延（例如 {example}）；{cleared} 个顺延后仍已过期，留空并注明请填写新日期。',
  },
  linePlaybook: {
    en: '4. Playbook: add {added} proven {added:practice|practices} with their evidence and source cycle ({skipped} already there).',
    zh: '4. 经验库：新增 {added} 条已验证做法，附依据和来源周期（{skipped} 条已存在，不重复添加）。',
  },
  lineGoals: {
    en: '5. Goals: copy {count} {count:target|targets} as drafts for {to} (months moved on by {months}, e.g. {example}).',
    zh: '5. 目标：复制 {count} 项目标作为 {to} 的草稿（月份顺延 {months} 个月，例如 {example}）。',
  },
  lineGoalsNoMonths: { en: '5. Goals: copy {count} {count:target|targets} as drafts for {to}.', zh: '5. 目标：复制 {count} 项目标作为 {to} 的草稿。' },
  lineEmpty: {
    en: '6. Empty the Weekly log ({weekly} {weekly:row|rows}) and Costs ({costs} {costs:row|rows}), and the {actuals} Evaluation {actuals:actual|actuals} and {analyses} analysis {analyses:note|notes} (metrics and targets kept).',
    zh: '6. 清空周报（{weekly} 行）和投入（{costs} 行），以及效果评估的 {actuals} 个实际值和 {analyses} 条分析说明（保留指标和目标值）。',
  },
  lineSettings: {
    en: '7. Settings: Cycle {to}, Cycle start {start}, Cycle end {end}. Team, Strategy, Playbook and all other settings are kept.',
    zh: '7. 设置：周期 {to}，周期开始 {start}，周期结束 {end}。团队、策略、经验库及其他设置保持不变。',
  },
  warnFuture: {
    en: 'Note: {from} ends on {end}, which is after today.',
    zh: '注意：{from} 的结束日期为 {end}，晚于今天。',
  },
  confirm: { en: 'Continue?', zh: '是否继续？' },
  notEndedYet: {
    en: '{cycle} was opened by Start next cycle on {when} and runs until {end}, so it is not closed again now (this stops a second run by accident). Nothing was changed. If you do mean to close {cycle} early, set Settings → Cycle end to today\'s date and run Start next cycle again.',
    zh: '{cycle} 于 {when} 由“开启下一周期”开启，将持续到 {end}，因此现在不会再次结束它（防止误操作重复执行）。未做任何修改。如确需提前结束 {cycle}，请将“设置 → 周期结束”改为今天的日期，然后重新运行“开启下一周期”。',
  },
  // What the adapter tells the person afterwards.
  cancelled: { en: 'Start next cycle was cancelled. Nothing was changed.', zh: '已取消“开启下一周期”，未做任何修改。' },
  done: {
    en: '{to} has started ({start} to {end}). {from} is archived in {count} {count:tab|tabs} named "{example}" and so on. Carried over: {tasks} {tasks:task|tasks} and {actions} {actions:action|actions}; {practices} {practices:practice|practices} added to Playbook.',
    zh: '{to} 已开启（{start} 至 {end}）。{from} 已归档到 {count} 个工作表，命名如“{example}”。已结转 {tasks} 项任务和 {actions} 项改进措施；经验库新增 {practices} 条做法。',
  },
  archiveRefsNotRetargeted: {
    en: 'The archive tabs\' formulas that refer to other tabs could not be pointed at their archive copies ({error}), so they show the new cycle\'s figures; the typed values in the archive are complete.',
    zh: '归档工作表中引用其他工作表的公式未能改为引用对应的归档副本（{error}），因此显示的是新周期的数据；归档中手工输入的值完整无缺。',
  },
  doneNotRecorded: {
    en: 'The rollover is complete, but it could not be recorded in the document properties ({error}); the archive tabs still stop a second run for {from}.',
    zh: '已完成周期切换，但未能记录到文档属性（{error}）；归档工作表仍可防止对 {from} 重复执行。',
  },
  archiveFailed: {
    en: 'Start next cycle stopped while archiving "{tab}": {error}. Nothing was changed{cleanup}. Try again later.',
    zh: '“开启下一周期”在归档“{tab}”时中止：{error}。未做任何修改{cleanup}。请稍后重试。',
  },
  archiveCleanupFailed: {
    en: ' (the partial archive tabs {names} could not be removed: delete them before trying again)',
    zh: '（未能删除不完整的归档工作表 {names}，重试前请先删除）',
  },
  archiveNotVerified: { en: 'the copy "{name}" is missing or incomplete', zh: '副本“{name}”缺失或不完整' },
  failedRestored: {
    en: 'Start next cycle failed while writing "{tab}": {error}. The ranges it had already written ({ranges}) were copied back from the archive copies (values, formulas, notes and formatting), their values and formulas were checked against the copies, and the archive copies were then deleted. Settings → Cycle is still {from}. Try again later.',
    zh: '“开启下一周期”在写入“{tab}”时失败：{error}。已写入的区域（{ranges}）已从归档副本复制回原处（值、公式、备注和格式），并已逐一核对值和公式与副本一致，随后删除了归档副本。“设置 → 周期”仍为 {from}。请稍后重试。',
  },
  failedRestoredKeptArchive: {
    en: 'Start next cycle failed while writing "{tab}": {error}. The ranges it had already written ({ranges}) were copied back from the archive copies (values, formulas, notes and formatting), and their values and formulas were checked against the copies. The archive tabs ({names}) could not be deleted: delete them before trying again.',
    zh: '“开启下一周期”在写入“{tab}”时失败：{error}。已写入的区域（{ranges}）已从归档副本复制回原处（值、公式、备注和格式），并已核对值和公式与副本一致。未能删除归档工作表（{names}），重试前请先删除。',
  },
  restoreMismatch: {
    en: '{range} does not match its archive copy after copying it back',
    zh: '复制回原处后，{range} 与其归档副本不一致',
  },
  changedDuringConfirm: {
    en: 'The sheet changed while the confirmation was open ({tabs}), so Start next cycle stopped before doing anything. Nothing was changed. Run Start next cycle again to see what it will do now.',
    zh: '确认窗口打开期间表格内容发生了变化（{tabs}），因此“开启下一周期”在执行任何操作前已停止。未做任何修改。请重新运行“开启下一周期”，查看现在将执行的操作。',
  },
  failedNotRestored: {
    en: 'Start next cycle failed while writing "{tab}": {error}, and the tabs could not be put back automatically ({restoreError}). Nothing is lost: the archive tabs ({names}) hold {from} exactly as it was. To restore a tab, copy everything from its archive tab (select all, copy, paste into the tab at A1), then delete the archive tabs and run Start next cycle again.',
    zh: '“开启下一周期”在写入“{tab}”时失败：{error}，且未能自动恢复（{restoreError}）。数据没有丢失：归档工作表（{names}）完整保存了 {from} 的原始内容。恢复方法：打开对应的归档工作表，全选并复制，粘贴到原工作表的 A1 单元格；全部恢复后删除归档工作表，再重新运行“开启下一周期”。',
  },
  logAction: { en: 'Start next cycle', zh: '开启下一周期' },
  archivesHidden: {
    en: '. The archive tabs are hidden: to open one, use the list of all sheets (☰ at the bottom left) or right-click the tab bar → Show, in Excel and WPS right-click a tab → Unhide.',
    zh: '。归档工作表已隐藏：在左下角“所有工作表”列表（☰）中打开，或右键点击工作表标签栏 → 显示；Excel 和 WPS 中右键点击工作表标签 → 取消隐藏。',
  },
  logDetail: {
    en: '{from} → {to} ({start} to {end}); archived: {names}; carried {tasks} {tasks:task|tasks} (rows {taskRows}) and {actions} {actions:action|actions} (rows {actionRows}); {practices} {practices:practice|practices} added to Playbook',
    zh: '{from} → {to}（{start} 至 {end}）；归档：{names}；结转 {tasks} 项任务（第 {taskRows} 行）和 {actions} 项改进措施（第 {actionRows} 行）；经验库新增 {practices} 条做法',
  },
} as const satisfies Record<string, Bilingual>;

// ---------------------------------------------------------------------------------------------
// Archive names

/** `Archive 2023 Q3 — Tracking` / `归档 2023 Q3 — 执行跟踪`, at most 100 characters (the cycle label is shortened). */
export function archiveName(cycle: string, spec: TabSpec, lang: Lang): string {
  const prefix = pick(ROLLOVER_MSG.archivePrefix, lang);
  const tab = pick(spec.name, lang);
  const fixed = `${prefix}  — ${tab}`.length;
  const room = MAX_SHEET_NAME - fixed;
  const label = cycle.length > room ? `${cycle.slice(0, Math.max(room - 1, 0))}…` : cycle;
  return `${prefix} ${label} — ${tab}`.slice(0, MAX_SHEET_NAME);
}

function uniqueNames(names: readonly string[], taken: ReadonlySet<string>): string[] {
  const used = new Set(taken);
  return names.map((name) => {
    let candidate = name;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      candidate = `${name.slice(0, MAX_SHEET_NAME - suffix.length)}${suffix}`;
    }
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

export function rolloverPropertyKey(cycle: string): string {
  return `rolledOver:${cycle.trim().replace(/\s+/g, ' ')}`;
}

// ---------------------------------------------------------------------------------------------
// Grids

interface Table {
  readonly grid: CellValue[][];
  readonly header: HeaderMap;
  /** Columns of the table (from A): the declared and team-added columns, not a summary panel beside it. */
  readonly width: number;
  /** The tab's formulas, same rectangle as `grid`, when the adapter read them. */
  readonly formulas?: readonly (readonly string[])[] | undefined;
}

const COST_SUMMARY_LABELS = new Set(COST_SUMMARY.flatMap((s) => [normalizeLabel(s.label.en), normalizeLabel(s.label.zh)]));

/**
 * The table's width: every column of the tab, so a row moves with all its cells (a team's own columns,
 * even ones without a header), except a summary panel placed beside the table (the Costs tab's, found by
 * its labels): it and everything right of it are never written.
 */
function tableOf(tab: TabKey, raw: RawWorkbook, formulas?: RolloverOptions['formulas']): Table | null {
  const grid = raw[tab];
  if (!grid || grid.length === 0) return null;
  const headerRow = grid[0] ?? [];
  const header = mapHeaders(tabSpec(tab), headerRow);
  let width = grid.reduce((widest, r) => Math.max(widest, r.length), 0);
  const panel = headerRow.findIndex((cell) => COST_SUMMARY_LABELS.has(normalizeLabel(cellText(cell))));
  if (panel >= 0) {
    width = panel;
    while (width > 0 && isBlankCell(headerRow[width - 1])) width--;
  }
  for (const column of header.index.values()) width = Math.max(width, column + 1);
  return width === 0 ? null : { grid, header, width, formulas: formulas?.[tab] };
}

/** The formula a person typed in a cell (1-based row, 0-based column), or ''. */
function formulaAt(table: Table, sheetRow: number, column: number): string {
  const formula = table.formulas?.[sheetRow - 1]?.[column];
  return typeof formula === 'string' && formula.startsWith('=') ? formula : '';
}

/**
 * A sheet row (1-based) of a table, `width` wide, to be written at `toRow`: every text made safe to write
 * back, and a cell that held a formula gets that formula again (its relative rows moved with the row, as
 * copying the row there in Sheets would).
 */
function rowValues(table: Table, sheetRow: number, toRow: number = sheetRow): CellValue[] {
  const source = table.grid[sheetRow - 1] ?? [];
  return Array.from({ length: table.width }, (_, i) => {
    const formula = formulaAt(table, sheetRow, i);
    if (formula !== '') return movedFormula(formula, toRow - sheetRow);
    const v = source[i];
    return v === undefined || v === null ? '' : literal(v);
  });
}

// A cell reference (A1, $A$1, Tracking!B$2): not part of a name, a number or a function call.
const CELL_REF = /(^|[^A-Za-z0-9_.$])(\$?[A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(.!])/g;

/**
 * A formula as Sheets would show it after copying its cell `rowDelta` rows down (negative: up): relative
 * row numbers move, absolute ones ($1) and text in quotes do not; a row moved above row 1 becomes #REF!.
 * Whole-row references (2:2) and R1C1 notation are left as they are.
 */
export function movedFormula(formula: string, rowDelta: number): string {
  if (rowDelta === 0 || !formula.startsWith('=')) return formula;
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const quote = formula[i];
    if (quote === '"' || quote === "'") {
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === quote) {
          if (formula[j + 1] === quote) {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < formula.length && formula[j] !== '"' && formula[j] !== "'") j++;
    out += formula.slice(i, j).replace(CELL_REF, (_m, before: string, column: string, dollar: string, row: string) => {
      if (dollar === '$') return `${before}${column}$${row}`;
      const moved = Number(row) + rowDelta;
      return moved < 1 ? `${before}#REF!` : `${before}${column}${moved}`;
    });
    i = j;
  }
  return out;
}

const MONTH_WORDS = /^\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d/i;

/**
 * A value to write back exactly as it was: text that Sheets would turn into something else on setValues
 * (a formula, a number, a date, a boolean, or text that begins with an apostrophe) gets a leading
 * apostrophe, which Sheets stores as "this is text" and does not show. Other values are written as they are.
 */
export function literal(value: CellValue): CellValue {
  if (typeof value !== 'string' || value === '') return value;
  const safe = asLiteral(value);
  if (safe !== value) return safe;
  if (/^['=+@]/.test(value) || /^\s*[-+$¥￥€£(.,\d]/.test(value) || /^\s*(true|false)\s*$/i.test(value) || MONTH_WORDS.test(value)) return `'${value}`;
  return value;
}

const blankRow = (width: number): CellValue[] => new Array<CellValue>(width).fill('');

/** The data rows of a tab replaced by `rows`; rows left over from before are blanked in the same write. */
function replaceRows(tab: TabKey, table: Table, rows: CellValue[][]): GridWrite | null {
  const height = Math.max(table.grid.length - 1, rows.length);
  if (height === 0) return null;
  const values = rows.slice();
  while (values.length < height) values.push(blankRow(table.width));
  return { tab, row: 2, column: 1, values };
}

function setCell(table: Table, row: CellValue[], key: string, value: CellValue): void {
  const column = table.header.index.get(key);
  if (column !== undefined) row[column] = literal(value);
}

/** `marker — original`, or just the marker when the cell was empty; the original text is never dropped. */
function prefixed(marker: string, original: string): string {
  return original === '' ? marker : `${marker} — ${original}`;
}

/** The first of `keys` that the tab has, for the where-it-came-from note. */
function noteColumn(table: Table, keys: readonly string[]): string | null {
  return keys.find((k) => table.header.index.has(k)) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Evidence for proven practices

// Words a retrospective uses for a metric that the catalogue's names do not cover (English prose).
const METRIC_WORDS: readonly [RegExp, MetricKey][] = [
  [/conversion|转化/i, 'lead_conversion'],
  [/\bvisit|拜访/i, 'visits'],
  [/revenue|\bsales figures?\b|销售额|营收/i, 'revenue'],
  [/new[- ]customers?|新增客户|新客户/i, 'new_customers'],
  [/turnout|participants?|参与人数/i, 'event_participants'],
  [/acquisition cost|per customer|获客成本/i, 'acquisition_cost'],
  [/\bleads?\b|线索/i, 'leads'],
  [/referral|转介绍/i, 'referral_rate'],
  [/satisfaction|满意度/i, 'satisfaction'],
  [/repeat|复购/i, 'repeat_rate'],
];

function relatedMetrics(item: RetroItem, evaluation: readonly EvaluationRow[]): EvaluationRow[] {
  const texts = [item.module, item.highlight, item.problem, item.suggestion].filter((t) => t !== '');
  const keys = new Set<MetricKey>();
  for (const text of texts) {
    const key = metricKeyOf(text);
    if (key) keys.add(key);
    for (const [pattern, metric] of METRIC_WORDS) if (pattern.test(text)) keys.add(metric);
  }
  const joined = normalizeLabel(texts.join(' '));
  return evaluation.filter((e) =>
    (e.metricKey !== null && keys.has(e.metricKey) && e.metricKey !== 'roi' && e.metricKey !== 'total_cost')
    || (e.metric !== '' && joined.includes(normalizeLabel(e.metric))));
}

function percentText(rate: number): string {
  return `${String(Math.round(rate * 1000) / 10)}%`;
}

/** A measure as the evaluation sheet shows it: the text as typed, else the number in the metric's unit. */
function measureText(value: number | null, text: string, unit: string): string {
  if (value === null) return text === '' ? '-' : text;
  if (!/^[-\d.,\s]+$/.test(text)) return text;
  if (unit.includes('%')) return percentText(value);
  if (/1\s*:/.test(unit)) return ratioLabel(value);
  return text;
}

/** The cycle's input-output ratio: Evaluation's own figure, else revenue ÷ cost from Evaluation, else Weekly log ÷ Costs. */
function cycleRatio(workbook: Workbook): string {
  const roi = workbook.evaluation.find((e) => e.metricKey === 'roi' && e.actual !== null);
  if (roi && roi.actual !== null) return ratioLabel(roi.actual);
  const revenueRow = workbook.evaluation.find((e) => e.metricKey === 'revenue' && e.actual !== null);
  const costRow = workbook.evaluation.find((e) => e.metricKey === 'total_cost' && e.actual !== null);
  const sum = (values: readonly (number | null)[]): number | null =>
    values.some((v) => v !== null) ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : null;
  const revenue = revenueRow?.actual ?? sum(workbook.weekly.map((w) => w.revenue));
  const cost = costRow?.actual ?? sum(workbook.costs.map((c) => c.amount));
  return ratioLabel(inputOutputRatio(revenue, cost));
}

function evidenceOf(item: RetroItem, workbook: Workbook, ratio: string, lang: Lang): string {
  const parts: string[] = [];
  if (item.highlight !== '') parts.push(item.highlight);
  for (const e of relatedMetrics(item, workbook.evaluation)) {
    const rate = achievementRate(e.actual, e.target, e.direction);
    const params = {
      metric: e.metric, actual: measureText(e.actual, e.actualText, e.unit), target: measureText(e.target, e.targetText, e.unit),
      rate: rate === null ? '' : percentText(rate),
    };
    parts.push(pick(fill(rate === null ? ROLLOVER_MSG.evidenceMetricNoRate : ROLLOVER_MSG.evidenceMetric, params), lang));
  }
  if (ratio !== '') parts.push(pick(fill(ROLLOVER_MSG.evidenceRatio, { ratio }), lang));
  return joinClauses(parts, lang);
}

// ---------------------------------------------------------------------------------------------
// Dates of carried rows

/** The date columns of the rows a rollover carries. */
const CARRIED_DATE_COLUMNS: Partial<Record<TabKey, readonly string[]>> = {
  tracking: ['plannedDate', 'nextStepDue'],
  retrospective: ['due'],
};

/**
 * A day at the same place in the next cycle: by whole months when the cycle runs in whole months (the 31st
 * becomes the month's last day, and a month's last day stays the last day), otherwise by the cycle's days.
 */
export function dayInNextCycle(day: Day, from: CycleSpan, to: CycleSpan): Day {
  if (wholeMonths(from.start, from.end) === null) return day + (to.start - from.start);
  const months = monthsBetween(from.start, to.start);
  const p = partsOfDay(day);
  const index = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = daysInMonth(year, month);
  const dayOfMonth = p.day === daysInMonth(p.year, p.month) ? last : Math.min(p.day, last);
  return dayFromParts(year, month, dayOfMonth);
}

/**
 * What a carried row's date becomes. A date on or after the new cycle's first day is a commitment already
 * made for it and stays as typed (null). An earlier one moves to the same place in the new cycle; when even
 * that is before the new cycle starts or before today (a date from before the cycle that ended, or a
 * rollover run late), it is left blank and the row's note asks for a new date — never a date that is
 * overdue on the first day.
 */
export function carriedDate(span: DateSpan | null, from: CycleSpan, to: CycleSpan, today: Day): { from: Day; to: Day | null } | null {
  if (span === null || span.end >= to.start) return null;
  const moved = dayInNextCycle(span.end, from, to);
  return { from: span.end, to: moved >= Math.max(to.start, today) ? moved : null };
}

/** `(Planned date 2023-07-31 → 2023-10-31; Next step due was 2023-06-30: set a new date)`, or '' when no date changed. */
function datesNote(tab: TabKey, dates: readonly CarriedDate[], lang: Lang): string {
  if (dates.length === 0) return '';
  const parts = dates.map((d) => {
    const column = pick(columnSpec(tab, d.column).header, lang);
    return d.to === null
      ? pick(fill(ROLLOVER_MSG.dateCleared, { column, from: isoFromDay(d.from) }), lang)
      : pick(fill(ROLLOVER_MSG.dateMoved, { column, from: isoFromDay(d.from), to: isoFromDay(d.to) }), lang);
  });
  return pick(fill(ROLLOVER_MSG.carriedDates, { dates: parts.join(lang === 'en' ? '; ' : '；') }), lang);
}

/**
 * Applies the date rule to a carried row (its values as `rowValues` made them): a moved date is written as a
 * date, a cleared one as blank; a cell holding a formula is left to its formula.
 */
function carryDates(
  tab: TabKey, table: Table, row: CellValue[], sheetRow: number, spans: Readonly<Record<string, DateSpan | null>>,
  cycles: { from: CycleSpan; to: CycleSpan; today: Day; dateCell: (day: Day) => CellValue },
): CarriedDate[] {
  const dates: CarriedDate[] = [];
  for (const key of CARRIED_DATE_COLUMNS[tab] ?? []) {
    const column = table.header.index.get(key);
    if (column === undefined || formulaAt(table, sheetRow, column) !== '') continue;
    const change = carriedDate(spans[key] ?? null, cycles.from, cycles.to, cycles.today);
    if (!change) continue;
    row[column] = change.to === null ? '' : cycles.dateCell(change.to);
    dates.push({ column: key, ...change });
  }
  return dates;
}

// ---------------------------------------------------------------------------------------------
// The plan

function settingsError(workbook: Workbook, raw: RawWorkbook, time: TimeContext, base: Bilingual, key: SettingKey | null): Bilingual {
  if (key === null) return base;
  const row = workbook.settings.rowOf[key];
  if (row === undefined) return base;
  const table = tableOf('settings', raw);
  const valueColumn = table?.header.index.get('value');
  const cell = valueColumn === undefined ? '' : table?.grid[row - 1]?.[valueColumn];
  // A date cell is shown as the calendar day it is in the sheet's time zone.
  const value = cell instanceof Date && !Number.isNaN(cell.getTime()) ? isoFromDay(time.dayOf(cell)) : cellText(cell);
  const where = fill(ROLLOVER_MSG.settingCell, { row, value });
  return { en: `${base.en} ${where.en}`, zh: `${base.zh}${where.zh}` };
}

const DRAFT_MARKERS = [/^Draft target for .*? \(copied from .*?, row \d+\)(?: — )?/, /^.*? 草稿目标（复制自 .*? 第 \d+ 行）(?: — )?/];

function withoutDraftMarker(note: string): string {
  for (const marker of DRAFT_MARKERS) {
    const m = marker.exec(note);
    if (m) return note.slice(m[0].length);
  }
  return note;
}

const CARRIED_MARKERS = [
  /^\s*Carried over from .*?, row \d+(?: \([^()]*\))?(?:\s*—\s*)?/,
  /^\s*由 .*? 第 \d+ 行结转(?:（[^（）]*）)?(?:\s*—\s*)?/,
];

/** Text without the "Carried over from …, row …" notes (either language) earlier rollovers put in front of it. */
export function withoutCarriedMarkers(text: string): string {
  let rest = text;
  for (let found = true; found;) {
    found = false;
    for (const marker of CARRIED_MARKERS) {
      const m = marker.exec(rest);
      if (m && m[0] !== '') {
        rest = rest.slice(m[0].length);
        found = true;
      }
    }
  }
  return rest;
}

/** A retrospective row's texts without carried-over notes, for Playbook and the confirmation. */
function cleanRetro(item: RetroItem): RetroItem {
  return {
    ...item,
    module: withoutCarriedMarkers(item.module), highlight: withoutCarriedMarkers(item.highlight),
    problem: withoutCarriedMarkers(item.problem), suggestion: withoutCarriedMarkers(item.suggestion),
  };
}

/** Where a carried retrospective action's note goes: a free-text column, never Module (the Playbook tag). */
export const RETRO_NOTE_COLUMNS = ['problem', 'suggestion', 'highlight'] as const;
/** Where a carried task's note goes: Progress, which starts the new cycle empty, else another free-text column. */
const TASK_NOTE_COLUMNS = ['progress', 'nextStep', 'problem', 'task'] as const;
/** Evaluation's columns that belong to one cycle: emptied by a rollover (the archive keeps them). */
const EVALUATION_PER_CYCLE = ['actual', 'analysis'] as const;

/** The text of a cell by column key (1-based sheet row). */
function textAt(table: Table, sheetRow: number, key: string): string {
  const column = table.header.index.get(key);
  return column === undefined ? '' : cellText(table.grid[sheetRow - 1]?.[column]);
}

const sameLabel = (a: string, b: string): boolean => a.replace(/\s+/g, '').toLowerCase() === b.replace(/\s+/g, '').toLowerCase();

/**
 * Plans the rollover of the cycle in Settings to the next one. Pure: reads the parsed workbook and the
 * raw grids it came from, returns what to copy and write, or a bilingual message saying why not.
 */
export function planRollover(
  workbook: Workbook, raw: RawWorkbook, time: TimeContext, lang: Lang, options: RolloverOptions = {},
): RolloverPlan | { error: Bilingual } {
  const settingsTable = tableOf('settings', raw);
  if (!settingsTable) return { error: ROLLOVER_MSG.noSettings };
  const { settings } = workbook;
  const next = nextCycle(settings.cycle, settings.cycleStart, settings.cycleEnd, lang);
  if ('error' in next) {
    const key: SettingKey | null = settings.cycle.trim() === '' ? 'cycle'
      : settings.cycleStart === null ? 'cycleStart' : settings.cycleEnd === null ? 'cycleEnd' : 'cycleEnd';
    return { error: settingsError(workbook, raw, time, next.error, key) };
  }
  // nextCycle succeeded, so the label and dates are present.
  const from: CycleSpan = { label: settings.cycle.trim(), start: settings.cycleStart ?? 0, end: settings.cycleEnd ?? 0 };
  const to = next;
  if (options.openedByRolloverOn !== undefined && time.today < from.end) {
    return { error: fill(ROLLOVER_MSG.notEndedYet, { cycle: from.label, when: options.openedByRolloverOn, end: isoFromDay(from.end) }) };
  }

  // Archives: every project tab the workbook has, except Log. Refuse when this cycle's archives exist.
  const existing = new Set((options.sheetNames ?? []).map((n) => n.toLowerCase()));
  const archivedTabs = TABS.filter((t) => !NOT_ARCHIVED.includes(t.key) && raw[t.key] !== undefined);
  for (const spec of archivedTabs) {
    for (const l of ['en', 'zh-CN'] as const) {
      const name = archiveName(from.label, spec, l);
      if (existing.has(name.toLowerCase())) return { error: fill(ROLLOVER_MSG.alreadyArchived, { cycle: from.label, name }) };
    }
  }
  const names = uniqueNames(archivedTabs.map((spec) => archiveName(from.label, spec, lang)), existing);
  const archives = archivedTabs.map((spec, i): ArchiveCopy => ({ tab: spec.key, name: names[i] ?? '' }));

  const writes: GridWrite[] = [];
  const carriedNote = (row: number): string => pick(fill(ROLLOVER_MSG.carried, { cycle: from.label, row }), lang);

  // Goals: drafts for the new cycle.
  const monthShift = monthsBetween(from.start, to.start);
  let goalsCopied = 0;
  const goalsTable = tableOf('goals', raw, options.formulas);
  if (goalsTable) {
    const rows = workbook.goals.map((goal, i) => {
      const row = rowValues(goalsTable, goal.row, i + 2);
      if (goal.period?.kind === 'month' && monthShift !== 0) setCell(goalsTable, row, 'period', shiftMonth(goal.period.month, monthShift));
      else if (goal.period?.kind === 'cycle' && sameLabel(goal.period.label, from.label)) setCell(goalsTable, row, 'period', to.label);
      const marker = pick(fill(ROLLOVER_MSG.draft, { to: to.label, from: from.label, row: goal.row }), lang);
      setCell(goalsTable, row, 'note', prefixed(marker, withoutDraftMarker(goal.note)));
      // Progress figures belong to the cycle that ended (they stay in the archive); the script refills them.
      for (const column of tabSpec('goals').columns) if (column.computed) setCell(goalsTable, row, column.key, '');
      return row;
    });
    goalsCopied = rows.length;
    const write = replaceRows('goals', goalsTable, rows);
    if (write) writes.push(write);
  }

  // Tracking: open tasks only, noted where they came from.
  const carriedTasks: CarriedItem[] = [];
  let taskNoteColumn: string | null = null;
  let doneTasks = 0;
  const cycles = { from, to, today: time.today, dateCell: options.dateCell ?? isoFromDay };
  const trackingTable = tableOf('tracking', raw, options.formulas);
  if (trackingTable) {
    const column = noteColumn(trackingTable, TASK_NOTE_COLUMNS);
    taskNoteColumn = column;
    const rows: CellValue[][] = [];
    for (const task of workbook.tasks) {
      if (task.status === 'done') {
        doneTasks++;
        continue;
      }
      const row = rowValues(trackingTable, task.row, rows.length + 2);
      const dates = carryDates('tracking', trackingTable, row, task.row, { plannedDate: task.planned, nextStepDue: task.nextStepDue }, cycles);
      // Progress says what was done in the cycle that ended: it stays in the archive, the note takes its place.
      const kept = column === 'progress' ? '' : withoutCarriedMarkers(textAt(trackingTable, task.row, column ?? ''));
      if (column) setCell(trackingTable, row, column, prefixed(carriedNote(task.row) + datesNote('tracking', dates, lang), kept));
      rows.push(row);
      carriedTasks.push({ fromRow: task.row, text: task.task, owners: task.owners, dates });
    }
    const write = replaceRows('tracking', trackingTable, rows);
    if (write) writes.push(write);
  }

  // Retrospective: open actions carried; proven ones to Playbook; done ones stay in the archive.
  const carriedActions: CarriedItem[] = [];
  let actionNoteColumn: string | null = null;
  let doneActions = 0;
  const proven: RetroItem[] = [];
  const retroTable = tableOf('retrospective', raw, options.formulas);
  if (retroTable) {
    // The note goes in Problem (free text), never in Module, which becomes the Playbook tag.
    const column = noteColumn(retroTable, RETRO_NOTE_COLUMNS);
    actionNoteColumn = column;
    const rows: CellValue[][] = [];
    for (const item of workbook.retrospective) {
      if (item.status === 'done') {
        doneActions++;
        continue;
      }
      if (item.status === 'proven') {
        proven.push(item);
        continue;
      }
      const row = rowValues(retroTable, item.row, rows.length + 2);
      // A note an earlier rollover left in another text column (Module, before it moved to Problem) is dropped there.
      for (const key of ['module', 'problem', 'suggestion']) {
        const text = textAt(retroTable, item.row, key);
        if (key !== column && withoutCarriedMarkers(text) !== text) setCell(retroTable, row, key, withoutCarriedMarkers(text));
      }
      // The highlight praised the cycle that ended: it stays in the archive (and in Playbook's evidence).
      if (column !== 'highlight') setCell(retroTable, row, 'highlight', '');
      const dates = carryDates('retrospective', retroTable, row, item.row, { due: item.due }, cycles);
      const kept = column === 'highlight' ? '' : withoutCarriedMarkers(textAt(retroTable, item.row, column ?? ''));
      if (column) setCell(retroTable, row, column, prefixed(carriedNote(item.row) + datesNote('retrospective', dates, lang), kept));
      rows.push(row);
      const clean = cleanRetro(item);
      carriedActions.push({ fromRow: item.row, text: clean.suggestion || clean.problem || clean.module, owners: item.owners, dates });
    }
    const write = replaceRows('retrospective', retroTable, rows);
    if (write) writes.push(write);
  }

  // Playbook: proven practices appended below what is there, skipping ones already recorded.
  const playbookAdded: PlaybookAddition[] = [];
  let playbookSkipped = 0;
  if (proven.length > 0) {
    const known = new Set(workbook.playbook.map((p) => normalizeLabel(p.practice)));
    const ratio = cycleRatio(workbook);
    for (const item of proven.map(cleanRetro)) {
      const practice = item.suggestion || item.highlight || item.module;
      if (known.has(normalizeLabel(practice))) {
        playbookSkipped++;
        continue;
      }
      known.add(normalizeLabel(practice));
      playbookAdded.push({ fromRow: item.row, practice, evidence: evidenceOf(item, workbook, ratio, lang), sourceCycle: from.label, tags: item.module });
    }
    const grid = raw.playbook;
    if (playbookAdded.length > 0) {
      if (grid === undefined) return { error: fill(ROLLOVER_MSG.noPlaybookTab, { count: playbookAdded.length }) };
      const spec = tabSpec('playbook');
      const table = tableOf('playbook', raw, options.formulas);
      // An empty Playbook tab gets its header row in the same write.
      const header = table ?? { grid: [], header: mapHeaders(spec, spec.columns.map((c) => pick(c.header, lang))), width: spec.columns.length };
      const rows = playbookAdded.map((p) => {
        const row = blankRow(header.width);
        setCell(header, row, 'practice', p.practice);
        setCell(header, row, 'evidence', p.evidence);
        setCell(header, row, 'sourceCycle', p.sourceCycle);
        setCell(header, row, 'tags', p.tags);
        return row;
      });
      if (table) writes.push({ tab: 'playbook', row: table.grid.length + 1, column: 1, values: rows });
      else writes.push({ tab: 'playbook', row: 1, column: 1, values: [spec.columns.map((c) => literal(pick(c.header, lang))), ...rows] });
    }
  }

  // Weekly log and Costs start empty.
  let weeklyCleared = 0;
  let costsCleared = 0;
  for (const tab of ['weekly', 'costs'] as const) {
    const table = tableOf(tab, raw);
    if (!table) continue;
    const write = replaceRows(tab, table, []);
    if (write) writes.push(write);
    if (tab === 'weekly') weeklyCleared = workbook.weekly.length;
    else costsCleared = workbook.costs.length;
  }

  // Evaluation: the Actual and Analysis columns are emptied, one column each (the formulas between them are
  // never written); metrics, units and targets stay.
  let actualsCleared = 0;
  let analysesCleared = 0;
  const evalTable = tableOf('evaluation', raw);
  if (evalTable && evalTable.grid.length > 1) {
    for (const key of EVALUATION_PER_CYCLE) {
      const column = evalTable.header.index.get(key);
      if (column === undefined) continue;
      const body = evalTable.grid.slice(1);
      const filled = body.filter((r) => !isBlankCell(r[column])).length;
      if (filled === 0) continue;
      writes.push({ tab: 'evaluation', row: 2, column: column + 1, values: body.map(() => ['']) });
      if (key === 'actual') actualsCleared = filled;
      else analysesCleared = filled;
    }
  }

  // Settings last: the cycle label and dates, in one write over their value cells.
  const dateCell = options.dateCell ?? isoFromDay;
  const valueColumn = settingsTable.header.index.get('value') ?? 1;
  const newValues: Partial<Record<number, CellValue>> = {};
  const rowOf = settings.rowOf;
  if (rowOf.cycle !== undefined) newValues[rowOf.cycle] = literal(to.label);
  if (rowOf.cycleStart !== undefined) newValues[rowOf.cycleStart] = dateCell(to.start);
  if (rowOf.cycleEnd !== undefined) newValues[rowOf.cycleEnd] = dateCell(to.end);
  const settingRows = Object.keys(newValues).map(Number);
  if (settingRows.length > 0) {
    const first = Math.min(...settingRows);
    const last = Math.max(...settingRows);
    const values: CellValue[][] = [];
    const settingsWithFormulas = tableOf('settings', raw, options.formulas) ?? settingsTable;
    for (let r = first; r <= last; r++) {
      const current = settingsTable.grid[r - 1]?.[valueColumn];
      const formula = formulaAt(settingsWithFormulas, r, valueColumn);
      values.push([r in newValues ? newValues[r] : formula !== '' ? formula : current === undefined || current === null ? '' : literal(current)]);
    }
    writes.push({ tab: 'settings', row: first, column: valueColumn + 1, values });
  }

  return {
    from, to, archives, writes, carriedTasks, doneTasks, carriedActions, actionNoteColumn, doneActions, playbookAdded, playbookSkipped,
    goalsCopied, monthShift, weeklyCleared, costsCleared, actualsCleared, analysesCleared, taskNoteColumn, endsInFuture: time.today < from.end,
    propertyKey: rolloverPropertyKey(from.label),
  };
}

/** The confirmation: exactly what the rollover will do, with counts, in the sheet's language. */
export function describeRollover(plan: RolloverPlan, lang: Lang): string {
  const t = (text: Bilingual, params: Record<string, string | number> = {}): string => pick(fill(text, params), lang);
  const lines: string[] = [t(ROLLOVER_MSG.title, { from: plan.from.label, to: plan.to.label }), '', t(ROLLOVER_MSG.intro)];
  lines.push(t(ROLLOVER_MSG.lineArchive, { count: plan.archives.length, example: plan.archives.find((a) => a.tab === 'tracking')?.name ?? plan.archives[0]?.name ?? '' }));
  const header = (tab: TabKey, key: string | null): string => {
    const spec = tabSpec(tab).columns.find((c) => c.key === key);
    return spec ? pick(spec.header, lang) : '-';
  };
  lines.push(t(ROLLOVER_MSG.lineTasks, {
    open: plan.carriedTasks.length, done: plan.doneTasks, column: header('tracking', plan.taskNoteColumn), from: plan.from.label,
    carried: t(ROLLOVER_MSG.carried, { cycle: plan.from.label, row: plan.carriedTasks[0]?.fromRow ?? 2 }),
  }));
  lines.push(t(ROLLOVER_MSG.lineActions, {
    open: plan.carriedActions.length, done: plan.doneActions, column: header('retrospective', plan.actionNoteColumn), from: plan.from.label,
    carried: t(ROLLOVER_MSG.carried, { cycle: plan.from.label, row: plan.carriedActions[0]?.fromRow ?? 2 }),
  }));
  const dates = [...plan.carriedTasks, ...plan.carriedActions].flatMap((item) => item.dates);
  const moved = dates.filter((d) => d.to !== null);
  if (dates.length > 0) {
    const example = moved[0] ? `${isoFromDay(moved[0].from)} → ${isoFromDay(moved[0].to ?? moved[0].from)}` : '-';
    lines.push(t(ROLLOVER_MSG.lineDates, { start: isoFromDay(plan.to.start), moved: moved.length, cleared: dates.length - moved.length, example }));
  }
  lines.push(t(ROLLOVER_MSG.linePlaybook, { added: plan.playbookAdded.length, skipped: plan.playbookSkipped }));
  const startMonth = isoFromDay(plan.from.start).slice(0, 7);
  lines.push(plan.monthShift !== 0
    ? t(ROLLOVER_MSG.lineGoals, { count: plan.goalsCopied, to: plan.to.label, months: plan.monthShift, example: `${startMonth} → ${shiftMonth(startMonth, plan.monthShift)}` })
    : t(ROLLOVER_MSG.lineGoalsNoMonths, { count: plan.goalsCopied, to: plan.to.label }));
  lines.push(t(ROLLOVER_MSG.lineEmpty, { weekly: plan.weeklyCleared, costs: plan.costsCleared, actuals: plan.actualsCleared, analyses: plan.analysesCleared }));
  lines.push(t(ROLLOVER_MSG.lineSettings, { to: plan.to.label, start: isoFromDay(plan.to.start), end: isoFromDay(plan.to.end) }));
  if (plan.endsInFuture) lines.push('', t(ROLLOVER_MSG.warnFuture, { from: plan.from.label, end: isoFromDay(plan.from.end) }));
  lines.push('', t(ROLLOVER_MSG.confirm));
  return lines.join('\n');
}

/**
 * Everything a plan will do, as one string (dates as ISO text): when the plan made for the confirmation and
 * the one made again under the lock differ, the person did not confirm what would now happen.
 */
export function planSignature(plan: RolloverPlan): string {
  return JSON.stringify(plan);
}

/**
 * The tabs (all but Log, which the rollover neither archives nor rewrites) whose cells — values, and formulas
 * where both reads have them — differ between two reads of the workbook, e.g. before and after the
 * confirmation was open.
 */
export function changedTabs(
  before: RawWorkbook, after: RawWorkbook, beforeFormulas: RolloverOptions['formulas'] = {}, afterFormulas: RolloverOptions['formulas'] = {},
): TabKey[] {
  return TABS.map((t) => t.key).filter((tab) => !NOT_ARCHIVED.includes(tab)).filter((tab) => {
    if (JSON.stringify(before[tab] ?? null) !== JSON.stringify(after[tab] ?? null)) return true;
    const a = beforeFormulas[tab];
    const b = afterFormulas[tab];
    return a !== undefined && b !== undefined && JSON.stringify(a) !== JSON.stringify(b);
  });
}
