import fc from 'fast-check';
import { exampleGrids } from '../../src/core/example';
import { Lang } from '../../src/core/i18n';
import { TABS, TabKey, tabSpec } from '../../src/core/schema';
import { SetupAction, TabState, planSetup } from '../../src/core/setup';
import { asLiteral, columnLetter, mapHeaders, readTable } from '../../src/core/table';
import { CellValue } from '../../src/core/values';

/** What a tab looks like after a plan was applied, built from the plan alone (no spreadsheet). */
function applyToStates(actions: readonly SetupAction[], states: Partial<Record<TabKey, TabState>>): Partial<Record<TabKey, TabState>> {
  const grids = new Map<TabKey, CellValue[][]>();
  const formulas = new Map<TabKey, string[][]>();
  const out: Partial<Record<TabKey, TabState>> = {};
  for (const spec of TABS) {
    const state = states[spec.key];
    grids.set(spec.key, (state?.top ?? []).map((r) => [...r]));
    formulas.set(spec.key, (state?.topFormulas ?? []).map((r) => [...r]));
  }
  const put = (tab: TabKey, row: number, column: number, value: CellValue, formula = ''): void => {
    const grid = grids.get(tab)!;
    const f = formulas.get(tab)!;
    while (grid.length < row) grid.push([]);
    while (f.length < row) f.push([]);
    grid[row - 1]![column - 1] = value;
    f[row - 1]![column - 1] = formula;
  };
  const validated = new Map<TabKey, Set<number>>();
  const formats = new Map<TabKey, Map<number, string>>();
  const rules = new Map<TabKey, number>();
  for (const a of actions) {
    if (a.kind === 'cells') a.values.forEach((r, i) => r.forEach((v, j) => put(a.tab, a.row + i, a.column + j, v)));
    if (a.kind === 'formula') put(a.tab, a.row, a.column, '', a.formula);
    if (a.kind === 'validation') validated.set(a.tab, new Set([...(validated.get(a.tab) ?? []), a.column - 1]));
    if (a.kind === 'numberFormat' && a.row === 2) formats.set(a.tab, new Map([...(formats.get(a.tab) ?? []), [a.column - 1, a.format]]));
    if (a.kind === 'statusColors') rules.set(a.tab, (rules.get(a.tab) ?? 0) + a.colors.length);
  }
  for (const spec of TABS) {
    const grid = grids.get(spec.key)!;
    const width = Math.max(0, ...grid.map((r) => r.length));
    const pad = (r: CellValue[]): CellValue[] => Array.from({ length: width }, (_, i) => r[i] ?? '');
    const state = states[spec.key];
    out[spec.key] = {
      name: state?.name ?? actions.find((a) => a.kind === 'createTab' && a.tab === spec.key)?.['name' as never] ?? spec.name.en,
      lastRow: Math.max(grid.length, state?.lastRow ?? 0),
      lastColumn: width,
      maxRows: state?.maxRows ?? 1000,
      frozenRows: 1,
      top: grid.map(pad),
      topFormulas: formulas.get(spec.key)!.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? '')),
      validated: Array.from({ length: width }, (_, i) => (state?.validated[i] ?? false) || (validated.get(spec.key)?.has(i) ?? false)),
      formats: Array.from({ length: width }, (_, i) => formats.get(spec.key)?.get(i) ?? state?.formats[i] ?? 'General'),
      conditionalRules: (state?.conditionalRules ?? 0) + (rules.get(spec.key) ?? 0),
    };
  }
  return out;
}

describe('set-up plan', () => {
  it.each<Lang>(['en', 'zh-CN'])('creates every tab with its headers in the sheet language (%s)', (lang) => {
    const plan = planSetup({}, lang);
    const created = plan.actions.filter((a) => a.kind === 'createTab').map((a) => (a as { name: string }).name);
    expect(created).toEqual(TABS.map((t) => (lang === 'en' ? t.name.en : t.name.zh)));
    const after = applyToStates(plan.actions, {});
    for (const spec of TABS) {
      expect(after[spec.key]!.top[0]!.slice(0, spec.columns.length)).toEqual(spec.columns.map((c) => (lang === 'en' ? c.header.en : c.header.zh)));
    }
  });

  it('plans nothing the second time', () => {
    const first = applyToStates(planSetup({}, 'en').actions, {});
    expect(planSetup(first, 'en').actions).toEqual([]);
  });

  it('writes the Evaluation formulas against the columns where they are, wherever a team moved them', () => {
    const evaluation = tabSpec('evaluation');
    const header = [...evaluation.columns].reverse().map((c) => c.header.en);
    const state: TabState = {
      name: 'Evaluation', lastRow: 1, lastColumn: header.length, maxRows: 500, frozenRows: 1, top: [header],
      topFormulas: [header.map(() => '')], validated: header.map(() => true), formats: header.map(() => 'General'), conditionalRules: 1,
    };
    const plan = planSetup({ evaluation: state }, 'en');
    const formula = plan.actions.find((a) => a.kind === 'formula' && a.tab === 'evaluation') as { formula: string; column: number };
    const at = (key: string) => columnLetter(header.indexOf(evaluation.columns.find((c) => c.key === key)!.header.en) + 1);
    const range = (key: string): string => `${at(key)}2:${at(key)}500`;
    // The unit rule's context: the row's Unit and Metric, and Settings → Currency unit (row 8 of a new Settings tab).
    expect(formula.formula).toBe(`=ACHIEVEMENT_RATE(${range('actual')}, ${range('target')}, ${range('direction')}, ${range('unit')}, ${range('metric')}, 'Settings'!$B$8)`);
    expect(columnLetter(formula.column)).toBe(at('achievement'));
  });

  it('never writes into a cell that holds something (property)', () => {
    const tracking = tabSpec('tracking');
    fc.assert(
      fc.property(fc.shuffledSubarray(tracking.columns.map((c) => c.header.en)), fc.array(fc.string({ maxLength: 6 }), { maxLength: 4 }), (headers, extras) => {
        const header = [...headers, ...extras.map((e) => `x${e}`)];
        const data = header.map((_, i) => `typed ${i}`);
        const state: TabState = {
          name: 'Tracking', lastRow: 2, lastColumn: header.length, maxRows: 100, frozenRows: 1, top: [header, data],
          topFormulas: [header.map(() => ''), data.map(() => '')], validated: header.map(() => false), formats: header.map(() => 'General'), conditionalRules: 0,
        };
        const plan = planSetup({ tracking: state }, 'en');
        for (const action of plan.actions.filter((a) => a.tab === 'tracking')) {
          if (action.kind === 'cells') {
            action.values.forEach((row, i) => row.forEach((_, j) => {
              const r = action.row + i;
              const c = action.column + j;
              // Header cells may be respelt (case/spacing) but only where the header matched a column.
              if (r === 2) throw new Error(`wrote into data row at column ${c}`);
              if (r === 1 && c <= header.length) expect(mapHeaders(tracking, [header[c - 1]]).index.size).toBe(1);
            }));
          }
          if (action.kind === 'formula') throw new Error('no formula column in Tracking');
        }
        const after = applyToStates(plan.actions, { tracking: state }).tracking!;
        expect(after.top[1]!.slice(0, header.length)).toEqual(data);
        expect(mapHeaders(tracking, after.top[0]!).missing).toEqual([]);
      }),
    );
  });
});

describe('reading tables by header', () => {
  it('reads the same rows whatever the column order, language or spelling of the headers', () => {
    const grids = exampleGrids('en');
    const spec = tabSpec('tracking');
    const zh = exampleGrids('zh-CN').tracking!;
    const expected = readTable(spec, grids.tracking!).rows.map((r) => r.cells.plannedDate);
    fc.assert(
      fc.property(fc.shuffledSubarray([...spec.columns.keys()], { minLength: spec.columns.length }), fc.boolean(), (order, upper) => {
        const header = order.map((i) => (upper ? spec.columns[i]!.header.zh : ` ${spec.columns[i]!.header.en.toUpperCase()} `));
        const rows = zh.slice(1).map((row) => order.map((i) => row[i]));
        const read = readTable(spec, [header, ...rows]);
        expect(read.header.missing).toEqual([]);
        expect(read.rows.map((r) => r.cells.plannedDate)).toEqual(expected);
      }),
    );
  });

  it('skips blank rows and reports the sheet row of each data row', () => {
    const read = readTable(tabSpec('team'), [['Name', 'Email'], ['Zhang', 'z@example.com'], ['', ''], ['  ', ''], ['Li', '']]);
    expect(read.rows.map((r) => [r.row, r.cells.name])).toEqual([[2, 'Zhang'], [5, 'Li']]);
  });

  it('keeps text that looks like a formula as text when written back', () => {
    expect(asLiteral('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    expect(asLiteral('+86 21 5555')).toBe("'+86 21 5555");
    expect(asLiteral('@channel')).toBe("'@channel");
    expect(asLiteral('Plan')).toBe('Plan');
    expect(asLiteral(45)).toBe(45);
  });

  it('names columns as A1 letters', () => {
    expect([1, 26, 27, 52, 702, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA']);
  });
});

describe('set-up restores the template formulas a typed value replaced or blocks, and says so', () => {
  const first = applyToStates(planSetup({}, 'en').actions, {});
  const at = (tab: TabKey, key: string): number => tabSpec(tab).columns.findIndex((c) => c.key === key) + 1;
  const achievement = at('evaluation', 'achievement');
  const status = at('evaluation', 'status');
  const letter = columnLetter(achievement);

  /** The Evaluation tab as read: `cells` set at (row, column) with the given value and formula. */
  function evaluationWith(cells: readonly [number, number, CellValue, string][]): Partial<Record<TabKey, TabState>> {
    const state = first.evaluation!;
    const top = state.top.map((r) => [...r]);
    const topFormulas = state.topFormulas.map((r) => [...r]);
    for (const [row, column, value, formula] of cells) {
      while (top.length < row) top.push(top[0]!.map(() => ''));
      while (topFormulas.length < row) topFormulas.push(top[0]!.map(() => ''));
      top[row - 1]![column - 1] = value;
      topFormulas[row - 1]![column - 1] = formula;
    }
    return { ...first, evaluation: { ...state, top, topFormulas, lastRow: top.length } };
  }
  const formulaOf = (column: number): string => first.evaluation!.topFormulas[1]![column - 1]!;

  it('a value typed over the Achievement formula: the formula is back, the typed value quoted in the summary (and so in the Log)', () => {
    const states = evaluationWith([[2, achievement, 0.9, '']]);
    const plan = planSetup(states, 'en');
    expect(plan.actions).toContainEqual({ kind: 'formula', tab: 'evaluation', row: 2, column: achievement, formula: formulaOf(achievement) });
    expect(plan.summary).toContain(`"Evaluation": restored the Achievement formula in ${letter}2 (the value typed over it was "0.9", kept in this Log entry)`);
    expect(planSetup(applyToStates(plan.actions, states), 'en').actions).toEqual([]);
    expect(planSetup(states, 'zh-CN').summary.join('\n')).toContain(`已恢复 ${letter}2 的“达成率”公式（该单元格原先手工输入的值为“0.9”，记录于此日志）`);
  });

  it('values typed below a formula that shows #REF! are cleared and quoted; the formula\'s own results are never touched', () => {
    const blocked = planSetup(evaluationWith([[2, status, '#REF!', formulaOf(status)], [5, status, 'On target', '']]), 'en');
    expect(blocked.actions).toEqual([{ kind: 'cells', tab: 'evaluation', row: 5, column: status, values: [['']] }]);
    expect(blocked.summary).toEqual([`"Evaluation": cleared "On target" typed in ${columnLetter(status)}5, which blocked the Status formula (kept in this Log entry)`]);
    // Blocked by a cell below the rows Set up reads: it says where to look.
    const further = planSetup(evaluationWith([[2, status, '#REF!', formulaOf(status)]]), 'en');
    expect(further.actions).toEqual([]);
    expect(further.summary).toEqual([`"Evaluation": the Status formula in ${columnLetter(status)}2 shows #REF!: a value typed in column ${columnLetter(status)} below row 8 blocks it; clear that value`]);
    // Working: row 2 has the formula and a figure, the rows below hold its results (no formula of their own).
    const working = evaluationWith([[2, achievement, 0.9, formulaOf(achievement)], [3, achievement, 1.075, ''], [4, achievement, 1.1, '']]);
    expect(planSetup(working, 'en')).toEqual({ actions: [], summary: [] });
  });

  it('a total typed over the Costs panel is replaced by its formula and quoted', () => {
    const costs = first.costs!;
    const panel = costs.top.findIndex((r) => r.includes('Total cost'));
    const column = costs.top[panel]!.indexOf('Total cost') + 2;
    const top = costs.top.map((r) => [...r]);
    const topFormulas = costs.topFormulas.map((r) => [...r]);
    const formula = topFormulas[panel]![column - 1]!;
    top[panel]![column - 1] = 28;
    topFormulas[panel]![column - 1] = '';
    const plan = planSetup({ ...first, costs: { ...costs, top, topFormulas } }, 'en');
    expect(plan.actions).toContainEqual({ kind: 'formula', tab: 'costs', row: panel + 1, column, formula });
    expect(plan.summary).toEqual([`"Costs": restored the Total cost formula in ${columnLetter(column)}${panel + 1} (the value typed over it was "28", kept in this Log entry)`]);
  });
});
