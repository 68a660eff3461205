/**
 * `market-expansion plan | weekly | playbook plan.xlsx`: the form's other documents — the strategy plan, the
 * weekly tracking sheet and the playbook manual — from a filled workbook, written as .docx by the same
 * renderer as the report (and PDF with --pdf), their models as JSON with --json, with the report's exit codes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { RUN_TEXT } from '../../core/documentRunText';
import { Bilingual, pick } from '../../core/i18n';
import { UI } from '../../core/messages';
import { buildPlan } from '../../core/planDocument';
import { buildPlaybookManual } from '../../core/playbookManual';
import { buildWeeklySheet } from '../../core/weeklySheet';
import type { ReportLike } from '../../core/reportDocument';
import { EXIT, ExitCode, Io, UsageError, dayOption, langOption, localToday, parseArgs, systemLang } from './args';
import { PRINTED_PROBLEMS, exitCodeFor, problemReport } from './problems';
import { CLI, say } from './text';
import { OpenPlan, openPlan } from './workbook';
import { reportDocx } from '../docx';
import { docxToPdf } from '../pdf';

/** A document the command line can write: a report-shaped model (sections of document blocks) and its JSON. */
interface Built {
  readonly model: ReportLike;
  readonly json: unknown;
}

interface DocumentCommand {
  readonly command: 'plan' | 'weekly' | 'playbook';
  /** The document's title in both languages (help text, progress line). */
  readonly what: Bilingual;
  readonly menu: Bilingual;
  /** The default file name's suffix: "<name> plan.docx". */
  readonly suffix: string;
  readonly asOfHelp: Bilingual;
  readonly asOfRequired: boolean;
  build(plan: OpenPlan): Built;
}

function write(path: string, data: string | Buffer, lang: 'en' | 'zh-CN'): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
  } catch (error) {
    throw new UsageError(say(CLI.cannotWrite, lang, { path, reason: (error as Error).message }));
  }
}

async function runDocument(spec: DocumentCommand, argv: readonly string[], io: Io): Promise<ExitCode> {
  const sys = systemLang(io.env);
  const args = parseArgs(argv, spec.command, { values: ['out', 'json', 'as-of', 'lang'], flags: ['strict', 'quiet', 'all', 'pdf'] }, sys);
  const wanted = langOption(args.values.lang, sys);
  const mlang = wanted ?? sys;
  const help = say(CLI.documentHelp, mlang, {
    command: spec.command, asOf: spec.asOfRequired ? ' --as-of DATE' : '', what: pick(spec.what, mlang), menu: pick(spec.menu, mlang),
    suffix: spec.suffix, asOfHelp: pick(spec.asOfHelp, mlang),
  });
  if (args.help) {
    io.out(help);
    return EXIT.done;
  }
  const [file, ...extra] = args.positionals;
  if (file === undefined) throw new UsageError(`${say(CLI.missingFile, mlang, { command: spec.command })}\n\n${help}`);
  if (extra.length > 0) throw new UsageError(say(CLI.extraArgument, mlang, { arg: extra[0]! }));
  if (spec.asOfRequired && args.values['as-of'] === undefined) throw new UsageError(`${say(CLI.weeklyNeedsAsOf, mlang)}\n\n${help}`);
  const today = dayOption(args.values['as-of'], localToday(io.now()), mlang);
  const quiet = args.flags.has('quiet');
  const jsonToStdout = args.values.json === '-';
  const tell = (line: string): void => {
    if (quiet) return;
    if (jsonToStdout) io.err(line);
    else io.out(line);
  };

  const plan = await openPlan(resolve(io.cwd, file), io, { ...(wanted ? { lang: wanted } : {}), today, quiet, messageLang: mlang, shown: file });
  const { lang } = plan;
  plan.progress(say(CLI.buildingDocument, lang, { title: pick(spec.what, lang) }));
  const built = spec.build(plan);
  const shown = args.values.out ?? join(dirname(file), `${basename(file, extname(file))} ${spec.suffix}.docx`);
  const out = resolve(io.cwd, shown);
  plan.progress(say(CLI.writing, lang, { path: out }));
  write(out, await reportDocx(built.model), lang);
  tell(say(CLI.wroteReport, lang, { path: shown, title: built.model.documentName }));
  if (args.flags.has('pdf')) {
    const pdf = docxToPdf(out, lang, { env: io.env, shown });
    if (pdf.ok) tell(pdf.message);
    else io.err(pdf.message);
  }
  if (args.values.json !== undefined) {
    const json = `${JSON.stringify(built.json, null, 2)}\n`;
    if (jsonToStdout) io.out(json.trimEnd());
    else {
      write(resolve(io.cwd, args.values.json), json, lang);
      tell(say(CLI.wroteDocumentJson, lang, { path: args.values.json }));
    }
  }
  if (plan.problems.length > 0 || !quiet) io.err(problemReport(plan.problems, lang, plan.sheetNames, args.flags.has('all') ? Infinity : PRINTED_PROBLEMS));
  return exitCodeFor(plan.problems, args.flags.has('strict'));
}

const PLAN_COMMAND: DocumentCommand = {
  command: 'plan', what: RUN_TEXT.planName, menu: UI.generatePlanNoCycle, suffix: 'plan', asOfHelp: CLI.asOfPlan, asOfRequired: false,
  build: (plan) => {
    const model = buildPlan(plan.workbook, plan.time, plan.lang, plan.problems, plan.previous);
    return { model, json: model };
  },
};

/** `market-expansion plan plan.xlsx`: the strategy plan (《市场拓展策略方案》) with its plan review. */
export function planCommand(argv: readonly string[], io: Io): Promise<ExitCode> {
  return runDocument(PLAN_COMMAND, argv, io);
}

const WEEKLY_COMMAND: DocumentCommand = {
  command: 'weekly', what: RUN_TEXT.weeklyName, menu: UI.weeklySheet, suffix: 'weekly', asOfHelp: CLI.asOfWeekly, asOfRequired: true,
  build: (plan) => {
    const model = buildWeeklySheet(plan.workbook, plan.time, plan.lang, plan.problems, plan.history);
    return { model, json: model };
  },
};

/** `market-expansion weekly plan.xlsx --as-of DATE`: the weekly tracking sheet (《周度执行跟踪表》) of DATE's ISO week. */
export function weeklyCommand(argv: readonly string[], io: Io): Promise<ExitCode> {
  return runDocument(WEEKLY_COMMAND, argv, io);
}

const PLAYBOOK_COMMAND: DocumentCommand = {
  command: 'playbook', what: RUN_TEXT.playbookName, menu: UI.playbookManual, suffix: 'playbook', asOfHelp: CLI.asOfPlaybook, asOfRequired: false,
  build: (plan) => {
    const model = buildPlaybookManual(plan.workbook, plan.time, plan.lang);
    return { model, json: model };
  },
};

/** `market-expansion playbook plan.xlsx`: the playbook manual (《市场拓展操作手册》) from the Playbook tab. */
export function playbookCommand(argv: readonly string[], io: Io): Promise<ExitCode> {
  return runDocument(PLAYBOOK_COMMAND, argv, io);
}
