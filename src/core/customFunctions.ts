/**
 * The engines behind the sheet's custom functions =ACHIEVEMENT_RATE and =ROI.
 *
 * Google Sheets passes a single cell as a scalar and a range as a 2-D array. One formula can
 * fill a whole column, so scalars broadcast against ranges. A bad single value throws (Sheets
 * shows #ERROR! with the message); a bad cell inside a range gets a short error text in its
 * own cell so that the rest of the column still computes.
 */
import { defaultDirection, metricKeyOf } from './catalogue';
import { paceOf } from './evaluation';
import { bi, type Bilingual } from './i18n';
import { achievementRate, inputOutputRatio, netRoi, rateBeyondLimit, ratioLabel } from './metrics';
import { evaluationUnit, kindOf, moneyUnit, parseUnit, readInUnit, type Unit, type UnitReading } from './units';
import { parseDirection, parseNumber, quoteForMessage, type CellValue, type Direction, type Parsed } from './values';

/** The custom functions src/main.ts defines: Sheets-only names that an exported workbook must carry as values. */
export const CUSTOM_FUNCTION_NAMES = ['ACHIEVEMENT_RATE', 'PACING', 'SUM_AMOUNTS', 'ROI'] as const;

export type SheetArg = CellValue | CellValue[][];
export type SheetResult = number | string | (number | string)[][];

/** A cell's result, or the value that could not be read (and why, for the single-value message). */
type CellOutcome =
  | { readonly ok: true; readonly value: number | string }
  | { readonly ok: false; readonly argIndex: number; readonly bad: CellValue; readonly error: Bilingual };

interface NamedArg {
  readonly name: string;
  readonly value: SheetArg;
}

type Grid = CellValue[][];

function isRange(arg: SheetArg): arg is Grid {
  return Array.isArray(arg);
}

/** A 1×1 range is what Sheets passes for a single-cell reference like A1:A1; treat it as that cell. */
function asScalar(arg: SheetArg): CellValue | undefined {
  if (!isRange(arg)) return arg;
  return arg.length === 1 && arg[0]?.length === 1 ? arg[0][0] : undefined;
}

function isSingleValue(arg: SheetArg): boolean {
  return !isRange(arg) || (arg.length === 1 && arg[0]?.length === 1);
}

const shapeOf = (grid: Grid): string => `${grid.length}×${grid[0]?.length ?? 0}`;

function singleMessage(fn: string, argName: string, error: Bilingual): string {
  return `${fn}(${argName}): ${error.en} / ${fn}(${argName})：${error.zh}`;
}

/** What a range cell shows when its input is bad: short, language-neutral, and names the text. */
function cellErrorText(bad: CellValue): string {
  return `#VALUE "${quoteForMessage(bad)}"`;
}

/**
 * Runs `compute` once for single values, or once per cell when any argument is a range.
 * `compute` receives the arguments' cell values in order.
 */
function evaluate(fn: string, args: readonly NamedArg[], compute: (values: CellValue[]) => CellOutcome): SheetResult {
  const ranges = args.filter((a) => !isSingleValue(a.value));
  if (ranges.length === 0) {
    const outcome = compute(args.map((a) => asScalar(a.value)));
    if (outcome.ok) return outcome.value;
    throw new Error(singleMessage(fn, args[outcome.argIndex]?.name ?? '', outcome.error));
  }

  const first = ranges[0] as NamedArg & { value: Grid };
  const rows = first.value.length;
  const cols = first.value[0]?.length ?? 0;
  for (const other of ranges.slice(1)) {
    const grid = other.value as Grid;
    if (grid.length !== rows || (grid[0]?.length ?? 0) !== cols) {
      const en = `${fn}: ${first.name} is ${shapeOf(first.value)} but ${other.name} is ${shapeOf(grid)}. Give ranges of the same size, or a single cell.`;
      const zh = `${fn}：${first.name} 是 ${shapeOf(first.value)}，但 ${other.name} 是 ${shapeOf(grid)}。请使用相同大小的范围，或单个单元格。`;
      throw new Error(`${en} / ${zh}`);
    }
  }

  // Single values are read once for the whole call; one array of cells is reused for every position.
  const cells: CellValue[] = args.map((a) => (isSingleValue(a.value) ? asScalar(a.value) : undefined)) as CellValue[];
  const ranged = args.flatMap((a, i) => (isSingleValue(a.value) ? [] : [{ at: i, grid: a.value as Grid }]));
  const result: (number | string)[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const row: (number | string)[] = [];
    for (let c = 0; c < cols; c++) {
      for (let i = 0; i < ranged.length; i++) cells[ranged[i]!.at] = ranged[i]!.grid[r]?.[c] as CellValue;
      const outcome = compute(cells);
      row.push(outcome.ok ? outcome.value : cellErrorText(outcome.bad));
    }
    result[r] = row;
  }
  return result;
}

const BLANK = '';

/** Reads the cells at the given argument positions as numbers; the first bad one is reported. */
function readNumbers(cells: readonly CellValue[], argIndexes: readonly number[]): (number | null)[] | CellOutcome {
  const values: (number | null)[] = [];
  for (const argIndex of argIndexes) {
    const cell = cells[argIndex];
    const parsed = parseNumber(cell);
    if (!parsed.ok) return { ok: false, argIndex, bad: cell, error: parsed.error };
    values.push(parsed.value);
  }
  return values;
}

const fromNullable = (value: number | null): CellOutcome => ({ ok: true, value: value ?? BLANK });

const text = (v: CellValue): string => (v === null || v === undefined || v instanceof Date ? '' : String(v).trim());

const UNIT_MISSING: Bilingual = bi(
  'Unit is blank and the metric is not one the tracker knows, but one figure is typed with a unit and the other is not. Fill Unit (e.g. 万元, 家 or %).',
  '“单位”为空且该指标不在指标库中，但一个数值带单位而另一个没有。请填写“单位”（例如 万元、家 或 %）。',
);

function absurd(rate: number): Bilingual {
  const shown = `${Math.round(rate * 100)}%`;
  return bi(
    `the achievement would be ${shown}, beyond any real figure: check that target and actual are in the same unit.`,
    `达成率将为 ${shown}，超出任何真实可能：请核对目标与实际是否同一单位。`,
  );
}

/** A cell as a map key: its type and value (a Date by its instant). */
function cellKey(cell: CellValue | undefined): string {
  if (cell instanceof Date) return `d${cell.getTime()}`;
  if (cell === null || cell === undefined) return 'u';
  return `${(typeof cell)[0]}${String(cell)}`;
}

function memoized<K, V>(map: Map<K, V>, key: K, compute: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const value = compute();
  map.set(key, value);
  return value;
}

/** What a row's Unit, Metric, Currency unit and Direction cells resolve to, before its figures are read. */
interface RowMeta {
  readonly unit: ReturnType<typeof evaluationUnit>;
  /** The typed Direction read, or null when it is blank (the catalogue's default applies). */
  readonly typedDirection: Parsed<Direction> | null;
  readonly defaultDirection: Direction;
  /** A blank Unit with a metric the catalogue does not know: the unit then depends on how the figures are typed. */
  readonly dependsOnFigures: boolean;
}

/**
 * What one custom-function call reads once: a column's unit, direction and metric are mostly one value
 * repeated (or a single cell broadcast), and typed figures repeat, so each distinct text is parsed once per call
 * and a row whose unit, metric, currency and direction cells are those of the row before reuses their reading.
 */
class RowReader {
  private readonly units = new Map<string, ReturnType<typeof evaluationUnit>>();
  private readonly directions = new Map<string, Parsed<Direction>>();
  private readonly defaults = new Map<string, Direction>();
  private readonly readings = new Map<Unit, Map<string, UnitReading>>();
  private last: { unit: CellValue; metric: CellValue; currency: CellValue; direction: CellValue; meta: RowMeta } | null = null;

  meta(unitCell: CellValue, metricCell: CellValue, currencyCell: CellValue, directionCell: CellValue, target: CellValue, actual: CellValue): RowMeta {
    const last = this.last;
    // Cells are compared as values (===): a Date is only the same when it is the same cell, which just reads it again.
    if (last !== null && !last.meta.dependsOnFigures && last.unit === unitCell && last.metric === metricCell &&
      last.currency === currencyCell && last.direction === directionCell) return last.meta;
    const metric = text(metricCell);
    const unitText = text(unitCell);
    const unit = this.unit(unitText, metric, text(currencyCell), target, actual);
    const meta: RowMeta = {
      unit,
      typedDirection: text(directionCell) === '' ? null : memoized(this.directions, cellKey(directionCell), () => parseDirection(directionCell)),
      defaultDirection: memoized(this.defaults, metric, () => defaultDirection(metric)),
      dependsOnFigures: unitText === '' && metricKeyOf(metric) === null,
    };
    this.last = { unit: unitCell, metric: metricCell, currency: currencyCell, direction: directionCell, meta };
    return meta;
  }

  /** units.evaluationUnit; with a Unit typed, the row's unit is that text's alone (it reads no figure). */
  private unit(unitText: string, metric: string, currency: string, target: CellValue, actual: CellValue): ReturnType<typeof evaluationUnit> {
    // Blank, the row's unit comes from the metric (and currency unit), else from how the figures are typed.
    // A number cell carries no unit whatever its value, so numbers share one key.
    const shape = (cell: CellValue): string => (typeof cell === 'number' ? 'n' : cellKey(cell));
    const key = unitText === '' ? `\u0000${metric}\u0000${currency}\u0000${shape(target)}\u0000${shape(actual)}` : unitText;
    return memoized(this.units, key, () => evaluationUnit(unitText, metric, currency, target, actual));
  }

  /** The last reading of each figure column (actual, target): a broadcast or repeated figure is read once. */
  private readonly lastReadings: ({ cell: CellValue; unit: Unit; reading: UnitReading } | null)[] = [null, null];

  reading(column: 0 | 1, cell: CellValue, unit: Unit): UnitReading {
    const last = this.lastReadings[column];
    if (last && last.cell === cell && last.unit === unit) return last.reading;
    // A typed text (45家, 1.2万) is parsed once per call; a number is read without building any text.
    const reading = typeof cell === 'string'
      ? memoized(memoized(this.readings, unit, () => new Map<string, UnitReading>()), cell, () => readInUnit(cell, unit))
      : readInUnit(cell, unit);
    this.lastReadings[column] = { cell, unit, reading };
    return reading;
  }
}

/** One Evaluation row as the report reads it (units.evaluationUnit, the catalogue's default direction). */
function evaluationRow(cells: readonly CellValue[], reader: RowReader = new RowReader()):
  | { ok: true; unit: Unit; direction: Direction; actual: number | null; target: number | null }
  | Extract<CellOutcome, { ok: false }> {
  const [actualCell, targetCell, directionCell, unitCell, metricCell, currencyCell] = cells;
  const meta = reader.meta(unitCell, metricCell, currencyCell, directionCell, targetCell, actualCell);
  if (meta.unit.unitMissing !== null) return { ok: false, argIndex: 3, bad: unitCell, error: UNIT_MISSING };
  const unit = meta.unit.unit;
  // Numbers are read before the direction so that a bad number is reported even on a "none" row.
  const actual = reader.reading(0, actualCell, unit);
  if (!actual.ok) return { ok: false, argIndex: 0, bad: actualCell, error: actual.error };
  const target = reader.reading(1, targetCell, unit);
  if (!target.ok) return { ok: false, argIndex: 1, bad: targetCell, error: target.error };
  // A blank Direction means the catalogue's: lower for a cost, else higher (as the report reads it).
  let direction: Direction = meta.defaultDirection;
  if (meta.typedDirection !== null) {
    if (!meta.typedDirection.ok) return { ok: false, argIndex: 2, bad: directionCell, error: meta.typedDirection.error };
    direction = meta.typedDirection.value ?? 'higher';
  }
  return { ok: true, unit, direction, actual: actual.value, target: target.value };
}

/**
 * =ACHIEVEMENT_RATE(actual, target, [direction], [unit], [metric], [currency_unit]) → a fraction (format as %),
 * or blank. With the Evaluation row's Unit, Metric and Settings → Currency unit it reads the cells exactly as the
 * report does: `215万元` in a 万元 row is 215, `24%` against `30` in a % row is 80%, `45家` in a 万元 row is an error.
 */
export function achievementRateFormula(
  actual: SheetArg, target: SheetArg, direction?: SheetArg, unit?: SheetArg, metric?: SheetArg, currencyUnit?: SheetArg,
): SheetResult {
  const args: NamedArg[] = [
    { name: 'actual', value: actual },
    { name: 'target', value: target },
    { name: 'direction', value: direction },
    { name: 'unit', value: unit },
    { name: 'metric', value: metric },
    { name: 'currency_unit', value: currencyUnit },
  ];
  const reader = new RowReader();
  return evaluate('ACHIEVEMENT_RATE', args, (cells) => {
    const row = evaluationRow(cells, reader);
    if (!row.ok) return row;
    const beyond = rateBeyondLimit(row.actual, row.target, row.direction);
    if (beyond !== null) return { ok: false, argIndex: 0, bad: cells[0], error: absurd(beyond) };
    return fromNullable(achievementRate(row.actual, row.target, row.direction));
  });
}

/**
 * =PACING(metric, unit, [direction], [target], [actual], [currency_unit]) → how the Evaluation row's rate is compared
 * while the cycle runs: 1 a total where higher is better (divided by the elapsed share of the cycle), −1 a total where
 * lower is better (a cost, multiplied by it), 0 a rate, average or ratio (compared as it stands). The Status formula
 * uses it; it is the report's rule (evaluation.paceOf).
 */
export function pacingFormula(
  metric: SheetArg, unit?: SheetArg, direction?: SheetArg, target?: SheetArg, actual?: SheetArg, currencyUnit?: SheetArg,
): SheetResult {
  const args: NamedArg[] = [
    { name: 'metric', value: metric },
    { name: 'unit', value: unit },
    { name: 'direction', value: direction },
    { name: 'target', value: target },
    { name: 'actual', value: actual },
    { name: 'currency_unit', value: currencyUnit },
  ];
  const reader = new RowReader();
  return evaluate('PACING', args, ([metricCell, unitCell, directionCell, targetCell, actualCell, currencyCell]) => {
    const row = evaluationRow([actualCell, targetCell, directionCell, unitCell, metricCell, currencyCell], reader);
    if (!row.ok) return { ok: true, value: 0 };
    return { ok: true, value: paceOf({ metric: text(metricCell), kind: kindOf(row.unit), direction: row.direction }) };
  });
}

/**
 * =SUM_AMOUNTS(range, [unit], [header_rows]) → the total of a column read in `unit` (Settings → Currency unit for
 * money): `12万` in a 万元 column is 12, placeholders (-, N/A, 无) are skipped, and a cell that is not a number in
 * that unit is an error naming it (a total that skipped it would be wrong). Blank when nothing has a figure.
 */
export function sumAmountsFormula(range: SheetArg, unit?: SheetArg, headerRows?: SheetArg): SheetResult {
  const skipped = parseNumber(asScalar(headerRows ?? '') ?? '');
  const skip = skipped.ok && skipped.value !== null && skipped.value > 0 ? Math.floor(skipped.value) : 0;
  const unitText = text(asScalar(unit ?? '') ?? '');
  const inUnit: Unit = parseUnit(unitText).family === 'count' ? parseUnit(unitText) : moneyUnit(unitText);
  const grid: CellValue[][] = isRange(range) ? range : [[range]];
  let total = 0;
  let any = false;
  grid.forEach((line, r) => {
    if (r < skip) return;
    line.forEach((cell, c) => {
      const reading = readInUnit(cell, inUnit);
      if (!reading.ok) {
        const at = grid.length > 1 || line.length > 1 ? ` (${r + 1}, ${c + 1})` : '';
        throw new Error(singleMessage('SUM_AMOUNTS', `range${at}`, reading.error));
      }
      if (reading.value !== null) {
        total += reading.value;
        any = true;
      }
    });
  });
  return any ? total : BLANK;
}

type RoiMode = 'ratio' | 'label' | 'net';

const ROI_MODES: Readonly<Record<string, RoiMode>> = {
  ratio: 'ratio', 比值: 'ratio', 比率: 'ratio',
  label: 'label', text: 'label', 标签: 'label', 文本: 'label',
  net: 'net', 净: 'net', 净回报率: 'net',
};

function parseRoiMode(v: CellValue): Parsed<RoiMode> {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return { ok: true, value: 'ratio' };
  const mode = typeof v === 'string' ? ROI_MODES[v.trim().toLowerCase()] : undefined;
  if (mode) return { ok: true, value: mode };
  const t = quoteForMessage(v);
  return {
    ok: false,
    error: {
      en: `"${t}" is not a mode. Use "ratio" (revenue ÷ cost), "label" (text 1:X) or "net" (net ROI), or leave it out.`,
      zh: `“${t}” 不是有效的模式。请使用 "ratio"（收入 ÷ 投入）、"label"（文本 1:X）或 "net"（净回报率），或省略。`,
    },
  };
}

/** =ROI(revenue, cost, [mode]) → mode ratio (default) the number X, label the text 1:X, net the net ROI fraction. */
export function roiFormula(revenue: SheetArg, cost: SheetArg, mode?: SheetArg): SheetResult {
  const args: NamedArg[] = [
    { name: 'revenue', value: revenue },
    { name: 'cost', value: cost },
    { name: 'mode', value: mode },
  ];
  return evaluate('ROI', args, (cells) => {
    const m = cells[2];
    const parsedMode = parseRoiMode(m);
    if (!parsedMode.ok) return { ok: false, argIndex: 2, bad: m, error: parsedMode.error };
    const numbers = readNumbers(cells, [0, 1]);
    if (!Array.isArray(numbers)) return numbers;
    const [revenueValue = null, costValue = null] = numbers;
    const chosen = parsedMode.value ?? 'ratio';
    if (chosen === 'label') return { ok: true, value: ratioLabel(inputOutputRatio(revenueValue, costValue)) };
    if (chosen === 'net') return fromNullable(netRoi(revenueValue, costValue));
    return fromNullable(inputOutputRatio(revenueValue, costValue));
  });
}
