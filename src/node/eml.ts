/**
 * Planned reminder emails (src/core/digest.ts) as .eml files a person can open in any mail program:
 * used by the offline `remind` command and the demo. UTF-8, multipart/alternative (text + HTML).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { PlannedEmail } from '../core/digest';
import { oneLine } from '../core/emailText';

export interface EmlOptions {
  /** Sender shown in the files; default "Market expansion <reminders@localhost>". */
  readonly from?: string | { readonly name: string; readonly address: string };
  /** Date header; default now. */
  readonly date?: Date;
}

function slug(text: string): string {
  return text.replace(/[^\p{L}\p{N}@.]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'mail';
}

/** The RFC 822 bytes of one planned email. */
export async function composePlannedEml(email: PlannedEmail, opts: EmlOptions = {}): Promise<Buffer> {
  const from = opts.from ?? { name: 'Market expansion', address: 'reminders@localhost' };
  const composer = new MailComposer({
    from: typeof from === 'string' ? from : { name: from.name, address: from.address },
    to: email.to,
    subject: oneLine(email.subject),
    text: email.text,
    html: email.html,
    date: opts.date ?? new Date(),
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
