// npm run bench: every benchmark of the project, one table each. Service-call counts come from the
// emulator running the built bundle; times are medians of repeated runs on this machine.
//   npm run bench -- --json FILE       also writes the operations' calls, floors and modelled times as JSON
//   npm run bench -- --ops check,open  only those operations (and no other table): for development
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchFoundation } from './foundation';
import { benchSummary, writeSummary } from './summary';

async function optional(file: string, name: string): Promise<void> {
  if (!existsSync(join(__dirname, `${file}.ts`))) return;
  const mod = (await import(`./${file}`)) as Record<string, () => Promise<void>>;
  const run = mod[name];
  if (run) await run();
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  if (at < 0) return undefined;
  const value = process.argv[at + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

async function main(): Promise<void> {
  const json = option('--json');
  const ops = option('--ops')?.split(',');
  const summary = benchSummary(ops);
  if (json) writeSummary(summary, json);
  if (ops) return;
  await benchFoundation();
  await optional('report', 'benchReport');
  await optional('documents', 'benchDocuments');
  await optional('reminders', 'benchReminders');
  await optional('rollover', 'benchRollover');
  await optional('offline', 'benchOffline');
  await optional('weekly', 'benchWeekly');
  await optional('rollup', 'benchRollup');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
