// npm run bench: every benchmark of the project, one table each. Service-call counts come from the
// emulator running the built bundle; times are medians of repeated runs on this machine.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchFoundation } from './foundation';

async function optional(file: string, name: string): Promise<void> {
  if (!existsSync(join(__dirname, `${file}.ts`))) return;
  const mod = (await import(`./${file}`)) as Record<string, () => Promise<void>>;
  const run = mod[name];
  if (run) await run();
}

async function main(): Promise<void> {
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
