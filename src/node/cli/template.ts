import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { TABS } from '../../core/schema';
import { writeTemplate } from '../xlsx/template';
import { EXIT, ExitCode, Io, UsageError, langOption, parseArgs, systemLang } from './args';
import { CLI, say } from './text';

/** `market-expansion template [--lang zh-CN|en] [--example] --out plan.xlsx [--force]` */
export async function templateCommand(argv: readonly string[], io: Io): Promise<ExitCode> {
  const sys = systemLang(io.env);
  const args = parseArgs(argv, 'template', { values: ['out', 'lang'], flags: ['example', 'force'] }, sys);
  const lang = langOption(args.values.lang, sys) ?? sys;
  if (args.help) {
    io.out(say(CLI.templateHelp, lang));
    return EXIT.done;
  }
  if (args.positionals.length > 1 || (args.positionals.length === 1 && args.values.out !== undefined)) {
    throw new UsageError(say(CLI.extraArgument, lang, { arg: args.positionals[args.positionals.length - 1] ?? '' }));
  }
  const out = args.values.out ?? args.positionals[0];
  if (out === undefined) throw new UsageError(`${say(CLI.missingOut, lang)}\n\n${say(CLI.templateHelp, lang)}`);
  const path = resolve(io.cwd, out);
  if (existsSync(path) && !args.flags.has('force')) throw new UsageError(say(CLI.exists, lang, { path: out }));
  try {
    await writeTemplate(path, { lang, example: args.flags.has('example') });
  } catch (error) {
    throw new UsageError(say(CLI.cannotWrite, lang, { path: out, reason: (error as Error).message }));
  }
  io.out(say(CLI.wroteTemplate, lang, {
    path: out, tabs: TABS.length, lang: lang === 'zh-CN' ? '简体中文' : 'English', example: args.flags.has('example') ? say(CLI.withExample, lang) : '',
  }));
  return EXIT.done;
}
