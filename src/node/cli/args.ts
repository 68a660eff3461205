import { Lang } from '../../core/i18n';
import { Day, dayFromParts, parseDate, utcDayOf } from '../../core/values';
import { CLI, say } from './text';

/** Where the command line prints, and what it knows of its surroundings (tests pass their own). */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  now(): Date;
  /** stderr is a terminal: long commands show progress on one line there. */
  readonly isTerminal?: boolean;
  /** Rewrites the progress line ('' clears it). */
  progress?(text: string): void;
  /** Waits (chat retries and spacing); tests pass one that does not. */
  sleep?(ms: number): Promise<void>;
}

export const EXIT = { done: 0, problems: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the user can fix: printed as is, exit code 2. */
export class UsageError extends Error {}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string>>;
  readonly flags: ReadonlySet<string>;
  readonly help: boolean;
}

/**
 * `--name value`, `--name=value` and boolean `--flag`; `-h` is --help. Unknown options are usage errors,
 * so a typo never silently does something else.
 */
export function parseArgs(
  argv: readonly string[], command: string, spec: { values: readonly string[]; flags: readonly string[] }, lang: Lang,
): ParsedArgs {
  const positionals: string[] = [];
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') { help = true; continue; }
    if (arg === '--') { positionals.push(...argv.slice(i + 1)); break; }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(say(CLI.unknownOption, lang, { option: arg, command }));
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq < 0 ? arg : arg.slice(0, eq)).slice(2);
    if (spec.flags.includes(name)) {
      if (eq >= 0) throw new UsageError(say(CLI.unknownOption, lang, { option: arg, command }));
      flags.add(name);
    } else if (spec.values.includes(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
        throw new UsageError(say(CLI.missingValue, lang, { option: `--${name}` }));
      }
      values[name] = value;
    } else {
      throw new UsageError(say(CLI.unknownOption, lang, { option: `--${name}`, command }));
    }
  }
  return { positionals, values, flags, help };
}

/** zh-CN / zh / 中文 → zh-CN; en → en; anything else is a usage error. Undefined stays undefined. */
export function langOption(value: string | undefined, lang: Lang): Lang | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (['zh-cn', 'zh', 'zh_cn', 'zh-hans', 'cn', '中文', '简体中文'].includes(v)) return 'zh-CN';
  if (['en', 'en-us', 'en-gb', 'english'].includes(v)) return 'en';
  throw new UsageError(say(CLI.badLang, lang, { value }));
}

/** The language of the user's system (LANG / LC_ALL), for help and messages before a workbook is read. */
export function systemLang(env: Readonly<Record<string, string | undefined>>): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || env.LANGUAGE || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** A day typed in any accepted form (2023-09-30, 2023/9/30, 2023年9月30日); ranges are refused. */
export function dayOption(value: string | undefined, fallback: Day, lang: Lang): Day {
  if (value === undefined) return fallback;
  const parsed = parseDate(value, utcDayOf);
  if (!parsed.ok) throw new UsageError(say(CLI.badAsOf, lang, { reason: lang === 'zh-CN' ? parsed.error.zh : parsed.error.en }));
  if (parsed.value === null) throw new UsageError(say(CLI.badAsOf, lang, { reason: value }));
  if (parsed.value.start !== parsed.value.end) throw new UsageError(say(CLI.asOfRange, lang, { value }));
  return parsed.value.start;
}

/** Today on the user's calendar (local time zone), as the core's Day. */
export function localToday(now: Date): Day {
  return dayFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
