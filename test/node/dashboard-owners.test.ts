/**
 * The Dashboard's per-owner table and its "expected by today" figures, evaluated by HyperFormula (as Google Sheets
 * computes them) over the worked example and variants of it, against the core's own figures for the same day:
 * ownerPerformance (open and overdue tasks, last check-in: checks.isTaskOverdue, the one rule) and
 * progress.targetProgress (expected by today with Settings → Pacing and Work calendar).
 */
import fc from 'fast-check';
import { HyperFormula, type RawCellContent } from 'hyperformula';
import { WEEKLY_COLUMN_OF } from '../../src/core/catalogue';
import { DASHBOARD_NAME, DashboardPlan, planDashboard } from '../../src/core/dashboard';
import { exampleGrids } from '../../src/core/example';
import { Lang, pick } from '../../src/core/i18n';
import { RawWorkbook, Workbook, readWorkbook } from '../../src/core/model';
import { METRIC_STATUS, optionLabel } from '../../src/core/options';
import { OwnerPerformance, ownerPerformance } from '../../src/core/ownerPerformance';
import { findPerson } from '../../src/core/people';
import { targetProgress } from '../../src/core/progress';
import { SETTINGS, SettingKey, TABS, TabKey, tabSpec } from '../../src/core/schema';
import { columnLetter, mapHeaders } from '../../src/core/table';
import { CellValue, Day, dayFromIso, isoFromDay, utcDayOf } from '../../src/core/values';
import { GOOGLE_SHEETS_CONFIG } from '../../src/node/emulator/formulas';

const SERIAL_OF_EPOCH = 25569;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (iso: string): Day => dayFromIso(iso);
const dateOf = (iso: string): Date => new Date(day(iso) * 86_400_000);
const round = (v: unknown): unknown => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v);

/** The example's grids with every ISO day in a date column (and date settings) a Date, as Set up's loader writes them. */
function example(lang: Lang = 'en'): RawWorkbook {
  const grids = exampleGrids(lang) as Record<TabKey, CellValue[][]>;
  const out: Partial<Record<TabKey, CellValue[][]>> = {};
  for (const tab of TABS) {
    const grid = grids[tab.key];
    if (!grid) continue;
    const header = mapHeaders(tab, grid[0] ?? []);
    const dateColumns = new Set(tab.columns.filter((c) => c.type === 'date').map((c) => header.index.get(c.key)));
    out[tab.key] = grid.map((row, r) => row.map((cell, c) => {
      const isDate = tab.key === 'settings' ? SETTINGS[r - 1]?.type === 'date' && c === 1 : dateColumns.has(c);
      return r > 0 && isDate && typeof cell === 'string' && ISO_DAY.test(cell) ? dateOf(cell) : cell;
    }));
  }
  return out;
}

function setSetting(grids: RawWorkbook, key: SettingKey, value: CellValue): void {
  grids.settings![SETTINGS.findIndex((s) => s.key === key) + 1]![1] = value;
}

type TaskRow = Partial<Record<'task' | 'owner' | 'plannedDate' | 'status' | 'nextStepDue' | 'updated', CellValue>>;

/** Replaces the Tracking rows (below the header) with these. */
function setTasks(grids: RawWorkbook, tasks: readonly TaskRow[]): void {
  const grid = grids.tracking!;
  const header = mapHeaders(tabSpec('tracking'), grid[0] ?? []);
  grids.tracking = [grid[0]!, ...tasks.map((t) => {
    const line: CellValue[] = new Array(grid[0]!.length).fill('');
    for (const [key, value] of Object.entries(t)) line[header.index.get(key)!] = value ?? '';
    return line;
  })];
}

interface Built {
  readonly hf: HyperFormula;
  readonly plan: DashboardPlan;
  readonly workbook: Workbook;
  readonly sheet: number;
}

/** The Dashboard planned from the grids (with the Google Sheet's sources: letters from the headers, settings by label), in HyperFormula. */
function build(grids: RawWorkbook, lang: Lang = 'en'): Built {
  const workbook = readWorkbook(grids, { today: 0, dayOf: utcDayOf });
  const plan = planDashboard(workbook, {
    lang,
    tabName: (tab) => pick(tabSpec(tab).name, lang),
    letter: (tab, column) => {
      const at = mapHeaders(tabSpec(tab), grids[tab]?.[0] ?? []).index.get(column);
      return at === undefined ? null : columnLetter(at + 1);
    },
    settingRow: (key) => workbook.settings.rowOf[key] ?? null,
    settingLetter: 'B',
  });
  const cell = (v: CellValue): RawCellContent => (v instanceof Date ? v.getTime() / 86_400_000 + SERIAL_OF_EPOCH : v === '' ? null : v);
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const tab of TABS) {
    const grid = grids[tab.key];
    if (grid) sheets[pick(tab.name, lang)] = grid.map((row) => row.map(cell));
  }
  const dash: RawCellContent[][] = [];
  for (const c of plan.cells) {
    dash[c.row - 1] ??= [];
    dash[c.row - 1]![c.column - 1] = c.value;
  }
  sheets[pick(DASHBOARD_NAME, lang)] = Array.from({ length: dash.length }, (_, r) => Array.from({ length: plan.hiddenColumns.column + plan.hiddenColumns.count }, (_, c) => dash[r]?.[c] ?? null));
  const hf = HyperFormula.buildFromSheets(sheets, GOOGLE_SHEETS_CONFIG);
  return { hf, plan, workbook, sheet: hf.getSheetId(pick(DASHBOARD_NAME, lang))! };
}

/** Sets the Dashboard's Today cell (F2, =TODAY() on the sheet) to `today`; every formula refers to it. */
function at(b: Built, today: Day): void {
  b.hf.setCellContents({ sheet: b.sheet, row: 1, col: 5 }, today + SERIAL_OF_EPOCH);
}

function value(b: Built, row: number, column: number): unknown {
  const v = b.hf.getCellValue({ sheet: b.sheet, row: row - 1, col: column - 1 });
  if (typeof v === 'object' && v !== null) throw new Error(`Dashboard ${columnLetter(column)}${row}: ${JSON.stringify(v)}`);
  return v ?? ''; // an empty cell and a formula's "" both read as blank
}

/** A core figure as the Dashboard shows it: a number rounded, none as blank. */
function shown(v: number | null): unknown {
  return v === null ? '' : round(v);
}

/** The owner rows as the plan lays them out: the Goals rows with one owner, in Goals order (planDashboard's filter). */
function ownerRows(b: Built): { row: number; goalRow: number; owner: string; first: boolean }[] {
  const header = b.plan.cells.find((c) => c.column === 9 && c.style === 'header' && c.value === '="Overdue tasks"')!.row;
  const goals = b.workbook.goals.filter((g) => g.period?.kind === 'cycle' && g.owners.length === 1 && g.metricKey !== null
    && WEEKLY_COLUMN_OF[g.metricKey] !== undefined);
  const seen = new Set<string>();
  return goals.map((g, i) => {
    const owner = findPerson(b.workbook.team, g.owners[0]!)?.name ?? g.owners[0]!;
    const first = !seen.has(owner);
    seen.add(owner);
    return { row: header + 1 + i, goalRow: g.row, owner, first };
  });
}

const serialDay = (v: unknown): Day | null => (v === '' || v === null ? null : (v as number) - SERIAL_OF_EPOCH);

/** Every per-owner figure of the Dashboard against the core's for `today`; `blank` lists owners whose task figures must be blank. */
function expectOwnersMatch(b: Built, today: Day, blank: Partial<Record<string, readonly ('open' | 'overdue' | 'updated' | 'week')[]>> = {}): OwnerPerformance[] {
  at(b, today);
  const perf = ownerPerformance(b.workbook, today);
  const progress = targetProgress(b.workbook, today);
  const rows = ownerRows(b);
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) {
    const p = progress.find((x) => x.goalRow === r.goalRow)!;
    expect([r.owner, round(value(b, r.row, 5))]).toEqual([r.owner, shown(p.expected)]);
    if (value(b, r.row, 4) !== '') expect([r.owner, round(value(b, r.row, 6))]).toEqual([r.owner, shown(p.rate)]);
    if (!r.first) {
      expect([9, 10, 11].map((c) => value(b, r.row, c))).toEqual(['', '', '']);
      continue;
    }
    const o = perf.find((x) => x.owner === r.owner)!;
    const blanks = blank[r.owner] ?? [];
    const want = (figure: 'open' | 'overdue' | 'updated' | 'week', exact: unknown): unknown => (blanks.includes(figure) ? '' : exact);
    expect({
      owner: r.owner,
      open: value(b, r.row, 8),
      overdue: value(b, r.row, 9),
      updated: serialDay(value(b, r.row, 10)),
      week: serialDay(value(b, r.row, 11)),
    }).toEqual({
      owner: r.owner,
      open: want('open', o.openTasks),
      overdue: want('overdue', o.overdueTasks),
      updated: blanks.includes('updated') ? null : o.lastUpdated,
      week: blanks.includes('week') ? null : o.lastWeek,
    });
  }
  return perf;
}

/** The headline tiles' expected / progress / status and the cumulative revenue line against targetProgress for the same day. */
function expectPacingMatches(b: Built, today: Day): void {
  at(b, today);
  const progress = targetProgress(b.workbook, today).filter((p) => p.owner === null);
  for (const e of b.workbook.evaluation) {
    const tile = 7 + b.workbook.evaluation.indexOf(e);
    if (value(b, tile, 7) === '') continue; // not a cumulative figure: no expected by today
    const p = progress.find((x) => x.metricKey === e.metricKey)!;
    expect([e.metric, round(value(b, tile, 7)), round(value(b, tile, 8))]).toEqual([e.metric, shown(p.expected), shown(p.rate)]);
    const running = b.workbook.settings.cycleEnd !== null && today < b.workbook.settings.cycleEnd;
    if (running) expect([e.metric, value(b, tile, 5)]).toEqual([e.metric, optionLabel(METRIC_STATUS, p.status).en]);
  }
  const header = b.plan.cells.find((c) => c.value === '="Expected by week end"')!.row;
  const end = b.workbook.settings.cycleEnd!;
  for (let row = header + 1; typeof value(b, row, 1) === 'number'; row++) {
    const weekEnd = Math.min(serialDay(value(b, row, 1))! + 6, end);
    const revenue = targetProgress(b.workbook, weekEnd).find((p) => p.owner === null && p.metricKey === 'revenue')!;
    expect([isoFromDay(weekEnd), round(value(b, row, 3))]).toEqual([isoFromDay(weekEnd), shown(revenue.expected)]);
  }
}

const WANG = 'Wang*';
const ZHANG = 'Zhang*';

describe('the Dashboard\'s expected by today follows Settings → Pacing', () => {
  const days = ['2023-07-01', '2023-07-03', '2023-07-28', '2023-08-15', '2023-08-31', '2023-09-28', '2023-09-29', '2023-09-30', '2023-10-08'];

  test.each([
    ['Calendar days', 'None (Monday to Friday)'],
    ['Workdays', 'None (Monday to Friday)'],
    ['Workdays', 'China (mainland)'],
    ['工作日', '中国大陆'],
  ])('Pacing %s, Work calendar %s: tiles, the cumulative line and owner rows agree with targetProgress', (pacing, calendar) => {
    const grids = example();
    setSetting(grids, 'pacing', pacing);
    setSetting(grids, 'workCalendar', calendar);
    const b = build(grids);
    for (const iso of days) {
      expectPacingMatches(b, day(iso));
      expectOwnersMatch(b, day(iso));
    }
    b.hf.destroy();
  });

  test('workdays pacing differs from calendar days where it should (not a test that cannot fail)', () => {
    const calendar = build(example());
    const grids = example();
    setSetting(grids, 'pacing', 'Workdays');
    setSetting(grids, 'workCalendar', 'China (mainland)');
    const workdays = build(grids);
    at(calendar, day('2023-09-28'));
    at(workdays, day('2023-09-28'));
    // New customers' September target (17) by Thursday 28 September: 28/30 of it by calendar days, 20/20 workdays
    // (the 29th is the Mid-autumn holiday): the whole month is expected by the last workday before it.
    expect(round(value(calendar, 7, 7))).toBe(round(15 + 18 + 17 * 28 / 30));
    expect(round(value(workdays, 7, 7))).toBe(round(15 + 18 + 17 * 20 / 20));
    calendar.hf.destroy();
    workdays.hf.destroy();
  });

  test('a cycle through the National Day holiday, with the 7 and 8 October make-up days', () => {
    const grids = example();
    setSetting(grids, 'pacing', 'Workdays');
    setSetting(grids, 'workCalendar', 'China (mainland)');
    setSetting(grids, 'cycleStart', dateOf('2023-08-01'));
    setSetting(grids, 'cycleEnd', dateOf('2023-10-31'));
    const b = build(grids);
    const figures: unknown[] = [];
    for (const iso of ['2023-09-28', '2023-09-29', '2023-10-01', '2023-10-06', '2023-10-07', '2023-10-08', '2023-10-09', '2023-10-31']) {
      expectPacingMatches(b, day(iso));
      expectOwnersMatch(b, day(iso));
      figures.push(round(value(b, 8, 7)));
    }
    // Revenue expected (no monthly targets: the cycle target pro rata by workdays) stands still over the holiday and
    // moves on the make-up Saturday and Sunday.
    expect(figures[1]).toBe(figures[2]);
    expect(figures[2]).toBe(figures[3]);
    expect(Number(figures[4])).toBeGreaterThan(Number(figures[3]));
    expect(Number(figures[5])).toBeGreaterThan(Number(figures[4]));
    b.hf.destroy();
  });
});

describe('the Dashboard\'s overdue tasks and last check-in per owner', () => {
  const tasks: TaskRow[] = [
    { task: 'Overdue', owner: WANG, plannedDate: dateOf('2023-09-20'), status: 'In progress', updated: new Date('2023-09-21T08:30:00Z') },
    { task: 'Not yet due', owner: WANG, plannedDate: dateOf('2023-10-20'), status: 'Not started' },
    { task: 'Done late', owner: WANG, plannedDate: dateOf('2023-09-01'), status: 'done', updated: new Date('2023-09-25T10:00:00Z') },
    { task: 'Due the day before the holiday', owner: WANG, plannedDate: dateOf('2023-09-28'), status: '' },
    { task: 'Next step due later', owner: WANG, plannedDate: dateOf('2023-09-01'), nextStepDue: dateOf('2023-10-09'), status: '进行中' },
    { task: 'No date', owner: WANG, status: 'Blocked' },
  ];

  test.each(['None (Monday to Friday)', 'China (mainland)'])('Work calendar %s: exact counts around National Day', (calendar) => {
    const grids = example();
    setSetting(grids, 'workCalendar', calendar);
    setTasks(grids, tasks);
    const b = build(grids);
    const counts: number[] = [];
    for (const iso of ['2023-09-20', '2023-09-21', '2023-09-28', '2023-09-29', '2023-10-02', '2023-10-06', '2023-10-07', '2023-10-08', '2023-10-09', '2023-10-10', '2023-10-23']) {
      const perf = expectOwnersMatch(b, day(iso));
      counts.push(perf.find((o) => o.owner === WANG)!.overdueTasks);
      // Zhang* has targets but no task: 0 open, 0 overdue, no update.
      expect(perf.find((o) => o.owner === ZHANG)).toMatchObject({ openTasks: 0, overdueTasks: 0, lastUpdated: null });
    }
    // The task due on 28 September is late from the 29th by calendar days; with the China calendar only once a
    // workday has passed: the make-up Saturday, 7 October.
    expect(counts).toEqual(calendar === 'China (mainland)' ? [0, 1, 1, 1, 1, 1, 2, 2, 2, 3, 4] : [0, 1, 1, 2, 2, 2, 2, 2, 2, 3, 4]);
    const wang = ownerRows(b).find((r) => r.owner === WANG && r.first)!;
    expect(serialDay(value(b, wang.row, 10))).toBe(day('2023-09-25'));
    b.hf.destroy();
  });

  test('a due cell typed as a range, a Status with a space, an owner named among others: blank, never a guess', () => {
    const grids = example();
    setSetting(grids, 'workCalendar', 'China (mainland)');
    setTasks(grids, [...tasks, { task: 'Three-day show', owner: WANG, plannedDate: '2023-10-10-12', status: 'In progress' }]);
    let b = build(grids);
    // The core reads the range (due on the 12th); a formula cannot: Wang*'s overdue count is blank, the rest exact.
    const perf = expectOwnersMatch(b, day('2023-10-16'), { [WANG]: ['overdue'] });
    expect(perf.find((o) => o.owner === WANG)!.overdueTasks).toBe(4);
    b.hf.destroy();

    // The same range on a done task does not matter.
    setTasks(grids, [...tasks, { task: 'Three-day show', owner: WANG, plannedDate: '2023-10-10-12', status: 'Done' }]);
    b = build(grids);
    expectOwnersMatch(b, day('2023-10-16'));
    b.hf.destroy();

    // " Done" is Done to the core; COUNTIFS cannot trim it: open and overdue blank.
    setTasks(grids, [...tasks, { task: 'Spaced', owner: WANG, plannedDate: dateOf('2023-09-01'), status: ' Done' }]);
    b = build(grids);
    expectOwnersMatch(b, day('2023-10-16'), { [WANG]: ['open', 'overdue'] });
    b.hf.destroy();

    // A task of two owners: both owners' task figures are blank (the summary and the report split the cell).
    setTasks(grids, [...tasks, { task: 'Joint visit', owner: `${ZHANG}、${WANG}`, plannedDate: dateOf('2023-09-01'), status: 'In progress', updated: dateOf('2023-10-01') }]);
    b = build(grids);
    expectOwnersMatch(b, day('2023-10-16'), { [WANG]: ['open', 'overdue', 'updated'], [ZHANG]: ['open', 'overdue', 'updated'] });
    b.hf.destroy();
  });

  test('last Weekly log: the latest week the owner reported up to today, blank when a row names them among others', () => {
    const grids = example();
    let b = build(grids);
    for (const iso of ['2023-06-30', '2023-07-03', '2023-07-28', '2023-08-20', '2023-10-08']) expectOwnersMatch(b, day(iso));
    at(b, day('2023-10-08'));
    expect(ownerPerformance(b.workbook, day('2023-10-08')).find((o) => o.owner === WANG)!.lastWeek).not.toBeNull();
    b.hf.destroy();
    const weekly = grids.weekly!;
    const owner = mapHeaders(tabSpec('weekly'), weekly[0] ?? []).index.get('owner')!;
    weekly[1]![owner] = `${WANG}, ${ZHANG}`;
    b = build(grids);
    expectOwnersMatch(b, day('2023-10-08'), { [WANG]: ['week'], [ZHANG]: ['week'] });
    b.hf.destroy();
  });

  test('in Chinese, with the Chinese labels of Settings', () => {
    const grids = example('zh-CN');
    setSetting(grids, 'pacing', '工作日');
    setSetting(grids, 'workCalendar', '中国大陆');
    const b = build(grids, 'zh-CN');
    const header = b.plan.cells.find((c) => c.value === '="逾期任务"');
    expect(header).toBeDefined();
    expect(b.plan.cells.filter((c) => c.row === header!.row && c.style === 'header').map((c) => c.value.slice(2, -1)))
      .toEqual(['责任人', '指标', '目标值', '截至今日实际', '截至今日应完成', '进度（对比应完成）', '进度条', '未完成任务', '逾期任务', '最近更新', '最近周报']);
    b.hf.destroy();
  });

  test('every formula stays under Excel\'s 8,192 characters', () => {
    const grids = example();
    const { plan, hf } = build(grids);
    expect(Math.max(...plan.cells.map((c) => c.value.length))).toBeLessThan(8192);
    hf.destroy();
  });

  test('property: the overdue count is checks.isTaskOverdue\'s, whatever the due dates, today and calendar', () => {
    const grids = example();
    const dayIn = fc.integer({ min: day('2023-09-15'), max: day('2023-10-20') });
    const cellDay = fc.option(dayIn.map((d) => new Date(d * 86_400_000) as CellValue), { nil: '' as CellValue });
    const task = fc.record({
      owner: fc.constantFrom(WANG, ZHANG, 'wang*'),
      plannedDate: cellDay,
      nextStepDue: cellDay,
      status: fc.constantFrom('', 'Done', 'DONE', '已完成', 'completed', 'In progress', 'Blocked', '完成'),
    });
    fc.assert(fc.property(fc.array(task, { maxLength: 6 }), dayIn, fc.constantFrom('None (Monday to Friday)', 'China (mainland)', 'cn', ''), (rows, today, calendar) => {
      setTasks(grids, rows.map((r, i) => ({ task: `Task ${i}`, ...r })));
      setSetting(grids, 'workCalendar', calendar);
      const b = build(grids);
      try {
        expectOwnersMatch(b, today);
      } finally {
        b.hf.destroy();
      }
    }), { numRuns: 40 });
  });
});
