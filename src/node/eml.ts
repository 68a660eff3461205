/**
 * Planned reminder emails (src/core/digest.ts) as .eml files a person can open in any mail program:
 * used by the offline `remind` command and the demo. UTF-8, multipart/alternative (text + HTML).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { PlannedEmail } from '../core/digest';
import { oneLine } from '../core/emailText';

export interface Sender {
  readonly name: string;
  readonly address: string;
}

export interface EmlOptions {
  /**
   * Sender shown in the files, or a function giving each email its sender (a name in the recipient's
   * language); default "Market expansion <reminders@localhost>".
   */
  readonly from?: string | Sender | ((email: PlannedEmail) => Sender);
  /** The instant of the Date header; default now. */
  readonly date?: Date;
  /** IANA time zone the Date header is written in (e.g. Asia/Shanghai → "+0800"); default UTC. */
  readonly timeZone?: string;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The wall clock of an instant in a time zone, and that zone's offset from UTC then (minutes). */
function wallClock(instant: Date, timeZone: string): { utc: Date; offset: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return { utc: new Date(wall), offset: Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000) };
}

/** True when the runtime knows the IANA time zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The instant at which a zone's clock shows `hour`:00 on `day` (days since 1970-01-01). */
export function zonedInstant(day: number, hour: number, timeZone: string): Date {
  const asUtc = day * 86_400_000 + hour * 3_600_000;
  let instant = asUtc - wallClock(new Date(asUtc), timeZone).offset * 60_000;
  // Once more at the found instant, in case a daylight-saving change lies in between.
  instant = asUtc - wallClock(new Date(instant), timeZone).offset * 60_000;
  return new Date(instant);
}

/** An RFC 5322 Date header value on the zone's clock: "Fri, 28 Jul 2023 09:00:00 +0800". */
export function rfc5322Date(instant: Date, timeZone = 'UTC'): string {
  const { utc, offset } = wallClock(instant, timeZone);
  const two = (n: number): string => String(n).padStart(2, '0');
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${WEEKDAYS[utc.getUTCDay()]!}, ${two(utc.getUTCDate())} ${MONTHS[utc.getUTCMonth()]!} ${utc.getUTCFullYear()} ` +
    `${two(utc.getUTCHours())}:${two(utc.getUTCMinutes())}:${two(utc.getUTCSeconds())} ${sign}${two(Math.floor(abs / 60))}${two(abs % 60)}`;
}

function slug(text: string): string {
  return text.replace(/[^\p{L}\p{N}@.]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'mail';
}

/** The RFC 822 bytes of one planned email. */
export async function composePlannedEml(email: PlannedEmail, opts: EmlOptions = {}): Promise<Buffer> {
  const from = typeof opts.from === 'function' ? opts.from(email) : opts.from ?? { name: 'Market expansion', address: 'reminders@localhost' };
  const composer = new MailComposer({
    from: typeof from === 'string' ? from : { name: from.name, address: from.address },
    to: email.to,
    subject: oneLine(email.subject),
    text: email.text,
    html: email.html,
    date: rfc5322Date(opts.date ?? new Date(), opts.timeZone),
    textEncoding: 'quoted-printable',
    headers: { 'X-Reminder-Period': email.period, 'X-Reminder-Role': email.role, 'Content-Language': email.lang },
  });
  return composer.compile().build();
}

/** Writes each email as `NNN-<role>-<recipient>-<period>.eml` in `dir` (created if needed); returns the paths in order. */
export async function writeEml(emails: readonly PlannedEmail[], dir: string, opts: EmlOptions = {}): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const [i, email] of emails.entries()) {
    const path = join(dir, `${String(i + 1).padStart(3, '0')}-${slug(`${email.role}-${email.to}-${email.period}`)}.eml`);
    await writeFile(path, await composePlannedEml(email, opts));
    paths.push(path);
  }
  return paths;
}
