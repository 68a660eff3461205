/**
 * Offline `report` on a big workbook (10,000 Tracking rows, 5,000 Weekly log rows), as a ratio to the time
 * exceljs alone takes to load the same file: the report's own work (reading cells, checks, the model, the
 * .docx) should add little to the unavoidable cost of unzipping and parsing the .xlsx.
 *
 * Where the time goes is measured inside the real `report` run, not on warmed-up pieces run apart: the
 * command's progress lines (which a long file prints anyway) are time-stamped, so the phases add up to the
 * run's total with nothing left unaccounted, garbage collection included (it is billed to the phase in
 * which it happens). Load-alone and report runs alternate, each after a full collection, so that a busy
 * machine or the previous run's garbage weighs on both alike.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { EXAMPLE_OWNERS } from '../src/core/example';
import { TASK_STATUS, FREQUENCY } from '../src/core/options';
import { tabSpec } from '../src/core/schema';
import { dayFromIso, isoFromDay } from '../src/core/values';
import { main } from '../src/node/cli';
import { CLI, say } from '../src/node/cli/text';
import { buildTemplate } from '../src/node/xlsx/template';

export const TRACKING_ROWS = 10_000;
export const WEEKLY_ROWS = 5_000;
const RUNS = 5;

/** The English example template with the Tracking and Weekly log tabs grown to the benchmark's size. */
export async function writeBigWorkbook(path: string, trackingRows = TRACKING_ROWS, weeklyRows = WEEKLY_ROWS): Promise<void> {
  const wb = buildTemplate({ lang: 'en', example: true });
  const owners = Object.values(EXAMPLE_OWNERS).map((o) => o.en);
  const start = dayFromIso('2023-07-03');
  const end = dayFromIso('2023-09-30');
  const tracking = wb.getWorksheet(tabSpec('tracking').name.en)!;
  const trackingKeys = tabSpec('tracking').columns.map((c) => c.key);
  for (let i = tracking.rowCount; i <= trackingRows; i++) {
    const planned = start + (i % 90);
    const cells: Record<string, ExcelJS.CellValue> = {
      stage: i % 2 ? 'Execute' : 'Plan', task: `Task ${i}: visit prospect ${i % 700}`, owner: owners[i % owners.length]!,
      // Every accepted date form appears: real dates, ISO text and ranges.
      plannedDate: i % 3 === 0 ? new Date(planned * 86_400_000) : i % 3 === 1 ? isoFromDay(planned) : `${isoFromDay(planned)} to ${isoFromDay(planned + 2)}`,
      // Most tasks are done, as in a cycle that is nearly over; the rest are open in every way.
      status: TASK_STATUS.options[i % 5 === 0 ? i % TASK_STATUS.options.length : 2]!.label.en, progress: `${i % 100}% done`,
      problem: i % 5 === 0 ? 'Decision cycle is long' : '', solution: '', nextStep: i % 4 === 0 ? 'Follow up' : '',
      nextStepDue: i % 4 === 0 ? new Date((planned + 7) * 86_400_000) : null, frequency: FREQUENCY.options[i % 3]!.label.en,
      updated: new Date((end - (i % 20)) * 86_400_000),
    };
    tracking.addRow(trackingKeys.map((k) => cells[k] ?? null));
  }
  const weekly = wb.getWorksheet(tabSpec('weekly').name.en)!;
  const weeklyKeys = tabSpec('weekly').columns.map((c) => c.key);
  for (let i = weekly.rowCount; i <= weeklyRows; i++) {
    const cells: Record<string, ExcelJS.CellValue> = {
      week: new Date((start + 7 * (i % 13)) * 86_400_000), owner: owners[i % owners.length]!, channel: 'Trade shows',
      visits: i % 7, leads: i % 2 ? `${i % 9}条` : i % 9, newCustomers: i % 3 === 0 ? 1 : 0, revenue: i % 10 === 0 ? '1.5万' : 0.5,
      cost: '', eventParticipants: i % 11, note: '',
    };
    weekly.addRow(weeklyKeys.map((k) => cells[k] ?? null));
  }
  await wb.xlsx.writeFile(path);
}

/** A full garbage collection (the flag can be set at run time; the function comes from a fresh context). */
function fullGc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Collects the duration of every garbage collection, by start time. */
function gcRecorder(): { within(from: number, to: number): number; stop(): void } {
  const spans: [number, number][] = [];
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) spans.push([e.startTime, e.duration]); });
  observer.observe({ entryTypes: ['gc'] });
  return {
    within: (from, to) => spans.filter(([start]) => start >= from && start < to).reduce((sum, [, d]) => sum + d, 0),
    stop: () => observer.disconnect(),
  };
}

/** Lets pending gc entries reach the observer. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

/**
 * The phases of a report run, each ending at the first progress or result line (English) that marks its end:
 * the load at the first sheet's line (printed once exceljs has read the file), the grids at "Checking…".
 */
const PHASES: readonly { name: string; endsAt: (line: string) => boolean }[] = [
  { name: 'exceljs load (inside report)', endsAt: (l) => /^ {2}\S.*: [\d,]+ rows$/.test(l) },
  { name: 'cells → raw grids', endsAt: (l) => l.startsWith('Checking ') },
  { name: 'parse + checks + wording', endsAt: (l) => l === say(CLI.building, 'en') },
  { name: 'report model', endsAt: (l) => l.startsWith('Writing ') },
  { name: '.docx render + pack + write', endsAt: (l) => l.startsWith('Wrote ') && l.endsWith('.') && !l.includes('JSON') },
  { name: 'JSON summary', endsAt: (l) => l.includes('(JSON summary)') },
  { name: 'problem list (100 of them)', endsAt: (l) => /problems in the data/.test(l) },
];

interface ReportRun { total: number; gc: number; lines: number; phases: { name: string; ms: number; gc: number }[] }

async function timedReport(args: readonly string[], cwd: string, gc: ReturnType<typeof gcRecorder>): Promise<ReportRun & { code: number }> {
  const marks: { at: number; line: string }[] = [];
  const record = (text: string): void => { marks.push({ at: performance.now(), line: text.split('\n')[0]! }); };
  const start = performance.now();
  const code = await main(args, { out: record, err: record, env: { LANG: 'en_US.UTF-8' }, cwd, now: () => new Date() });
  const end = performance.now();
  await settle();
  const phases: ReportRun['phases'] = [];
  let from = start;
  let m = 0;
  for (const phase of PHASES) {
    while (m < marks.length && !phase.endsAt(marks[m]!.line)) m++;
    if (m >= marks.length) break;
    const to = marks[m]!.at;
    phases.push({ name: phase.name, ms: to - from, gc: gc.within(from, to) });
    from = to;
    m++;
  }
  phases.push({ name: 'the rest (exit code, return)', ms: end - from, gc: gc.within(from, end) });
  return { code, total: end - start, gc: gc.within(start, end), lines: marks.length, phases };
}

function medianBy<T>(items: readonly T[], key: (t: T) => number): T {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)]!;
}

export async function benchOffline(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mx-bench-'));
  const gc = gcRecorder();
  try {
    const path = join(dir, 'big.xlsx');
    await writeBigWorkbook(path);
    const size = statSync(path).size;
    const reportArgs = ['report', path, '--as-of', '2023-09-30', '--out', join(dir, 'report.docx'), '--json', join(dir, 'summary.json')];

    const loads: { total: number; gc: number }[] = [];
    const reports: (ReportRun & { code: number })[] = [];
    const quiet: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      fullGc();
      const t0 = performance.now();
      await new ExcelJS.Workbook().xlsx.readFile(path);
      const t1 = performance.now();
      await settle();
      loads.push({ total: t1 - t0, gc: gc.within(t0, t1) });
      const verbose = async (): Promise<void> => { fullGc(); reports.push(await timedReport(reportArgs, dir, gc)); };
      const silent = async (): Promise<void> => {
        fullGc();
        const q0 = performance.now();
        await main([...reportArgs, '--quiet'], { out: () => undefined, err: () => undefined, env: { LANG: 'en_US.UTF-8' }, cwd: dir, now: () => new Date() });
        quiet.push(performance.now() - q0);
      };
      // The run right after a load is a little slower (the heap it leaves); alternate which run that is.
      if (i % 2 === 0) { await verbose(); await silent(); } else { await silent(); await verbose(); }
    }
    const load = medianBy(loads, (l) => l.total);
    const report = medianBy(reports, (r) => r.total);
    const quietMs = medianBy(quiet, (q) => q);

    const ms = (n: number): string => n.toFixed(0).padStart(8);
    console.log(`\nOffline report: ${TRACKING_ROWS.toLocaleString('en-US')} Tracking rows, ${WEEKLY_ROWS.toLocaleString('en-US')} Weekly log rows, ` +
      `${(size / 1e6).toFixed(1)} MB .xlsx; median of ${RUNS} alternating runs, each after a full garbage collection ` +
      `(exit code ${report.code}); phases of the median report run, timed by its own progress lines`);
    console.log('| step                                   |       ms | of which GC | × exceljs load |');
    console.log('| -------------------------------------- | -------: | ----------: | -------------: |');
    const line = (name: string, t: number, g: number | null): void =>
      console.log(`| ${name.padEnd(38)} | ${ms(t)} | ${(g === null ? '' : g.toFixed(0)).padStart(11)} | ${(t / load.total).toFixed(2).padStart(14)} |`);
    line('exceljs load alone (baseline)', load.total, load.gc);
    line('market-expansion report (all)', report.total, report.gc);
    for (const phase of report.phases) line(`  ${phase.name}`, phase.ms, phase.gc);
    line(`report --quiet (no ${report.lines} progress lines)`, quietMs, null);
    line('report overhead over the load', report.total - load.total, null);
  } finally {
    gc.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchOffline().catch((error: unknown) => { console.error(error); process.exitCode = 1; });
}
