import { resolve } from 'node:path';
import { pick } from '../../core/i18n';
import { weekOverWeek } from '../../core/history';
import { DigestKind, planReminders } from '../../core/digest';
import { periodLabel } from '../../core/emailText';
import { isoFromDay } from '../../core/values';
import { isTimeZone, writeEml, zonedInstant } from '../eml';
import { EXIT, ExitCode, Io, UsageError, dayOption, langOption, localToday, parseArgs, systemLang } from './args';
import { PRINTED_PROBLEMS, exitCodeFor, problemReport } from './problems';
import { CLI, KIND_LABEL, SKIP_REASON, say } from './text';
import { openPlan } from './workbook';
import { chatPosts } from '../../core/chatPlan';
import { postChatOffline, webhookOption } from './chat';

/** The team's clock when --time-zone is not given (the template's teams are in mainland China). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const KINDS: readonly (DigestKind | 'auto')[] = ['auto', 'weekly', 'daily', 'monthly'];

/** `market-expansion remind plan.xlsx [--as-of DATE] [--out emails/] [--kind auto|weekly|daily|monthly] [--time-zone ZONE]` */
export async function remindCommand(argv: readonly string[], io: Io): Promise<ExitCode> {
  const sys = systemLang(io.env);
  const args = parseArgs(argv, 'remind', {
    values: ['out', 'as-of', 'lang', 'kind', 'time-zone', 'webhook', 'webhook-kind', 'webhook-secret'], flags: ['strict', 'quiet', 'all'],
  }, sys);
  const wanted = langOption(args.values.lang, sys);
  const mlang = wanted ?? sys;
  if (args.help) {
    io.out(say(CLI.remindHelp, mlang));
    return EXIT.done;
  }
  const [file, ...extra] = args.positionals;
  if (file === undefined) throw new UsageError(`${say(CLI.missingFile, mlang, { command: 'remind' })}\n\n${say(CLI.remindHelp, mlang)}`);
  if (extra.length > 0) throw new UsageError(say(CLI.extraArgument, mlang, { arg: extra[0]! }));
  const kind = (args.values.kind ?? 'auto').toLowerCase() as DigestKind | 'auto';
  if (!KINDS.includes(kind)) throw new UsageError(say(CLI.badKind, mlang, { value: args.values.kind ?? '' }));
  const today = dayOption(args.values['as-of'], localToday(io.now()), mlang);
  const timeZone = args.values['time-zone'] ?? DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone)) throw new UsageError(say(CLI.badTimeZone, mlang, { value: timeZone }));
  const quiet = args.flags.has('quiet');
  const webhook = webhookOption(args.values, mlang);

  const plan = await openPlan(resolve(io.cwd, file), io, { ...(wanted ? { lang: wanted } : {}), today, quiet, messageLang: mlang, shown: file });
  const { lang } = plan;
  // Offline there is no progress history: the week-over-week change is recomputed from the Weekly log alone.
  const reminders = planReminders(plan.workbook, plan.time, {
    kind, sheetUrl: '', sheetLang: lang, sentBy: 'market-expansion', weekChanges: weekOverWeek(plan.workbook, plan.time.today, []), chat: webhook !== null,
  });
  const outDir = args.values.out ?? 'emails';
  const kindLabel = say(KIND_LABEL[reminders.kind]!, lang);
  if (reminders.emails.length === 0) {
    if (!quiet) io.out(say(CLI.noEmails, lang, { day: isoFromDay(today), kind: kindLabel }));
  } else {
    try {
      // Dated at the reminder hour of the run's day on the team's clock (as the Apps Script trigger sends
      // them), so the same run writes the same files.
      const date = zonedInstant(today, plan.workbook.settings.reminderHour, timeZone);
      await writeEml(reminders.emails, resolve(io.cwd, outDir), { date, timeZone });
    } catch (error) {
      throw new UsageError(say(CLI.cannotWrite, lang, { path: outDir, reason: (error as Error).message }));
    }
    if (!quiet) io.out(say(CLI.wroteEmails, lang, { count: reminders.emails.length, kind: kindLabel, period: periodLabel(reminders.period, lang), dir: outDir }));
  }
  for (const s of reminders.skipped) {
    io.err(say(CLI.skipped, lang, { name: s.name, email: s.email || '—', reason: pick(SKIP_REASON[s.reason] ?? { en: s.reason, zh: s.reason }, lang) }));
  }
  // Chat after the emails are written: a failing chat never costs an email.
  let chatFailed = false;
  if (webhook !== null) {
    const mode = plan.workbook.settings.chat === 'off' ? 'summary' : plan.workbook.settings.chat;
    const outcome = await postChatOffline(webhook, chatPosts(reminders, mode, '', lang), lang, io, quiet);
    chatFailed = outcome.failed > 0;
  }
  if (plan.problems.length > 0 || !quiet) io.err(problemReport(plan.problems, lang, plan.sheetNames, args.flags.has('all') ? Infinity : PRINTED_PROBLEMS));
  return chatFailed ? EXIT.problems : exitCodeFor(plan.problems, args.flags.has('strict'));
}
