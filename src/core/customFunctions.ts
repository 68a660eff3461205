/**
 * The engines behind the sheet's custom functions =ACHIEVEMENT_RATE and =ROI.
 *
 * Google Sheets passes a single cell as a scalar and a range as a 2-D array. One formula can
 * fill a whole column, so scalars broadcast against ranges. A bad single value throws (Sheets
 * shows #ERROR! with the message); a bad cell inside a range gets a short error text in its
 * own cell so that the rest of the column still computes.
 */
import { type Bilingual } from './i18n';
import { achievementRate, inputOutputRatio, netRoi, ratioLabel } from './metrics';
import { parseDirection, parseNumber, quoteForMessage, type CellValue, type Parsed } from './values';

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

  const cellOf = (arg: SheetArg, r: number, c: number): CellValue => (isSingleValue(arg) ? asScalar(arg) : (arg as Grid)[r]?.[c]);
  const result: (number | string)[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: (number | string)[] = [];
    for (let c = 0; c < cols; c++) {
      const outcome = compute(args.map((a) => cellOf(a.value, r, c)));
      row.push(outcome.ok ? outcome.value : cellErrorText(outcome.bad));
    }
    result.push(row);
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

/** =ACHIEVEMENT_RATE(actual, target, [direction]) → a fraction (format as %), or blank. */
export function achievementRateFormula(actual: SheetArg, target: SheetArg, direction?: SheetArg): SheetResult {
  const args: NamedArg[] = [
    { name: 'actual', value: actual },
    { name: 'target', value: target },
    { name: 'direction', value: direction },
  ];
  return evaluate('ACHIEVEMENT_RATE', args, (cells) => {
    // Numbers are read before the direction so that a bad number is reported even on a "none" row.
    const numbers = readNumbers(cells, [0, 1]);
    if (!Array.isArray(numbers)) return numbers;
    const d = cells[2];
    const parsedDirection = parseDirection(d);
    if (!parsedDirection.ok) return { ok: false, argIndex: 2, bad: d, error: parsedDirection.error };
    const [actualValue = null, targetValue = null] = numbers;
    return fromNullable(achievementRate(actualValue, targetValue, parsedDirection.value ?? 'higher'));
  });
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
