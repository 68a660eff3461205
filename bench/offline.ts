/**
 * Offline `report` on a big workbook (10,000 Tracking rows, 5,000 Weekly log rows), as a ratio to the time
 * exceljs alone takes to load the same file: the report's own work (reading cells, checks, the model, the
 * .docx) should add little to the unavoidable cost of unzipping and parsing the .xlsx.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkWorkbook } from '../src/core/checks';
import { EXAMPLE_OWNERS } from '../src/core/example';
import { readWorkbook } from '../src/core/model';
import { TASK_STATUS, FREQUENCY } from '../src/core/options';
import { buildReport } from '../src/core/report';
import { tabSpec } from '../src/core/schema';
import { dayFromIso, isoFromDay, utcDayOf } from '../src/core/values';
import { main } from '../src/node/cli';
import { reportDocx } from '../src/node/docx';
import { rawFromWorkbook } from '../src/node/xlsx/reader';
import { buildTemplate } from '../src/node/xlsx/template';

export const TRACKING_ROWS = 10_000;
export const WEEKLY_ROWS = 5_000;
const RUNS = 3;

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

async function median(times: number, run: () => Promise<void>): Promise<number> {
  const results: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await run();
    results.push(performance.now() - t0);
  }
  results.sort((a, b) => a - b);
  return results[Math.floor(results.length / 2)]!;
}

export async function benchOffline(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mx-bench-'));
  try {
    const path = join(dir, 'big.xlsx');
    await writeBigWorkbook(path);
    const size = statSync(path).size;
    const time = { today: dayFromIso('2023-09-30'), dayOf: utcDayOf };

    const load = await median(RUNS, async () => { await new ExcelJS.Workbook().xlsx.readFile(path); });
    const silent = { out: () => undefined, err: () => undefined, env: { LANG: 'en_US.UTF-8' }, cwd: dir, now: () => new Date() };
    let code = -1;
    const report = await median(RUNS, async () => {
      code = await main(['report', path, '--as-of', '2023-09-30', '--out', join(dir, 'report.docx'), '--json', join(dir, 'summary.json'), '--quiet'], silent);
    });

    // Where the report's own time goes, measured once on an already-loaded workbook.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const steps: [string, () => Promise<unknown> | unknown][] = [];
    let raw = rawFromWorkbook(wb).raw;
    let workbook = readWorkbook(raw, time);
    let problems = checkWorkbook(workbook, time);
    let model = buildReport(workbook, time, 'en', problems);
    steps.push(['cells → raw grids', () => { raw = rawFromWorkbook(wb).raw; }]);
    steps.push(['readWorkbook (parse)', () => { workbook = readWorkbook(raw, time); }]);
    steps.push(['checkWorkbook', () => { problems = checkWorkbook(workbook, time); }]);
    steps.push(['buildReport (model)', () => { model = buildReport(workbook, time, 'en', problems); }]);
    steps.push(['.docx render', () => reportDocx(model)]);
    const stepTimes: [string, number][] = [];
    for (const [name, run] of steps) stepTimes.push([name, await median(RUNS, async () => { await run(); })]);

    const ms = (n: number): string => n.toFixed(0).padStart(8);
    console.log(`\nOffline report: ${TRACKING_ROWS.toLocaleString('en-US')} Tracking rows, ${WEEKLY_ROWS.toLocaleString('en-US')} Weekly log rows, ` +
      `${(size / 1e6).toFixed(1)} MB .xlsx, median of ${RUNS} runs (exit code ${code}, ${problems.length} problems listed)`);
    console.log('| step                              |       ms | × exceljs load |');
    console.log('| --------------------------------- | -------: | -------------: |');
    const line = (name: string, t: number): void => console.log(`| ${name.padEnd(33)} | ${ms(t)} | ${(t / load).toFixed(2).padStart(14)} |`);
    line('exceljs load alone (baseline)', load);
    line('market-expansion report (all)', report);
    for (const [name, t] of stepTimes) line(`  of which ${name}`, t);
    line('report overhead over the load', report - load);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchOffline().catch((error: unknown) => { console.error(error); process.exitCode = 1; });
}
