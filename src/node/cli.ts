/**
 * The offline command line: `market-expansion template | report | remind | rollup | plan | weekly | playbook`. The same core as the Google
 * Sheet (schema, parsing, checks, report model, digests); only the files differ.
 *
 * Exit codes scripts can rely on: 0 done; 1 done, but the data has problems (listed with sheet, row and
 * fix); 2 wrong usage, or a file that cannot be read or written.
 */
import { EXIT, ExitCode, Io, UsageError, systemLang } from './cli/args';
import { planCommand, playbookCommand, weeklyCommand } from './cli/documents';
import { remindCommand } from './cli/remind';
import { reportCommand } from './cli/report';
import { rollupCommand } from './cli/rollup';
import { templateCommand } from './cli/template';
import { CLI, say } from './cli/text';

export type { Io } from './cli/args';
export { EXIT } from './cli/args';

const COMMANDS: Readonly<Record<string, (argv: readonly string[], io: Io) => Promise<ExitCode>>> = {
  template: templateCommand,
  report: reportCommand,
  remind: remindCommand,
  rollup: rollupCommand,
  plan: planCommand,
  weekly: weeklyCommand,
  playbook: playbookCommand,
};

export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    isTerminal: process.stderr.isTTY === true,
    progress: (text) => {
      // \r and the erase-line code keep one progress line on the terminal.
      process.stderr.write(text === '' ? '\r\u001b[2K' : `\r\u001b[2K${text}`);
    },
  };
}

/** Runs one command line; resolves to the exit code (it never calls process.exit). */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<ExitCode> {
  const lang = systemLang(io.env);
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(say(CLI.usage, lang));
    return command === undefined ? EXIT.usage : EXIT.done;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.err(`${say(CLI.unknownCommand, lang, { command })}\n\n${say(CLI.usage, lang)}`);
    return EXIT.usage;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      return EXIT.usage;
    }
    io.err(say(CLI.internal, lang, { message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
    return EXIT.usage;
  }
}
