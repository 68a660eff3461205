/**
 * Properties of THE unit rule (src/core/units.ts), through every reader of a figure: readInUnit, the sheet's
 * custom functions (ACHIEVEMENT_RATE, ROI, SUM_AMOUNTS) and the report model.
 */
import fc from 'fast-check';
import { achievementRateFormula, roiFormula, sumAmountsFormula } from '../../src/core/customFunctions';
import { MAX_RATE, achievementRate, inputOutputRatio, netRoi, ratioLabel } from '../../src/core/metrics';
import { ReportModel } from '../../src/core/report';
import { tabSpec } from '../../src/core/schema';
import { PLAIN, moneyUnit, parseUnit, quantityIn, readInUnit } from '../../src/core/units';
import { CellValue, parseQuantity } from '../../src/core/values';
import { exampleRaw, reportOf } from './reportFixture';

/** `digits` (an integer as text) with the decimal point moved `places` to the left, exactly, as a person types it. */
function shifted(digits: string, places: number): string {
  if (places <= 0) return digits + '0'.repeat(-places);
  const padded = digits.padStart(places + 1, '0');
  const text = `${padded.slice(0, -places)}.${padded.slice(-places)}`.replace(/\.?0+$/, '');
  return text === '' ? '0' : text;
}

/** The ways a person types an amount of `yuan` yuan: the unit word and the powers of ten it stands for. */
const MONEY_FORMS: readonly [string, number][] = [
  ['元', 0], ['块', 0], ['RMB', 0], ['千元', 3], ['k', 3], ['K元', 3], ['万元', 4], ['万', 4], ['w', 4], ['W', 4], ['萬', 4],
  ['十万', 5], ['百万', 6], ['M', 6], ['千万', 7], ['亿', 8], ['亿元', 8], ['億', 8],
];
/** Units a money row may be in, with their powers of ten. */
const ROW_UNITS: readonly [string, number][] = [['元', 0], ['千元', 3], ['万元', 4], ['百万元', 6], ['亿元', 8]];

const closeTo = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
// Amounts in yuan with up to 11 digits, as integers typed by people (never beyond the rule's 10^15 limit).
const yuanDigits = fc.bigInt({ min: 1n, max: 99_999_999_999n }).map(String);
const form = fc.constantFrom(...MONEY_FORMS);
const rowUnit = fc.constantFrom(...ROW_UNITS);

describe('the unit rule: one quantity, one figure', () => {
  it('the same amount typed in any supported unit gives the same figure in the row\'s unit', () => {
    fc.assert(fc.property(yuanDigits, form, form, rowUnit, (yuan, [wordA, expA], [wordB, expB], [unitText, unitExp]) => {
      const unit = moneyUnit(unitText);
      const a = readInUnit(`${shifted(yuan, expA)}${wordA}`, unit);
      const b = readInUnit(`${shifted(yuan, expB)} ${wordB}`, unit);
      if (!a.ok || !b.ok || a.value === null || b.value === null) throw new Error(`unread: ${JSON.stringify([a, b])}`);
      expect(closeTo(a.value, b.value)).toBe(true);
      // And it is the amount in the row's unit.
      expect(closeTo(a.value, Number(yuan) / 10 ** unitExp)).toBe(true);
    }));
  });

  it('a count typed with its thousands or ten-thousands word is the same count', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 99_999_999 }), fc.constantFrom<[string, number]>(['', 0], ['k', 3], ['千', 3], ['万', 4], ['w', 4]), fc.constantFrom('家', '个', 'customers', ''), (n, [word, exp], thing) => {
      const unit = parseUnit(thing === '' ? '家' : thing);
      const reading = readInUnit(`${shifted(String(n), exp)}${word}${thing}`, unit);
      expect(reading.ok && reading.value !== null && closeTo(reading.value, n)).toBe(true);
    }));
  });

  it('converting both actual and target into another unit leaves the rate unchanged (the report\'s and ACHIEVEMENT_RATE\'s)', () => {
    fc.assert(fc.property(yuanDigits, yuanDigits, form, form, rowUnit, fc.constantFrom('higher', 'lower'), (actual, target, [wordA, expA], [wordT, expT], [unitText], direction) => {
      const unit = moneyUnit(unitText);
      const plainRate = achievementRate(Number(actual), Number(target), direction);
      // At the 100,000% limit itself, the last digit of a conversion may fall either side of it.
      fc.pre(plainRate === null || Math.abs(plainRate) < MAX_RATE * 0.999);
      const read = (digits: string, word: string, exp: number): number => {
        const r = readInUnit(`${shifted(digits, exp)}${word}`, unit);
        if (!r.ok || r.value === null) throw new Error('unread');
        return r.value;
      };
      const rate = achievementRate(read(actual, wordA, expA), read(target, wordT, expT), direction);
      let sheet: unknown;
      try {
        sheet = achievementRateFormula(`${shifted(actual, expA)}${wordA}`, `${shifted(target, expT)}${wordT}`, direction, unitText, 'Revenue', '万元');
      } catch (error) {
        // Beyond 100,000%: the cell says why instead of a figure (as the report leaves it blank).
        sheet = error;
      }
      if (plainRate === null) {
        expect(rate).toBeNull();
        expect(typeof sheet === 'number').toBe(false);
      } else {
        expect(rate !== null && closeTo(rate, plainRate)).toBe(true);
        expect(typeof sheet === 'number' && closeTo(sheet, plainRate)).toBe(true);
      }
    }));
  });

  it('a value typed with its row\'s own unit equals the plain number (money, counts, days, ratios, and % above 1 point)', () => {
    const rows: readonly [string, string][] = [['万元', '万元'], ['元', '元'], ['千元', '千元'], ['家', '家'], ['customers', ' customers'], ['天', '天'], ['1:X', '倍'], ['%', '%']];
    fc.assert(fc.property(fc.double({ min: 1.01, max: 1e9, noNaN: true }), fc.constantFrom(...rows), (x, [unitText, suffix]) => {
      const plain = Number(x.toPrecision(10));
      const unit = parseUnit(unitText);
      const typed = readInUnit(`${plain}${suffix}`, unit);
      const bare = readInUnit(plain, unit);
      expect(typed.ok && bare.ok).toBe(true);
      if (typed.ok && bare.ok) expect(typed.value !== null && bare.value !== null && closeTo(typed.value, bare.value)).toBe(true);
    }));
  });
});

// ---------------------------------------------------------------------------------------------
// Nothing non-finite, anywhere

/** Cells as people type them, and as overflow and division by ~0 make them. */
const nastyNumber = fc.oneof(
  fc.double({ noNaN: false }),
  fc.constantFrom(1e308, -1e308, 1.7976931348623157e308, 5e-324, 1e-300, 0, -0, 1e15, 1e16, 999_999_999_999_999),
);
const nastyText = fc.oneof(
  fc.constantFrom('1e308', '-1e308', '1e309', 'Infinity', '-Infinity', 'NaN', '1:0', '1:1e308', '0.0000001%', '1e308万', '9999999999亿',
    '1e-320', '∞', '#DIV/0!', 'abc', '45家', '12%', '24%', '0.24', '1:7.7', '215万元', '2,150,000元', '3.5亿', '', '-', 'N/A', '1,2,3'),
  fc.string({ maxLength: 8 }),
  nastyNumber.map((n) => `${n}${['', '万', '%', '元', '亿', 'k'][Math.abs(Math.floor(n)) % 6] ?? ''}`),
);
const nastyCell: fc.Arbitrary<CellValue> = fc.oneof(nastyNumber, nastyText, fc.constant(null));

const NON_FINITE = /Infinity|NaN/;
const EXPONENT = /\de[+-]?\d/i;
/** `1:0` for a revenue that is not zero (a true zero revenue is 1:0). */
const ZERO_RATIO = /(^|[^\d.])1:0(?![.\d])/;

function allTexts(model: ReportModel): string[] {
  const out: string[] = [model.documentName];
  for (const section of model.sections) {
    out.push(section.title);
    for (const block of section.blocks) {
      if (block.kind === 'table') for (const row of block.rows) for (const cell of row) out.push(cell.text);
      else if ('text' in block && typeof block.text === 'string') out.push(block.text);
    }
  }
  return out;
}

describe('no input produces a non-finite figure', () => {
  it('readInUnit gives a finite figure within 10^15, blank, or an error; never Infinity, NaN or -0', () => {
    const units = ['万元', '元', '%', '1:X', '家', '', 'k USD', '元/家'].map(parseUnit);
    fc.assert(fc.property(nastyCell, fc.constantFrom(...units), (cell, unit) => {
      const r = readInUnit(cell, unit);
      if (r.ok && r.value !== null) {
        expect(Number.isFinite(r.value)).toBe(true);
        expect(Math.abs(r.value)).toBeLessThanOrEqual(1e15);
        expect(Object.is(r.value, -0)).toBe(false);
      }
    }), { numRuns: 500 });
  });

  it('rates, ratios and labels are finite numbers or blank, and the label is never Infinity, NaN or 1:0', () => {
    fc.assert(fc.property(nastyNumber, nastyNumber, (a, b) => {
      for (const v of [achievementRate(a, b, 'higher'), achievementRate(a, b, 'lower'), inputOutputRatio(a, b), netRoi(a, b)]) {
        expect(v === null || Number.isFinite(v)).toBe(true);
      }
      const label = ratioLabel(inputOutputRatio(a, b));
      expect(label).not.toMatch(NON_FINITE);
      expect(label).not.toMatch(EXPONENT);
      if (a !== 0) expect(label).not.toMatch(ZERO_RATIO);
    }), { numRuns: 500 });
  });

  it('the custom functions give a finite number, blank or a message, never Infinity, NaN or 1:0', () => {
    fc.assert(fc.property(nastyCell, nastyCell, fc.constantFrom('万元', '%', '1:X', '', '家'), (a, b, unit) => {
      const results: unknown[] = [];
      const run = (f: () => unknown): void => {
        try {
          results.push(f());
        } catch (error) {
          // An error is the cell's message (#ERROR! with text naming the value): it must say something.
          expect((error as Error).message.length).toBeGreaterThan(0);
        }
      };
      run(() => achievementRateFormula(a ?? '', b ?? '', 'higher', unit, 'Revenue', '万元'));
      run(() => roiFormula(a ?? '', b ?? ''));
      run(() => roiFormula(a ?? '', b ?? '', 'label'));
      run(() => roiFormula(a ?? '', b ?? '', 'net'));
      run(() => sumAmountsFormula([[a ?? ''], [b ?? '']], '万元'));
      const revenue = readInUnit(a, PLAIN);
      for (const value of results.flat(2)) {
        if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
        if (typeof value === 'string') {
          expect(value).not.toMatch(NON_FINITE);
          expect(value).not.toMatch(EXPONENT);
          if (!(revenue.ok && revenue.value === 0)) expect(value).not.toMatch(ZERO_RATIO);
        }
      }
    }), { numRuns: 400 });
  });

  it('the report (figures, ratio labels, sentences) never prints Infinity, NaN, 1:0 or an exponent, whatever the cells hold', () => {
    const col = (key: string): number => tabSpec('evaluation').columns.findIndex((c) => c.key === key);
    const costCol = tabSpec('costs').columns.findIndex((c) => c.key === 'amount');
    const revenueCol = tabSpec('weekly').columns.findIndex((c) => c.key === 'revenue');
    fc.assert(fc.property(fc.array(fc.tuple(nastyCell, nastyCell), { minLength: 6, maxLength: 6 }), nastyCell, nastyCell, (cells, cost, revenue) => {
      const raw = exampleRaw('en');
      cells.forEach(([target, actual], i) => {
        raw.evaluation![i + 1]![col('target')] = target ?? '';
        raw.evaluation![i + 1]![col('actual')] = actual ?? '';
      });
      raw.costs![1]![costCol] = cost ?? '';
      raw.weekly![1]![revenueCol] = revenue ?? '';
      const model = reportOf('en', raw);
      // A message quotes the cell as typed ("NaN", "1e+308"): only what the report says itself is checked.
      const own = (text: string): string => text.replace(/"[^"]*"|“[^”]*”/g, '""');
      for (const text of allTexts(model)) expect(own(text)).not.toMatch(NON_FINITE);
      // Figures are never in exponent notation; the data-quality notes may repeat a typed value in a fix ("type 5e-324%").
      for (const text of allTexts({ ...model, sections: model.sections.filter((x) => x.id !== 'quality') })) expect(own(text)).not.toMatch(EXPONENT);
    }), { numRuns: 40 });
  });
});

// ---------------------------------------------------------------------------------------------
// The fast paths give what the full rule gives

const ANY_UNIT = fc.constantFrom('', '万元', '元', '千元', '亿元', '家', 'customers', '天', '%', '1:X', '倍', '人', 'km');

describe('the fast paths are the rule', () => {
  it('a number cell read in any unit is what parsing it as a quantity and reading that in the unit gives', () => {
    fc.assert(fc.property(nastyNumber, ANY_UNIT, (n, unitText) => {
      const unit = parseUnit(unitText);
      const parsed = parseQuantity(n);
      const slow = !parsed.ok ? parsed : parsed.value === null ? { ok: true, value: null } : quantityIn(n, parsed.value, unit);
      expect(readInUnit(n, unit)).toEqual(slow);
    }), { numRuns: 2000 });
  });

  it('ACHIEVEMENT_RATE over columns gives, cell by cell, what it gives for each row alone (its per-call reuse of readings changes nothing)', () => {
    const direction = fc.constantFrom<CellValue>('', 'higher', 'lower', '越高越好', '越低越好', 'none', 'sideways', null);
    const unitCell = fc.constantFrom<CellValue>('', '万元', '家', '%', '1:X', null);
    const metric = fc.constantFrom<CellValue>('', '新增客户数', '销售额', '获客成本', 'Customer visits', 'Made-up metric');
    // Mostly figures that compute (so a wrong direction or unit would show), some nasty ones.
    const figure = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 500 }), weight: 3 }, { arbitrary: fc.constantFrom<CellValue>('45家', '120万', '30%', '1:3.5', '0.8'), weight: 2 }, { arbitrary: nastyCell, weight: 1 });
    const row = fc.tuple(figure, figure, direction, unitCell, metric);
    // Rows repeat (a broadcast column, a copied row), so consecutive equal cells are exercised; two rows at least
    // (a 1×1 range is a single value to Sheets).
    const rows = fc.array(row, { minLength: 1, maxLength: 12 }).chain((base) => fc.array(fc.constantFrom(...base), { minLength: 2, maxLength: 30 }));
    fc.assert(fc.property(rows, fc.constantFrom<CellValue>('万元', '元', ''), (lines, currency) => {
      const column = (i: number): CellValue[][] => lines.map((l) => [l[i] as CellValue]);
      const ranged = achievementRateFormula(column(0), column(1), column(2), column(3), column(4), currency) as (number | string)[][];
      lines.forEach((l, r) => {
        let single: number | string;
        try {
          single = achievementRateFormula(l[0], l[1], l[2], l[3], l[4], currency) as number | string;
        } catch {
          // A bad single value throws (Sheets shows the message); in a range the cell shows #VALUE with the text.
          expect(String(ranged[r]![0])).toMatch(/^#VALUE /);
          return;
        }
        expect(ranged[r]![0]).toEqual(single);
      });
    }), { numRuns: 500 });
  });
});
