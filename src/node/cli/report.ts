import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { readSnapshots } from '../../core/history';
import { ReportModel, buildReport, reportSummaryJson } from '../../core/report';
import { EXIT, ExitCode, Io, UsageError, dayOption, langOption, localToday, parseArgs, systemLang } from './args';
import { PRINTED_PROBLEMS, exitCodeFor, problemReport } from './problems';
import { CLI, say } from './text';
import { openPlan } from './workbook';
import { reportDocx } from '../docx';

/** The default report path: beside the workbook, "<name> report.docx". */
export function defaultReportPath(workbookPath: string): string {
  return join(dirname(workbookPath), `${basename(workbookPath, extname(workbookPath))} report.docx`);
}

function write(path: string, data: string | Buffer, lang: 'en' | 'zh-CN'): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
  } catch (error) {
    throw new UsageError(say(CLI.cannotWrite, lang, { path, reason: (error as Error).message }));
  }
}

/** `market-expansion report plan.xlsx [--out report.docx] [--json summary.json] [--as-of DATE] [--lang LANG]` */
export async function reportCommand(argv: readonly string[], io: Io): Promise<ExitCode> {
  const sys = systemLang(io.env);
  const args = parseArgs(argv, 'report', { values: ['out', 'json', 'as-of', 'lang'], flags: ['strict', 'quiet', 'all'] }, sys);
  const wanted = langOption(args.values.lang, sys);
  const mlang = wanted ?? sys;
  if (args.help) {
    io.out(say(CLI.reportHelp, mlang));
    return EXIT.done;
  }
  const [file, ...extra] = args.positionals;
  if (file === undefined) throw new UsageError(`${say(CLI.missingFile, mlang, { command: 'report' })}\n\n${say(CLI.reportHelp, mlang)}`);
  if (extra.length > 0) throw new UsageError(say(CLI.extraArgument, mlang, { arg: extra[0]! }));
  const today = dayOption(args.values['as-of'], localToday(io.now()), mlang);
  const quiet = args.flags.has('quiet');
  const jsonToStdout = args.values.json === '-';
  // With the JSON on stdout, everything else goes to stderr so the output stays parseable.
  const say2 = (line: string): void => {
    if (quiet) return;
    if (jsonToStdout) io.err(line);
    else io.out(line);
  };

  const path = resolve(io.cwd, file);
  const plan = await openPlan(path, io, { ...(wanted ? { lang: wanted } : {}), today, quiet, messageLang: mlang, shown: file });
  const { lang } = plan;

  plan.progress(say(CLI.building, lang));
  // The workbook's progress history, when it has one, gives the trends and the comparison with an earlier cycle.
  const history = plan.read.raw.history ? readSnapshots(plan.read.raw.history, plan.time) : [];
  const model: ReportModel = buildReport(plan.workbook, plan.time, lang, plan.problems, history);

  const out = resolve(io.cwd, args.values.out ?? defaultReportPath(file));
  plan.progress(say(CLI.writing, lang, { path: out }));
  write(out, await reportDocx(model), lang);
  say2(say(CLI.wroteReport, lang, { path: args.values.out ?? defaultReportPath(file), title: model.documentName }));

  if (args.values.json !== undefined) {
    const json = `${JSON.stringify(reportSummaryJson(model), null, 2)}\n`;
    if (jsonToStdout) io.out(json.trimEnd());
    else {
      write(resolve(io.cwd, args.values.json), json, lang);
      say2(say(CLI.wroteJson, lang, { path: args.values.json }));
    }
  }
  if (plan.problems.length > 0 || !quiet) io.err(problemReport(plan.problems, lang, plan.sheetNames, args.flags.has('all') ? Infinity : PRINTED_PROBLEMS));
  return exitCodeFor(plan.problems, args.flags.has('strict'));
}
