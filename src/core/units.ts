/**
 * THE unit rule (DESIGN "Units"): every number cell has a unit from its context, and a figure is read in it.
 *
 * - Context: the Evaluation row's Unit (else the catalogue's unit for its metric); Settings → Currency unit for
 *   money in Costs, Strategy and the Weekly log; counts for customers, visits, leads and participants; % for rates.
 * - A plain number is in that unit. A number typed with a magnitude or unit word is converted into it: in a 万元
 *   row `215万元`, `2,150,000元` and `215` are all 215, `3.5亿` is 35,000; in a count row `1.2万` is 12,000.
 * - A unit that cannot be converted (`45家` in a 万元 row, `12%` in a money row, `$300` in a 元 row) is an
 *   error that says what the value is and what the row expects — never a number.
 * - Percent rows: text with % is that percentage (`24%` = 0.24). A plain number above 1 is in percentage points
 *   (`24` = 24%); a plain number from 0 to 1 is a fraction (`0.24` = 24%), because Sheets and Excel store a cell
 *   that shows 24% as 0.24 and a formula sees only that number. Where the cell's format is known (the Sheets
 *   adapter and the .xlsx reader pass %-formatted cells as "24%"), a plain 0 < n ≤ 1 gets a warning saying how it
 *   was read, since a person may have meant 0.24%.
 * - Ratio rows (1:X): `1:7.7`, `7.7` and `7.7倍` are 7.7; a percentage or an amount is an error.
 * - Nothing above 10¹⁵ in any unit is a real figure of a sales plan: such a value (1e308) is an error.
 *
 * The sheet's custom functions, the report, the reminders, the JSON summary and the offline workbook all read
 * numbers through `readInUnit`, so the same typed cell is the same figure everywhere.
 */
import { metricInfo, metricKeyOf, type MetricKey } from './catalogue';
import { bi, type Bilingual } from './i18n';
import { formatNumber } from './format';
import { normalizeLabel } from './options';
import {
  MAGNITUDE_EXPONENT, UNIT_WORDS, parseQuantity, quantityValue, quoteForMessage, type CellValue, type Parsed, type Quantity,
  type UnitFamily,
} from './values';

/** What a unit measures. 'plain' is a unit the rule knows nothing about (blank), `word:…` one it cannot parse. */
export type Family = UnitFamily | 'percent' | 'plain' | `word:${string}` | `${UnitFamily}/${UnitFamily}`;

export interface Unit {
  /** As written ('万元', '%', '1:X', '10k CNY'), or '' when none. */
  readonly text: string;
  readonly family: Family;
  /** Powers of ten of one unit: 万元 4, 10k CNY 4, 元 0; a % row −2 (24 points = 0.24). */
  readonly exponent: number;
  /** Money read in Settings → Currency unit (so a blank currency unit can be reported). */
  readonly money?: boolean;
}

export type ValueKind = 'number' | 'percent' | 'ratio';

/** Largest magnitude any figure may have; beyond it a value is a typing or unit error, never a figure. */
export const MAX_MAGNITUDE = 1e15;

export const PLAIN: Unit = { text: '', family: 'plain', exponent: 0 };
export const COUNT: Unit = { text: '', family: 'count', exponent: 0 };
export const PERCENT: Unit = { text: '%', family: 'percent', exponent: -2 };
export const RATIO: Unit = { text: '1:X', family: 'ratio', exponent: 0 };

/** Unit cells that mean a percentage, and a ratio (besides anything starting 1:); the template's formulas test the same words. */
export const PERCENT_WORDS: ReadonlySet<string> = new Set(['%', '％', 'percent', 'pct', '百分比', '百分率', '百分点']);
export const RATIO_WORDS: ReadonlySet<string> = new Set(['倍', 'x', 'times', 'ratio', '比值', '比率']);

function familyOf(words: readonly string[]): UnitFamily | 'mixed' | null {
  let family: UnitFamily | null = null;
  for (const word of words) {
    const f = UNIT_WORDS[word];
    if (f === undefined) return 'mixed';
    if (family !== null && f !== family) return 'mixed';
    family = f;
  }
  return family;
}

/** The unit a Unit cell (or Settings → Currency unit) names. */
export function parseUnit(text: string): Unit {
  const trimmed = text.trim();
  const key = normalizeLabel(trimmed);
  if (key === '') return PLAIN;
  if (PERCENT_WORDS.has(key)) return { ...PERCENT, text: trimmed };
  if (key === '‰') return { text: trimmed, family: 'percent', exponent: -3 };
  if (/^1\s*[:：]/.test(key) || RATIO_WORDS.has(key)) return { ...RATIO, text: trimmed };
  // "万元", "10k CNY", "千元", "元/家": read as a quantity of one such unit.
  const leading = /^\d/.test(key) ? key : `1${key}`;
  const parsed = parseQuantity(leading);
  const q = parsed.ok ? parsed.value : null;
  const base = q === null || q.percent !== '' || q.ratio ? null : Math.log10(quantityValue(q));
  if (q === null || base === null || !Number.isInteger(Math.round(base * 1e9) / 1e9)) {
    return { text: trimmed, family: `word:${key}`, exponent: 0 };
  }
  const exponent = Math.round(base);
  const family = familyOf(q.words);
  const per = familyOf(q.perWords);
  if (family === 'mixed' || per === 'mixed') return { text: trimmed, family: `word:${key}`, exponent: 0 };
  if (family === null) return { text: trimmed, family: per === null ? 'plain' : `word:${key}`, exponent };
  return { text: trimmed, family: per === null ? family : `${family}/${per}`, exponent };
}

/** Settings → Currency unit as the unit of every money cell ('' reads plain numbers as they are). */
export function moneyUnit(currencyUnit: string): Unit {
  return { ...parseUnit(currencyUnit), money: true };
}

export function kindOf(unit: Unit): ValueKind {
  return unit.family === 'percent' ? 'percent' : unit.family === 'ratio' ? 'ratio' : 'number';
}

const FAMILY_NAME: Readonly<Record<string, Bilingual>> = {
  'money:CNY': bi('an amount in yuan', '人民币金额'),
  'money:USD': bi('an amount in US dollars', '美元金额'),
  'money:EUR': bi('an amount in euros', '欧元金额'),
  'money:GBP': bi('an amount in pounds', '英镑金额'),
  count: bi('a count', '数量'),
  day: bi('a number of days', '天数'),
  week: bi('a number of weeks', '周数'),
  hour: bi('a number of hours', '小时数'),
  score: bi('a score', '分数'),
  ratio: bi('a ratio (1:X)', '比值（1:X）'),
  percent: bi('a percentage', '百分比'),
};

function describe(q: Quantity): Bilingual {
  if (q.percent !== '') return FAMILY_NAME.percent!;
  if (q.ratio) return FAMILY_NAME.ratio!;
  const family = familyOf(q.words);
  return (family !== null && family !== 'mixed' ? FAMILY_NAME[family] : undefined) ?? bi('a number with a unit', '带单位的数字');
}

function unitName(unit: Unit): Bilingual {
  if (unit.text !== '') return bi(unit.text, unit.text);
  if (unit.family === 'count') return bi('a count', '数量');
  return FAMILY_NAME[unit.family] ?? bi('a plain number', '纯数字');
}

/** A reading of one cell in a unit: the figure (and a warning when it had to be interpreted), or why not. */
export type UnitReading =
  | { readonly ok: true; readonly value: number | null; readonly warning?: Bilingual }
  | { readonly ok: false; readonly error: Bilingual };

const wrongUnit = (cell: CellValue, q: Quantity, unit: Unit): UnitReading => {
  const t = quoteForMessage(cell);
  const what = describe(q);
  const expected = unitName(unit);
  return {
    ok: false,
    error: bi(
      `"${t}" is ${what.en}, but this cell is in ${expected.en}, so it cannot be converted. Type a number in ${expected.en}.`,
      `“${t}”是${what.zh}，但此处单位为${expected.zh}，无法换算。请填写以${expected.zh}为单位的数字。`,
    ),
  };
};

const tooLarge = (cell: CellValue): UnitReading => {
  const t = quoteForMessage(cell);
  return {
    ok: false,
    error: bi(
      `"${t}" is too large to be a real figure (more than 10^15). Check the number and its unit.`,
      `“${t}”数值过大（超过 10^15），不可能是真实数据。请核对数字及其单位。`,
    ),
  };
};

function fitted(cell: CellValue, value: number, warning?: Bilingual): UnitReading {
  if (!Number.isFinite(value) || Math.abs(value) > MAX_MAGNITUDE) return tooLarge(cell);
  const clean = value === 0 ? 0 : value; // never -0
  return warning ? { ok: true, value: clean, warning } : { ok: true, value: clean };
}

/** What a plain number 0 < n ≤ 1 in a % row is read as, said so that a person who meant n% can correct it. */
function fractionWarning(cell: CellValue, value: number): Bilingual {
  const t = quoteForMessage(cell);
  const shown = `${formatNumber(value * 100)}%`;
  return bi(
    `"${t}" in a % row is read as ${shown} (a fraction, as a cell formatted as a percentage holds it). If you meant ${t}%, type ${t}%.`,
    `“${t}”位于百分比行，按小数读作 ${shown}（百分比格式的单元格即按此存储）。如本意为 ${t}%，请填写 ${t}%。`,
  );
}

/** Reads a parsed quantity in `unit` (see the module comment for the rule). */
export function quantityIn(cell: CellValue, q: Quantity, unit: Unit): UnitReading {
  const family = familyOf(q.words);
  const hasWords = q.words.length > 0 || q.perWords.length > 0;
  if (unit.family === 'percent') {
    if (q.ratio || hasWords || q.magnitude !== 0) return wrongUnit(cell, q, unit);
    if (q.percent !== '') return fitted(cell, quantityValue(q));
    const n = quantityValue(q);
    if (Math.abs(n) > 1) return fitted(cell, quantityValue(q, unit.exponent));
    return n === 0 ? fitted(cell, 0) : fitted(cell, n, fractionWarning(cell, n));
  }
  if (unit.family === 'ratio') {
    if (q.percent !== '' || q.magnitude !== 0 || (family !== null && family !== 'ratio')) return wrongUnit(cell, q, unit);
    return fitted(cell, quantityValue(q));
  }
  if (unit.family === 'plain' && unit.exponent === 0) {
    // No unit to read in: percent text is a fraction, 1:X is X, a magnitude scales (the row-level check
    // reports a row whose cells need a Unit to be compared).
    return fitted(cell, quantityValue(q));
  }
  if (q.percent !== '' || q.ratio || family === 'ratio') return wrongUnit(cell, q, unit);
  if (!hasWords && q.magnitude === 0) return fitted(cell, quantityValue(q)); // a plain number is in the unit
  if (family === 'mixed') return wrongUnit(cell, q, unit);
  const [numerator, denominator] = unit.family.split('/');
  const perFamily = familyOf(q.perWords);
  const sameFamily = family === null || unit.family.startsWith('word:') || unit.family === 'plain' || family === numerator;
  const samePer = q.perWords.length === 0 || (denominator !== undefined && perFamily === denominator);
  if (!sameFamily || !samePer) return wrongUnit(cell, q, unit);
  return fitted(cell, quantityValue(q, -unit.exponent));
}

/** A cell read in `unit`: blank (null) for no data, the figure in the unit, or an error naming the value. */
export function readInUnit(cell: CellValue, unit: Unit): UnitReading {
  // A finite number outside a % row is itself in any unit (what quantityIn gives it): no text to build or parse.
  if (typeof cell === 'number' && Number.isFinite(cell) && unit.family !== 'percent') return fitted(cell, cell);
  const parsed = parseQuantity(cell);
  if (!parsed.ok) return parsed;
  if (parsed.value === null) return { ok: true, value: null };
  return quantityIn(cell, parsed.value, unit);
}

/** The same reading as a Parsed (without the warning), for callers that only need the figure. */
export function parseInUnit(cell: CellValue, unit: Unit): Parsed<number> {
  const reading = readInUnit(cell, unit);
  return reading.ok ? { ok: true, value: reading.value } : reading;
}

/** True when the quantity carries its own unit (a magnitude, unit words, %, or 1:X), so it cannot be read without one. */
export function carriesUnit(q: Quantity): boolean {
  return q.magnitude !== 0 || q.words.length > 0 || q.perWords.length > 0 || q.percent !== '' || q.ratio;
}

/**
 * The unit of a pair of cells whose row names none (blank Unit, a metric the catalogue does not know): % when
 * either is typed as a percentage, 1:X when either is typed as a ratio, else plain.
 */
export function inferredUnit(quantities: readonly (Quantity | null)[]): Unit {
  if (quantities.some((q) => q !== null && q.percent !== '')) return PERCENT;
  if (quantities.some((q) => q !== null && q.ratio)) return RATIO;
  return PLAIN;
}

/** Every magnitude word, for the help texts. */
export const MAGNITUDE_WORDS = Object.keys(MAGNITUDE_EXPONENT);

/**
 * A computed figure moved from one unit into another (a total in Settings → Currency unit shown in an
 * Evaluation row whose Unit is 元): scaled by the powers of ten between them. Null when the units measure
 * different things (an amount into a count). A plain unit (no currency unit set) is taken to be the target's.
 */
export function convertUnit(value: number, from: Unit, to: Unit): number | null {
  if (from.family === 'plain' && from.exponent === 0) return value;
  if (to.family === 'plain' && to.exponent === 0) return value;
  const [fromBase] = from.family.split('/');
  const [toBase] = to.family.split('/');
  const compatible = fromBase === toBase || from.family === 'plain' || to.family === 'plain' || to.family.startsWith('word:');
  if (!compatible) return null;
  const scaled = value * 10 ** (from.exponent - to.exponent);
  return Number.isFinite(scaled) ? Number(scaled.toPrecision(15)) : null;
}

/** The unit of a catalogue metric's figures: money in Settings → Currency unit, counts, % or 1:X. */
export function catalogueUnit(key: MetricKey, currencyUnit: string): Unit {
  const kind = metricInfo(key).unit;
  if (kind === 'money') return moneyUnit(currencyUnit);
  return kind === 'count' ? COUNT : kind === 'percent' ? PERCENT : RATIO;
}

/** The unit an Evaluation row's Target and Actual are read in, and whether the row needs a Unit to be read at all. */
export interface RowUnit {
  readonly unit: Unit;
  /** Unit is blank, the metric unknown, and one cell is typed with a unit the other lacks: they cannot be compared. */
  readonly unitMissing: 'target' | 'actual' | null;
}

/**
 * THE rule for an Evaluation row (the report, Check data and =ACHIEVEMENT_RATE all use it): the Unit cell when
 * filled; else the catalogue's unit for the metric; else % or 1:X when a cell is typed so; else plain — and then
 * a row whose one figure carries a unit (215万) and the other does not (200) cannot be compared.
 */
export function evaluationUnit(unitText: string, metric: string, currencyUnit: string, target: CellValue, actual: CellValue): RowUnit {
  if (unitText.trim() !== '') return { unit: parseUnit(unitText), unitMissing: null };
  const key = metricKeyOf(metric);
  if (key !== null) return { unit: catalogueUnit(key, currencyUnit), unitMissing: null };
  const quantities = [target, actual].map((cell) => {
    const q = parseQuantity(cell);
    return q.ok ? q.value : null;
  });
  const unit = inferredUnit(quantities);
  const [t, a] = quantities;
  if (unit !== PLAIN || !t || !a || carriesUnit(t) === carriesUnit(a)) return { unit, unitMissing: null };
  return { unit, unitMissing: carriesUnit(t) ? 'actual' : 'target' };
}
