/**
 * The emulator keeps one HyperFormula engine between recalculations and gives it only the cells that changed
 * (formulas.ts FormulaEngine). Sheets has no "incremental" mode to compare with: the reference is the emulator
 * building a new engine from the whole spreadsheet for every recalculation (`recalculation: 'full'`, what it
 * always did). Random sequences of writes — values, formulas across cells and sheets, custom functions that
 * return arrays whose size depends on their arguments, TODAY(), row inserts and deletes, renames, sheets added
 * and removed, a new day, custom functions redefined — leave both emulators with the same cells (values,
 * formulas, spilled values), the same formula errors and the same service-call counts after every step.
 */
import fc from 'fast-check';
import { Emulator, type CellValue, type EmuSheet } from '../../src/node/emulator';

const T0 = new Date('2025-01-06T01:00:00Z'); // Monday 09:00 in Asia/Shanghai
const ROWS = 6;
const COLS = 4;
const NAMES = ['Data', 'Other', 'My data', '数据'];

/** Custom functions as a bundle defines them; `factor` changes when a test redefines them. */
function customFunctions(factor: number): Record<string, (...args: unknown[]) => unknown> {
  const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
  return {
    TWICE: (x: unknown) => (typeof x === 'number' ? x * factor : x instanceof Date ? x.getTime() % 1000 : ''),
    // A column of n values: the array's size follows its argument, which HyperFormula only learns by running it.
    SEQ: (x: unknown) => Array.from({ length: Math.max(1, Math.min(4, Math.round(num(x)))) }, (_, i) => [i + factor]),
    // One value at or below 1, a row of values above: the same formula flips between a value and an array.
    SHAPE: (x: unknown) => (num(x) > 1 ? [Array.from({ length: Math.min(3, Math.round(num(x))) }, (_, i) => i * factor)] : 'one'),
    SUMALL: (range: unknown) => (Array.isArray(range) ? range.flat().reduce<number>((a, v) => a + num(v), 0) : num(range)),
  };
}

type Op =
  | { kind: 'value'; sheet: number; row: number; col: number; value: CellValue | null }
  | { kind: 'formula'; sheet: number; row: number; col: number; formula: string }
  | { kind: 'block'; sheet: number; row: number; col: number; values: (number | string)[][] }
  | { kind: 'insertRows'; sheet: number; after: number; count: number }
  | { kind: 'deleteRow'; sheet: number; row: number }
  | { kind: 'insertColumn'; sheet: number; after: number }
  | { kind: 'rename'; sheet: number; name: string }
  | { kind: 'addSheet'; name: string }
  | { kind: 'deleteSheet'; sheet: number }
  | { kind: 'clear'; sheet: number; row: number; col: number }
  | { kind: 'clearSheet'; sheet: number }
  | { kind: 'nextDay' }
  | { kind: 'redefine'; factor: number }
  | { kind: 'read'; sheet: number };

const letter = (c: number): string => String.fromCharCode(64 + c);
const ref = fc.tuple(fc.integer({ min: 1, max: ROWS }), fc.integer({ min: 1, max: COLS })).map(([r, c]) => `${letter(c)}${r}`);
const range = fc.tuple(ref, ref).map(([a, b]) => `${a}:${b}`);
const sheetRef = fc.constantFrom(...NAMES).map((n) => `'${n}'`);

const formula: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(ref, ref).map(([a, b]) => `=${a}+${b}`),
  ref.map((a) => `=${a}*2`),
  fc.tuple(sheetRef, ref).map(([s, a]) => `=${s}!${a}+1`),
  range.map((r) => `=SUM(${r})`),
  fc.tuple(sheetRef, range).map(([s, r]) => `=COUNTIF(${s}!${r},">1")`),
  ref.map((a) => `=TWICE(${a})`),
  ref.map((a) => `=SEQ(${a})`),
  ref.map((a) => `=SHAPE(${a})`),
  range.map((r) => `=SUMALL(${r})`),
  fc.tuple(sheetRef, range).map(([s, r]) => `=SUMALL(${s}!${r})`),
  ref.map((a) => `=IF(${a}>2,TRUE,FALSE)`),
  ref.map((a) => `=TODAY()-${a}`),
  range.map((r) => `=ARRAYFORMULA(${r}*2)`),
  ref.map((a) => `=${a}&"x"`),
  fc.constant('=1/0'),
);

const value: fc.Arbitrary<CellValue | null> = fc.oneof(
  fc.integer({ min: -3, max: 6 }),
  fc.constantFrom('a', '2', "'3", 'TRUE', ''),
  fc.boolean(),
  fc.integer({ min: 0, max: 40 }).map((d) => new Date(Date.UTC(2025, 0, 1 + d, 16))),
  fc.constant(null),
);

const sheet = fc.nat({ max: 5 });
const row = fc.integer({ min: 1, max: ROWS });
const col = fc.integer({ min: 1, max: COLS });

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('value' as const), sheet, row, col, value }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('formula' as const), sheet, row, col, formula }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('block' as const), sheet, row: fc.integer({ min: 1, max: ROWS - 1 }), col: fc.integer({ min: 1, max: COLS - 1 }),
      values: fc.array(fc.array(fc.oneof(fc.integer({ min: -2, max: 5 }), fc.constant('')), { minLength: 2, maxLength: 2 }), { minLength: 2, maxLength: 2 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insertRows' as const), sheet, after: fc.integer({ min: 0, max: ROWS }), count: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteRow' as const), sheet, row }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insertColumn' as const), sheet, after: fc.integer({ min: 0, max: COLS }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), sheet, name: fc.constantFrom(...NAMES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('addSheet' as const), name: fc.constantFrom(...NAMES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteSheet' as const), sheet }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('clear' as const), sheet, row, col }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clearSheet' as const), sheet }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'nextDay' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('redefine' as const), factor: fc.integer({ min: 2, max: 4 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('read' as const), sheet }) },
);

function emulator(recalculation: 'incremental' | 'full'): Emulator {
  const e = new Emulator({ now: T0, recalculation });
  e.spreadsheet.getSheets()[0]!.setName('Data');
  e.spreadsheet.insertSheet('Other');
  e.defineCustomFunctions(customFunctions(2));
  return e;
}

/** Runs one step; returns the error message it threw, if any (both emulators must throw alike). */
function apply(e: Emulator, o: Op): string {
  const sheets = e.spreadsheet.getSheets();
  const at = (i: number): EmuSheet => sheets[i % sheets.length]!;
  try {
    switch (o.kind) {
      case 'value': at(o.sheet).getRange(o.row, o.col).setValue(o.value); break;
      case 'formula': at(o.sheet).getRange(o.row, o.col).setFormula(o.formula); break;
      case 'block': at(o.sheet).getRange(o.row, o.col, 2, 2).setValues(o.values); break;
      case 'insertRows': at(o.sheet).insertRowsAfter(o.after, o.count); break;
      case 'deleteRow': at(o.sheet).deleteRows(o.row, 1); break;
      case 'insertColumn': at(o.sheet).insertColumnsAfter(o.after, 1); break;
      case 'rename': at(o.sheet).setName(o.name); break;
      case 'addSheet': e.spreadsheet.insertSheet(o.name); break;
      case 'deleteSheet': e.spreadsheet.deleteSheet(at(o.sheet)); break;
      case 'clear': at(o.sheet).getRange(o.row, o.col, 2, 2).clearContent(); break;
      case 'clearSheet': at(o.sheet).clear(); break;
      case 'nextDay': e.clock.advance(86400000); break;
      case 'redefine': e.defineCustomFunctions(customFunctions(o.factor)); break;
      case 'read': at(o.sheet).getRange(1, 1, ROWS + 2, COLS + 1).getValues(); break;
    }
    return '';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Every stored cell of every sheet (host view, no recalculation): value, formula, spilled mark. */
function cells(e: Emulator): unknown {
  return e.spreadsheet.sheets.map((s) => ({
    name: s.name,
    cells: Array.from(s.cells, (line) => Array.from(line ?? [], (c) => (c ? [c.v instanceof Date ? c.v.getTime() : c.v, c.f ?? null, !!c.spilled] : null))),
  }));
}

/** Trailing empty cells aside (a full applyTo leaves empty objects where an incremental one may leave holes). */
function trimmed(state: unknown): unknown {
  return (state as { name: string; cells: unknown[][] }[]).map((s) => ({
    name: s.name,
    cells: s.cells.map((line) => line.map((c) => (c && (c as unknown[])[0] === '' && (c as unknown[])[1] === null && !(c as unknown[])[2] ? null : c))),
  }));
}

describe('incremental recalculation gives what a full rebuild gives', () => {
  const totals = { rebuilds: 0, updates: 0, unchanged: 0 };

  test('a formula written into a cell an array (in a cycle) spilled into', () => {
    // fast-check found it (seed -1724059463): the incremental engine showed #CYCLE! in B1, a new engine #DIV/0!.
    const ops = [
      { kind: 'formula', sheet: 0, row: 1, col: 1, formula: '=ARRAYFORMULA(A1:B1*2)' },
      { kind: 'formula', sheet: 0, row: 1, col: 2, formula: '=1/0' },
      { kind: 'read', sheet: 0 },
    ] as const;
    const incremental = emulator('incremental');
    const full = emulator('full');
    for (const o of ops) {
      expect(apply(incremental, o as Parameters<typeof apply>[1])).toBe(apply(full, o as Parameters<typeof apply>[1]));
      expect(incremental.recalculate().errors()).toEqual(full.recalculate().errors());
      expect(trimmed(cells(incremental))).toEqual(trimmed(cells(full)));
    }
    expect(full.recalculate().errors().map((e) => [e.a1, e.error])).toContainEqual(['B1', '#DIV/0!']);
  });

  test('after every step of random writes, inserts, renames, new sheets and days', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 16 }), (ops) => {
        const incremental = emulator('incremental');
        const full = emulator('full');
        for (const o of ops) {
          expect(apply(incremental, o)).toBe(apply(full, o));
          expect(trimmed(cells(incremental))).toEqual(trimmed(cells(full)));
          const errors = incremental.recalculate().errors();
          expect(errors).toEqual(full.recalculate().errors());
          expect(trimmed(cells(incremental))).toEqual(trimmed(cells(full)));
          expect(incremental.calls.snapshot()).toEqual(full.calls.snapshot());
        }
        const stats = incremental.recalculationStats();
        totals.rebuilds += stats.rebuilds;
        totals.updates += stats.updates;
        totals.unchanged += stats.unchanged;
      }),
      { numRuns: 30 },
    );
    // The comparison means something only if the incremental path ran: most recalculations update the engine.
    expect(totals.updates).toBeGreaterThan(totals.rebuilds);
    expect(totals.unchanged).toBeGreaterThan(0);
  });

  test('a value written is given to the engine alone: no rebuild, and its dependents (across sheets) follow', () => {
    const e = emulator('incremental');
    const data = e.spreadsheet.getSheetByName('Data')!;
    const other = e.spreadsheet.getSheetByName('Other')!;
    data.getRange('A1:A3').setValues([[1], [2], [3]]);
    data.getRange('B1').setFormula('=SEQ(A3)');
    other.getRange('A1').setFormula("=SUM('Data'!A1:A3)+TWICE('Data'!A1)");
    expect(other.getRange('A1').getValue()).toBe(8);
    const built = e.recalculationStats().rebuilds;
    data.getRange('A1').setValue(10);
    expect(other.getRange('A1').getValue()).toBe(35);
    expect(data.getRange('B1:B4').getValues()).toEqual([[2], [3], [4], ['']]);
    expect(e.recalculationStats().rebuilds).toBe(built);
    // The array grows with its argument: HyperFormula sized it when it parsed it, so the engine is built again.
    data.getRange('A3').setValue(4);
    expect(data.getRange('B1:B4').getValues()).toEqual([[2], [3], [4], [5]]);
    expect(e.recalculationStats().rebuilds).toBe(built + 1);
    // A value typed in the array's way blocks it (the spilled values gone), and freeing the way restores it.
    data.getRange('B6').setFormula('=SEQ(1)');
    data.getRange('B5').setFormula('=SEQ(2)');
    const blocked = data.getRange('B5:B6').getValues();
    data.getRange('B6').setValue(null);
    expect(data.getRange('B5:B6').getValues()).toEqual([[2], [3]]);
    expect(blocked[0]![0]).toMatch(/^#/);
    expect(blocked[1]).toEqual([2]);
  });

  test('a sheet added (or copied) joins the engine: formulas that named it before it existed find it', () => {
    const e = emulator('incremental');
    const data = e.spreadsheet.getSheetByName('Data')!;
    data.getRange('A1').setFormula("='My data'!A1+1");
    data.getRange('A2').setFormula("=SUMALL('Copy of Other'!A1:A2)");
    expect(data.getRange('A1:A2').getValues()).toEqual([['#REF!'], ['#REF!']]);
    const built = e.recalculationStats().rebuilds;
    e.spreadsheet.insertSheet('My data');
    expect(data.getRange('A1').getValue()).toBe(1);
    e.spreadsheet.getSheetByName('My data')!.getRange('A1').setValue(41);
    expect(data.getRange('A1').getValue()).toBe(42);
    e.spreadsheet.getSheetByName('Other')!.getRange('A1:A2').setValues([[3], [4]]);
    e.spreadsheet.getSheetByName('Other')!.copyTo(e.spreadsheet);
    expect(data.getRange('A2').getValue()).toBe(7);
    expect(e.recalculationStats().rebuilds).toBe(built);
  });

  test('TODAY() is the virtual clock\'s date in the spreadsheet\'s zone, after a write and on the next day', () => {
    const e = emulator('incremental');
    const data = e.spreadsheet.getSheetByName('Data')!;
    data.getRange('A1').setFormula('=TODAY()');
    data.getRange('B1').setFormula('=A1+C1');
    expect(data.getRange('A1').getValue()).toEqual(new Date('2025-01-06T00:00:00+08:00'));
    data.getRange('C1').setValue(1);
    expect(data.getRange('B1').getValue()).toEqual(new Date('2025-01-07T00:00:00+08:00'));
    e.clock.advance(86400000);
    data.getRange('C1').setValue(2);
    expect(data.getRange('A1:B1').getValues()).toEqual([[new Date('2025-01-07T00:00:00+08:00'), new Date('2025-01-09T00:00:00+08:00')]]);
  });

  test('a new day recomputes the formulas that call TODAY or NOW (arrays and dependents too), without a new engine', () => {
    const e = emulator('incremental');
    const data = e.spreadsheet.getSheetByName('Data')!;
    data.getRange('A1:A2').setValues([[1], [2]]);
    data.getRange('B1').setFormula('=ARRAYFORMULA(A1:A2+TODAY())');
    data.getRange('C1').setFormula('=B2-A2');
    data.getRange('D1').setFormula('=IF(NOW()>0, "on", "off")');
    data.getRange('E1').setFormula('=A1*10');
    expect(data.getRange('B2').getValue()).toEqual(new Date('2025-01-08T00:00:00+08:00'));
    const built = e.recalculationStats().rebuilds;
    e.clock.advance(3 * 86400000);
    data.getRange('F1').setValue('edited');
    expect(data.getRange('B1:E2').getValues()).toEqual([
      [new Date('2025-01-10T00:00:00+08:00'), new Date('2025-01-09T00:00:00+08:00'), 'on', 10],
      [new Date('2025-01-11T00:00:00+08:00'), '', '', ''],
    ]);
    expect(e.recalculationStats().rebuilds).toBe(built);
  });
});
