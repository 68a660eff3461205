/**
 * npm run bench -- --json FILE: the benchmark as one machine-readable file. For each operation and each size
 * (10, 1,000 and 10,000 tracking rows, dates over a whole year): its service calls (every service, date
 * look-ups included), its floor and its modelled Apps Script time; and the bundle's size, its evaluation in a
 * fresh process (no compile cache: Apps Script pays it on every custom-function call), a menu entry's compiling
 * of the rest, and ACHIEVEMENT_RATE's CPU time over 10,000 rows.
 */
import { execFileSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUNDLE_PATH, table } from './common';
import { OPERATIONS, ROW_COUNTS, runOperation, type OperationResult } from './operations';

/**
 * The bundle evaluated once in a new `node` process (no V8 compile cache): compile plus top-level run, as Apps
 * Script does before every custom-function call; then, in the same process, the first menu entry's compiling of
 * the rest of the tracker (scripts/build.mjs). CPU time, in ms: on a shared machine, wall time counts the other
 * processes too.
 */
function coldEval(): { coldEvalMs: number; appEvalMs: number } {
  const script = [
    "const { readFileSync } = require('node:fs');",
    "const vm = require('node:vm');",
    `const code = readFileSync(${JSON.stringify(BUNDLE_PATH)}, 'utf8');`,
    'const context = vm.createContext({});',
    'const cpuMs = (since) => { const u = process.cpuUsage(since); return (u.user + u.system) / 1000; };',
    'let start = process.cpuUsage();',
    'new vm.Script(code).runInContext(context);',
    'const cold = cpuMs(start);',
    'start = process.cpuUsage();',
    "vm.runInContext('MarketExpansionTracker.app()', context);",
    'process.stdout.write(JSON.stringify({ coldEvalMs: cold, appEvalMs: cpuMs(start) }));',
  ].join('\n');
  const env = { ...process.env };
  delete env.NODE_COMPILE_CACHE;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8' })) as { coldEvalMs: number; appEvalMs: number };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * ACHIEVEMENT_RATE over a 10,000-row column with units, as the built bundle runs it (what Apps Script runs): CPU
 * time, median of 21 calls, in a new `node` process as each Apps Script execution is (this process's heap, grown
 * by the operations above, would add its garbage collection to the figure).
 */
export function achievementRate10kMs(): number {
  const script = [
    "const { readFileSync } = require('node:fs');",
    "const vm = require('node:vm');",
    'const context = vm.createContext({});',
    `vm.runInContext(readFileSync(${JSON.stringify(BUNDLE_PATH)}, 'utf8'), context);`,
    'const formula = context.ACHIEVEMENT_RATE;',
    'const column = (f) => Array.from({ length: 10000 }, (_, i) => [f(i)]);',
    "const actual = column((i) => (i % 50 === 0 ? '' : `${40 + (i % 20)}家`));",
    'const target = column(() => 50);',
    "const direction = column(() => 'higher');",
    "const unit = column(() => '家');",
    'const times = [];',
    'for (let i = 0; i < 21; i++) {',
    '  const start = process.cpuUsage();',
    '  formula(actual, target, direction, unit);',
    '  const used = process.cpuUsage(start);',
    '  times.push((used.user + used.system) / 1000);',
    '}',
    'process.stdout.write(JSON.stringify(times));',
  ].join('\n');
  return median(JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as number[]);
}

export interface BenchSummary {
  bundleBytes: number;
  coldEvalMs: number;
  /** The first menu entry of an execution compiling the rest of the tracker (custom functions never do). */
  appEvalMs: number;
  achievementRate10kMs: number;
  operations: Record<string, Record<string, OperationResult & { ratio: number }>>;
  floors: Record<string, Record<string, number>>;
}

export function benchSummary(only?: readonly string[]): BenchSummary {
  const operations: BenchSummary['operations'] = {};
  const floors: BenchSummary['floors'] = {};
  const rows: (string | number)[][] = [];
  for (const op of OPERATIONS) {
    if (only && !only.includes(op.name)) continue;
    operations[op.name] = {};
    for (const n of ROW_COUNTS) {
      const { terms, ...result } = runOperation(op, n);
      const ratio = Math.round((result.calls / result.floor) * 100) / 100;
      operations[op.name]![String(n)] = { ...result, ratio };
      if (n === ROW_COUNTS[ROW_COUNTS.length - 1]) floors[op.name] = terms;
      rows.push([op.name, n, result.calls, result.floor, ratio.toFixed(2), result.dateLookups, result.docsCalls, result.modelledMs]);
    }
  }
  table('Every operation: service calls (all services, date look-ups included) against the floor, dates over a year',
    ['operation', 'tracking rows', 'calls', 'floor', 'calls/floor', 'date look-ups', 'Docs calls', 'modelled ms*'], rows);
  console.log('* the emulator\'s latency model per call plus the script\'s own CPU time (the emulator\'s formula recalculation left out): README "Performance"');
  const cold = Array.from({ length: 5 }, coldEval);
  const summary: BenchSummary = {
    bundleBytes: statSync(BUNDLE_PATH).size,
    coldEvalMs: Math.round(median(cold.map((c) => c.coldEvalMs)) * 100) / 100,
    appEvalMs: Math.round(median(cold.map((c) => c.appEvalMs)) * 100) / 100,
    achievementRate10kMs: Math.round(achievementRate10kMs() * 100) / 100,
    operations,
    floors,
  };
  table('Bundle and core', ['figure', 'value'], [
    ['bundleBytes', summary.bundleBytes], ['coldEvalMs (evaluating the bundle: fresh node process, CPU, median of 5)', summary.coldEvalMs],
    ['appEvalMs (a menu entry compiling the rest, once per execution: CPU, median of 5)', summary.appEvalMs],
    ['achievementRate10kMs (the bundle\'s ACHIEVEMENT_RATE, CPU, median of 21)', summary.achievementRate10kMs],
  ]);
  return summary;
}

export function writeSummary(summary: BenchSummary, file: string): void {
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`\nwrote ${resolve(file)}`);
}
