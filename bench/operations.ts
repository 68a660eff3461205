/**
 * Every operation of the product run from the built bundle in the emulator, on a seeded sheet of 10, 1,000 and
 * 10,000 tracking rows whose dates spread over a whole year: its service calls (every service, date look-ups
 * included), its floor (the fewest calls the operation can physically make, defined per operation below) and
 * its modelled Apps Script time (the emulator's latency model plus the script's own CPU time).
 */
import { readFileSync } from 'node:fs';
import { Emulator } from '../src/node/emulator';
import { isLocalCall } from '../src/node/emulator/runtime';
import { ColumnSpec } from '../src/core/schema';
import { setupTabs } from '../src/core/setup';
import { BUNDLE_PATH, setMetrics } from './common';
import { rollupWorld } from './rollup';

export const ROW_COUNTS = [10, 1_000, 10_000] as const;

/** The example's cycle is 2023 Q3; "now" is a Friday inside it. */
const NOW = new Date('2023-07-28T09:00:00+08:00');
const DAY_MS = 86_400_000;
/** 2023-01-01 00:00 in Shanghai: the planned dates run over the whole of 2023. */
const YEAR_START = Date.parse('2022-12-31T16:00:00Z');
/** Updated stamps: distinct instants over the year before now, as onEdit leaves them. */
const STAMPS_START = NOW.getTime() - 365 * DAY_MS;

const OWNERS = ['Zhang*', 'Li*', 'Wang*'];

/** n generated tracking rows, dates over a year (one planned date per row, a distinct Updated instant per row). */
export function yearOfTrackingRows(n: number): unknown[][] {
  return Array.from({ length: n }, (_, i) => [
    'Execute', `Generated task ${i + 1}`, OWNERS[i % OWNERS.length]!, new Date(YEAR_START + (i % 365) * DAY_MS),
    i % 4 === 0 ? 'Done' : 'In progress', '', '', '', `Next step ${i + 1}`, '', i % 5 === 0 ? 'Daily' : 'Weekly',
    new Date(STAMPS_START + ((i * 7_919_993) % (365 * DAY_MS))),
  ]);
}

/** Appends rows to Tracking in one write (outside any measured run). */
export function appendTracking(emulator: Emulator, rows: unknown[][]): void {
  if (rows.length === 0) return;
  const sheet = emulator.spreadsheet.getSheetByName('Tracking')!;
  const first = sheet.getLastRow() + 1;
  const last = first + rows.length - 1;
  if (last > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), last - sheet.getMaxRows());
  sheet.getRange(first, 1, rows.length, rows[0]!.length).setValues(rows);
}

/** The example set up and filled, with `rows` tracking rows in all (the example's 3 tasks included). */
export function seeded(rows: number, now = NOW, userEmail?: string): Emulator {
  const emulator = new Emulator({ now, ...(userEmail ? { userEmail } : {}) });
  emulator.loadBundle(readFileSync(BUNDLE_PATH, 'utf8'));
  emulator.call('menuSetupSheets');
  emulator.call('menuLoadExample');
  appendTracking(emulator, yearOfTrackingRows(Math.max(rows - 3, 0)));
  return emulator;
}

export interface Measured {
  calls: number;
  byKey: Record<string, number>;
  modelledMs: number;
  cpuMs: number;
}

/** Runs `run` with the counter reset: every call it makes, the modelled service time and the script's CPU time. */
export function measureRun(emulator: Emulator, run: () => void): Measured {
  // Formulas recomputed first, as Sheets has them when the script starts; recomputing after the script's own writes
  // is Sheets' work too, not the script's (rt.hostCpuMs).
  emulator.recalculate();
  emulator.calls.reset();
  emulator.rt.hostCpuMs = 0;
  const cpu = process.cpuUsage();
  run();
  const used = process.cpuUsage(cpu);
  const host = emulator.rt.hostCpuMs;
  return {
    calls: emulator.calls.serviceCalls(),
    byKey: emulator.calls.snapshot(),
    modelledMs: emulator.modelledMs(),
    cpuMs: Math.max(0, (used.user + used.system) / 1000 - host),
  };
}

export interface Operation {
  name: string;
  /** What the operation does, for the table. */
  title: string;
  /** Prepares an emulator of `rows` tracking rows and returns the run to measure. */
  prepare(rows: number): { emulator: Emulator; run: () => void };
}

const entry = (emulator: Emulator, fn: string, ...args: unknown[]) => () => { emulator.call(fn, ...args); };

export const OPERATIONS: Operation[] = [
  {
    name: 'open', title: 'opening the sheet (onOpen: menu + Goals progress)',
    prepare: (rows) => { const e = seeded(rows); return { emulator: e, run: () => e.fireOnOpen() }; },
  },
  {
    name: 'setup', title: 'set-up, first run on a blank spreadsheet',
    prepare: () => {
      const e = new Emulator({ now: NOW });
      e.loadBundle(readFileSync(BUNDLE_PATH, 'utf8'));
      return { emulator: e, run: entry(e, 'menuSetupSheets') };
    },
  },
  { name: 'setupAgain', title: 'set-up, second run (nothing to change)', prepare: (rows) => { const e = seeded(rows); return { emulator: e, run: entry(e, 'menuSetupSheets') }; } },
  { name: 'check', title: 'Check data', prepare: (rows) => { const e = seeded(rows); return { emulator: e, run: entry(e, 'menuCheckData') }; } },
  {
    name: 'report', title: 'Generate report (after the cycle)',
    prepare: (rows) => { const e = seeded(rows, new Date('2023-10-08T10:00:00+08:00')); return { emulator: e, run: entry(e, 'menuGenerateReport') }; },
  },
  {
    // Issue #14: the report of a large plan, 100 Evaluation metrics, stays far within Apps Script's 6 minutes.
    name: 'report100', title: 'Generate report with 100 Evaluation metrics (after the cycle)',
    prepare: (rows) => {
      const e = seeded(rows, new Date('2023-10-08T10:00:00+08:00'));
      setMetrics(e, 100);
      return { emulator: e, run: entry(e, 'menuGenerateReport') };
    },
  },
  { name: 'remindWeekly', title: 'Send reminders now (weekly digest)', prepare: (rows) => { const e = seeded(rows); return { emulator: e, run: entry(e, 'menuSendRemindersNow') }; } },
  {
    name: 'remindDaily', title: 'daily reminder trigger on a non-Friday',
    prepare: (rows) => {
      const e = seeded(rows, new Date('2023-07-26T15:00:00+08:00'));
      e.call('menuTurnRemindersOn');
      e.clock.set(new Date('2023-07-27T09:00:00+08:00'));
      return {
        emulator: e,
        run: () => { if (e.fireTimeTriggers().length !== 1) throw new Error('the daily trigger did not fire once'); },
      };
    },
  },
  {
    name: 'rollover', title: 'Start next cycle',
    prepare: (rows) => { const e = seeded(rows, new Date('2023-10-08T10:00:00+08:00')); return { emulator: e, run: entry(e, 'menuStartNextCycle') }; },
  },
  {
    name: 'checkIn', title: 'My week: load, then save one task and two weekly rows',
    prepare: (rows) => {
      const e = seeded(rows, NOW, 'wang@example.com');
      return {
        emulator: e,
        run: () => {
          const view = e.call('myWeekLoad', { owner: 'Wang*' }) as {
            tasks: { row: number; key: string; values: { problem: string } }[];
            weekly: { row: number | null; key: string; channel: string }[];
          };
          const task = view.tasks[0]!;
          e.call('myWeekSave', {
            owner: 'Wang*', week: '2023-07-24',
            tasks: [{ row: task.row, key: task.key, changes: { problem: { from: task.values.problem, to: 'Two customers on hold' } } }],
            weekly: view.weekly.slice(0, 2).map((w, i) => ({ row: w.row, key: w.key, channel: w.channel, changes: { visits: { from: w.row === null ? '' : '16', to: String(20 + i) } } })),
          });
        },
      };
    },
  },
  {
    name: 'rollupRefresh', title: 'Refresh regions in a roll-up of 2 regions, each with the tracking rows',
    prepare: (rows) => {
      const e = rollupWorld(2, Math.max(rows - 3, 0));
      return { emulator: e, run: entry(e, 'menuRefreshRegions') };
    },
  },
  ...(['plan', 'weeklySheet', 'playbook'] as const).map((name): Operation => ({
    name, title: `the ${name} document`,
    prepare: (rows) => {
      const e = seeded(rows, new Date('2023-10-08T10:00:00+08:00'));
      return { emulator: e, run: entry(e, { plan: 'menuGeneratePlan', weeklySheet: 'menuWeeklySheet', playbook: 'menuPlaybookManual' }[name]) };
    },
  })),
];

/** Prints each operation's calls by method at one size (npm run bench -- --calls open 10000). */
export function dumpCalls(name: string, rows: number): void {
  const op = OPERATIONS.find((o) => o.name === name);
  if (!op) throw new Error(`no operation ${name}: ${OPERATIONS.map((o) => o.name).join(', ')}`);
  const { emulator, run } = op.prepare(rows);
  const m = measureRun(emulator, run);
  console.log(`${name} at ${rows} rows: ${m.calls} calls, ${Math.round(m.modelledMs)} ms modelled, ${Math.round(m.cpuMs)} ms CPU`);
  for (const [k, v] of Object.entries(m.byKey).sort((a, b) => b[1] - a[1])) console.log(`${String(v).padStart(6)}  ${k}${isLocalCall(k) ? '  (local)' : ''}`);
}

if (require.main === module) {
  const [name = 'open', rows = '10'] = process.argv.slice(2);
  dumpCalls(name, Number(rows));
}

/**
 * What set-up must verify of each tab besides its values, to repair it: Apps Script answers each of these with a
 * call of its own, per tab and never for several tabs at once (Sheet.getFrozenRows, Range.getDataValidations,
 * Range.getNumberFormats, Sheet.getConditionalFormatRules, Range.getFormulas; README "Performance"). Counted
 * from the schema: only the tabs that have the property are asked.
 */
function setupVerifies(): Record<string, number> {
  const tabs = setupTabs('tracker');
  const having = (test: (column: ColumnSpec) => boolean): number => tabs.filter((t) => t.columns.some(test)).length;
  return {
    'frozen header row (every tab)': tabs.length,
    'drop-downs of row 2 (tabs with an option column)': having((c) => c.options !== undefined && !c.computed),
    'number formats of row 2 (tabs with a formatted column)': having((c) => c.numberFormat !== undefined),
    'status colours (tabs with a status column, and the Dashboard)': tabs.filter((t) => t.statusColumn).length + 1,
    'template formulas (Evaluation, Costs, Dashboard)': 3,
  };
}

/**
 * The Dashboard's charts and status colours, compared with the plan before anything is replaced: getCharts,
 * then per chart its position, options and range (EmbeddedChart.getContainerInfo, getOptions, getRanges, and the
 * range's A1 notation), and per status rule its range's A1 notation (ConditionalFormatRule.getRanges is local).
 */
function dashboardVerifies(m: Measured): Record<string, number> {
  const charts = m.byKey['EmbeddedChart.getRanges'] ?? 0;
  return { "the Dashboard's charts and status rules": 1 + 4 * charts + (m.byKey['ConditionalFormatRule.getRanges'] ?? 0) };
}

/** Calls of these services are Google Docs calls (the report's document). */
const DOCS = /^(DocumentApp|Document|Body|Paragraph|ListItem|Table|TableRow|TableCell|Text|InlineImage|HorizontalRule|PageBreak|FooterSection|HeaderSection)\./;

export interface FloorTerms {
  /** The terms and their counts, for the README and the JSON. */
  terms: Record<string, number>;
  floor: number;
}

/**
 * The floor: the fewest service calls the operation can make with Apps Script's services, given what it must
 * read and change (README "Performance"): a run's look-ups (the spreadsheet, its tab list, each tab's name,
 * the time zone and locale, the zone's offset at the data's earliest and latest dates), one read per tab used
 * (and one for the number formats of a tab whose figures are read as shown), one write per range changed,
 * one Docs call per document element, plus the calls the operation's purpose is (menu, dialog, lock, consent,
 * properties, mail).
 */
export function floorOf(name: string, m: Measured, tabs: number): FloorTerms {
  const k = (key: string): number => m.byKey[key] ?? 0;
  const sum = (re: RegExp): number => Object.entries(m.byKey).filter(([key]) => re.test(key)).reduce((n, [, v]) => n + v, 0);
  const run = { 'spreadsheet, tab list, tab names': 2 + tabs, 'time zone, locale': 2, 'zone offset at earliest and latest date': 2 };
  const consent = { 'granted scopes (menu items)': 2 };
  const lock = { 'document lock': 3 };
  const writes = { 'writes (one per range changed)': sum(/^(Range|Sheet|Spreadsheet)\.(set|insert|delete|append|clear|copy|hide|show|merge|sort|add|remove|protect)/) };
  const terms: Record<string, number> = (() => {
    switch (name) {
      case 'open': return { ...run, 'reads: Settings, Goals (+formats), Evaluation (+formats), Weekly (+formats), Team': 8, ...writes, 'menu (getUi, addToUi)': 2 };
      case 'setup': return { 'spreadsheet, tab list, tab names': 3, 'time zone, locale': 2, ...consent, ...lock, ...writes, 'menu, alert': 4 };
      case 'setupAgain': return { ...run, ...consent, ...lock, 'one read per tab': tabs, ...setupVerifies(), ...dashboardVerifies(m), 'menu, alert': 4 };
      case 'check': return {
        ...run, ...consent, 'reads: every tab but Log (+formats of 5, formulas of Evaluation and Costs)': tabs - 1 + 5 + 2, ...writes, 'user, dialog': 4,
      };
      case 'report':
      case 'report100': return {
        ...run, ...consent, 'reads: the report tabs (+formats)': 8 + 4, 'Docs: one per element': sum(/^Body\.append|^Body\.insert/),
        'Docs: create, save, page, header, footer': 12, 'Docs: one style per table (row attribute map)': k('Body.appendTable'),
        'Docs: column widths (DocumentApp sets one column at a time)': k('Table.setColumnWidth'),
        'Docs: headings and notes styled': k('Paragraph.setHeading') + k('Text.setItalic') + k('Paragraph.setAttributes'),
        'Docs: status cell backgrounds': k('TableCell.setBackgroundColor'), 'charts and files': sum(/^(Charts|EmbeddedChart|DriveApp|File|Folder|Blob)\./),
        'properties, alert': 3,
      };
      case 'remindWeekly':
      case 'remindDaily': return {
        ...run, ...(name === 'remindWeekly' ? consent : {}), ...lock,
        // The managers' summary lists Check data's problems, which cover every tab (gas/reminders.ts READ_TABS).
        'reads: every tab but Log and Roll-up data (+formats of Goals, Strategy, Weekly, Evaluation, Costs)': (tabs - 3) + 5,
        "reads: the progress history's recent rows (week-over-week, today's snapshot)": 1,
        ...(name === 'remindWeekly' ? { 'reads before the lock: Settings and Team, for the recipients to confirm': 2 } : {}),
        ...writes, 'Log: its header row, to place the entry': 1, 'links to Tracking, Retrospective, Weekly (one Sheet.getSheetId each)': 3,
        'mail (quota + one per email)': 1 + k('MailApp.sendEmail'), 'properties (status, ledger)': 4, 'users, url, alert': 4,
      };
      case 'rollover': return {
        ...run, ...consent, ...lock, 'reads: every tab (+formats, formulas)': 2 * (tabs - 1), ...writes, 'properties, alert': 4,
      };
      case 'rollupRefresh': return { ...run, ...consent, ...lock, 'reads: Settings, Regions, Region imports (+formats)': 4, ...writes, 'alert': 1 };
      case 'plan':
      case 'weeklySheet':
      case 'playbook': return {
        ...run, ...consent, 'reads: the tabs the document shows (+formats)': sum(/^Range\.(getValues|getNumberFormats)$/),
        'Docs: one per element': sum(/^Body\.append|^Body\.insert/), 'Docs: create, save, page, header, footer': 12,
        'Docs: one style per table (row attribute map)': k('Body.appendTable'), 'Docs: column widths': k('Table.setColumnWidth'),
        'Docs: status cell backgrounds': k('TableCell.setBackgroundColor'), 'Docs: headings and notes styled': k('Paragraph.setHeading') + k('Text.setItalic') + k('Paragraph.setAttributes'),
        'charts and files': sum(/^(Charts|EmbeddedChart|DriveApp|Drive|File|Folder|Blob)\./), 'properties, alert': 3,
      };
      // Two executions (the sidebar's load, then its save: google.script.run starts each with fresh globals), so the
      // run's look-ups are made twice; the save reads the form's tabs again under the lock, with the formulas of the
      // two tabs it writes (a formula cell is never overwritten), and reads the tabs it wrote once more to answer.
      case 'checkIn': return {
        ...run, 'the second execution: spreadsheet, tab list, tab names, time zone, locale, zone offsets': 6 + tabs, ...lock,
        'reads, load: Settings, Team, Tracking, Weekly (+formats), Strategy (+formats)': 7,
        'reads, save: the same under the lock, and the formulas of Tracking and Weekly': 7 + 2,
        'reads, the form as saved: the tabs written again (Tracking, Weekly +formats)': 3, ...writes, 'users (active user, each execution)': 4,
      };
      default: return { ...run };
    }
  })();
  return { terms, floor: Object.values(terms).reduce((a, b) => a + b, 0) };
}

export interface OperationResult {
  rows: number;
  calls: number;
  floor: number;
  modelledMs: number;
  dateLookups: number;
  docsCalls: number;
}

/** One operation at one size: calls, floor and modelled time (latency model + the script's CPU time). */
export function runOperation(op: Operation, rows: number): OperationResult & { terms: Record<string, number> } {
  const { emulator, run } = op.prepare(rows);
  const m = measureRun(emulator, run);
  const { floor, terms } = floorOf(op.name, m, emulator.spreadsheet.getSheets().length);
  const docsCalls = Object.entries(m.byKey).filter(([key]) => DOCS.test(key)).reduce((n, [, v]) => n + v, 0);
  return {
    rows, calls: m.calls, floor, modelledMs: Math.round(m.modelledMs + m.cpuMs), dateLookups: m.byKey['Utilities.formatDate'] ?? 0, docsCalls, terms,
  };
}
