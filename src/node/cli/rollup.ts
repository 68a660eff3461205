import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { Lang } from '../../core/i18n';
import { Problem } from '../../core/problems';
import { RegionInput, noteText, regionFigures, rollUp } from '../../core/rollup';
import { rollupJson } from '../../core/rollupJson';
import { buildRollupReport } from '../../core/rollupReport';
import { WEEKDAYS, workCalendar } from '../../core/workCalendar';
import { reportDocx } from '../docx';
import { EXIT, ExitCode, Io, UsageError, dayOption, langOption, localToday, parseArgs, systemLang } from './args';
import { CLI, say } from './text';
import { openPlan } from './workbook';

/** Problems kept per region for the JSON (errors first); the counts always cover all of them. */
export const PROBLEMS_KEPT = 100;

function write(path: string, data: string | Buffer, lang: Lang): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
  } catch (error) {
    throw new UsageError(say(CLI.cannotWrite, lang, { path, reason: (error as Error).message }));
  }
}

/**
 * `market-expansion rollup east.xlsx south.xlsx … [--out rollup.docx] [--json rollup.json] [--as-of DATE]`: the
 * director's roll-up of several regional workbooks. Reads one workbook at a time and keeps only its figures
 * (and its first problems), so memory stays flat however many regions there are.
 */
export async function rollupCommand(argv: readonly string[], io: Io): Promise<ExitCode> {
  const sys = systemLang(io.env);
  const args = parseArgs(argv, 'rollup', {
    values: ['out', 'json', 'as-of', 'lang', 'cycle', 'currency', 'region'], flags: ['strict', 'quiet', 'all'],
  }, sys);
  const wanted = langOption(args.values.lang, sys);
  const lang = wanted ?? sys;
  if (args.help) {
    io.out(say(CLI.rollupHelp, lang));
    return EXIT.done;
  }
  const files = args.positionals;
  if (files.length === 0) throw new UsageError(`${say(CLI.rollupNoFiles, lang)}\n\n${say(CLI.rollupHelp, lang)}`);
  const today = dayOption(args.values['as-of'], localToday(io.now()), lang);
  const quiet = args.flags.has('quiet');
  const jsonToStdout = args.values.json === '-';
  const tell = (line: string): void => {
    if (quiet) return;
    if (jsonToStdout) io.err(line);
    else io.out(line);
  };
  // Progress on a terminal only: one line, rewritten as each workbook is read.
  const terminal = io.isTerminal === true && !quiet;
  const progress = (text: string): void => { if (terminal) io.progress?.(text); };

  const inputs: RegionInput[] = [];
  const problems = new Map<string, Problem[]>();
  const calendars = new Set<string>();
  for (const [i, file] of files.entries()) {
    progress(say(CLI.rollupReading, lang, { n: i + 1, total: files.length, file }));
    try {
      const plan = await openPlan(resolve(io.cwd, file), io, { ...(wanted ? { lang: wanted } : {}), today, quiet: true, messageLang: lang, shown: file, fast: true });
      const figures = regionFigures(plan.workbook, plan.time, plan.problems);
      const name = figures.region || basename(file, extname(file));
      inputs.push({ name, source: file, owner: '', row: i + 1, figures });
      calendars.add(figures.workCalendar);
      const sorted = [...plan.problems.filter((p) => p.severity === 'error'), ...plan.problems.filter((p) => p.severity !== 'error')];
      problems.set(name, args.flags.has('all') ? sorted : sorted.slice(0, PROBLEMS_KEPT));
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      inputs.push({ name: basename(file, extname(file)), source: file, owner: '', row: i + 1, figures: null, unreadable: { code: 'file', detail: error.message } });
    }
  }
  progress('');
  // Stale check-ins are counted on the regions' work calendar when they all use the same one.
  const calendar = calendars.size === 1 ? workCalendar([...calendars][0] as 'none' | 'cn') : WEEKDAYS;
  const rollup = rollUp(inputs, {
    today, cycle: args.values.cycle ?? '', currencyUnit: args.values.currency ?? '', atRiskThreshold: 0.8, calendar,
  });
  const naming = { name: args.values.region ?? '', workdays: calendar.key !== 'none' };

  const out = args.values.out ?? (args.values.json !== undefined ? undefined : 'rollup.docx');
  if (out !== undefined) {
    const doc = buildRollupReport(rollup, naming, lang);
    write(resolve(io.cwd, out), await reportDocx(doc), lang);
    tell(say(CLI.wroteReport, lang, { path: out, title: doc.documentName }));
  }
  if (args.values.json !== undefined) {
    const json = `${JSON.stringify(rollupJson(rollup, lang, naming.workdays, problems), null, 2)}\n`;
    if (jsonToStdout) io.out(json.trimEnd());
    else {
      write(resolve(io.cwd, args.values.json), json, lang);
      tell(say(CLI.wroteJson, lang, { path: args.values.json }));
    }
  }
  const counted = rollup.regions.filter((r) => r.counted).length;
  tell(say(CLI.rollupDone, lang, { counted, total: rollup.regions.length }));
  for (const r of rollup.regions) {
    if (r.state === 'ok') continue;
    const notes = r.notes.map((n) => say(noteText(n, naming.workdays), lang)).join(lang === 'zh-CN' ? '；' : '; ');
    io.err(say(CLI.rollupRegionNote, lang, { region: r.name, file: r.source, notes }));
  }
  const unreadable = rollup.regions.some((r) => r.state === 'unreadable' || r.state === 'excluded');
  const errors = rollup.regions.some((r) => (r.figures?.problems.errors ?? 0) > 0);
  const warnings = rollup.regions.some((r) => (r.figures?.problems.warnings ?? 0) > 0 || r.state === 'stale');
  return unreadable || errors || (args.flags.has('strict') && warnings) ? EXIT.problems : EXIT.done;
}
