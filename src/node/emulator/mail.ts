/** MailApp with Apps Script's quotas: recipients per day (100 consumer / 1,500 Workspace), 50 per message. */
import type { Returning, Runtime } from './runtime';
import type { EmuBlob } from './services';

export const MailErrors = {
  invalid: (x: string) => `Invalid email: ${x}`,
  quota: 'Service invoked too many times for one day: email.',
  perMessage: 'Limit Exceeded: Email Recipients Per Message.',
  noRecipient: 'Failed to send email: no recipient',
};
export const RECIPIENTS_PER_MESSAGE = 50;
export const DAILY_RECIPIENTS = { consumer: 100, workspace: 1500 } as const;

export interface SentAttachment {
  name: string;
  contentType: string;
  data: Buffer;
}
export interface SentMail {
  from: string;
  to: string;
  cc?: string;
  bcc?: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
  attachments?: SentAttachment[];
  at: Date;
}

const EMAIL_RE = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]+$/;

/** Splits 'a@x.com, B <b@y.com>' into addresses; throws Apps Script's error for an invalid one. */
export function parseRecipients(list: string | undefined): string[] {
  if (!list) return [];
  return String(list)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const addr = /<([^>]+)>\s*$/.exec(s)?.[1]?.trim() ?? s;
      if (!EMAIL_RE.test(addr)) throw new Error(MailErrors.invalid(s));
      return addr;
    });
}

type MailParams = GoogleAppsScript.Mail.MailAdvancedParameters;

export type MailAppSlice = Pick<GoogleAppsScript.Mail.MailApp, 'getRemainingDailyQuota'> & Returning<GoogleAppsScript.Mail.MailApp, 'sendEmail', void>;

/** One account's use of its daily recipient quota (a rolling 24-hour window from its first send). */
interface QuotaWindow {
  used: number;
  windowStart: number | null;
  override: number | null;
}

export class EmuMailApp implements MailAppSlice {
  private readonly windows = new Map<string, QuotaWindow>();
  constructor(
    private readonly rt: Runtime,
    readonly outbox: SentMail[],
    /** The daily recipient limit of an account: 100 consumer, 1,500 Workspace. */
    private readonly dailyLimit: (account: string) => number,
    /** The effective user: mail goes out from their account, against their quota. */
    private readonly from: () => string,
  ) {}
  private window(account: string): QuotaWindow {
    let w = this.windows.get(account);
    if (!w) {
      w = { used: 0, windowStart: null, override: null };
      this.windows.set(account, w);
    }
    const now = this.rt.clock.nowMs();
    if (w.windowStart === null || now - w.windowStart >= 24 * 3600 * 1000) {
      w.windowStart = now;
      w.used = 0;
      w.override = null;
    }
    return w;
  }
  remaining(account = this.from()): number {
    const w = this.window(account);
    return Math.max(0, (w.override ?? this.dailyLimit(account)) - w.used);
  }
  /** Sets an account's remaining quota for its current 24-hour window (default: the effective user). */
  setRemaining(n: number, account = this.from()): void {
    const w = this.window(account);
    w.override = w.used + n;
  }
  getRemainingDailyQuota(): number {
    this.rt.hit('MailApp.getRemainingDailyQuota');
    return this.remaining();
  }
  sendEmail(a: unknown, b?: unknown, c?: unknown, d?: unknown): void {
    this.rt.hit('MailApp.sendEmail');
    let m: MailParams & { to?: string };
    if (typeof a === 'object' && a !== null) m = { ...(a as MailParams) };
    else if (typeof d === 'string') m = { to: String(a), replyTo: String(b), subject: String(c), body: d };
    else m = { ...((d as MailParams | undefined) ?? {}), to: String(a), subject: String(b), body: c === undefined ? '' : String(c) };
    const to = parseRecipients(m.to);
    const cc = parseRecipients(m.cc);
    const bcc = parseRecipients(m.bcc);
    if (m.replyTo) parseRecipients(m.replyTo);
    const n = to.length + cc.length + bcc.length;
    if (n === 0) throw new Error(MailErrors.noRecipient);
    if (n > RECIPIENTS_PER_MESSAGE) throw new Error(MailErrors.perMessage);
    const account = this.from();
    if (n > this.remaining(account)) throw new Error(MailErrors.quota);
    this.window(account).used += n;
    const mail: SentMail = { from: account, to: to.join(','), subject: String(m.subject ?? ''), body: String(m.body ?? ''), at: this.rt.clock.now() };
    if (cc.length) mail.cc = cc.join(',');
    if (bcc.length) mail.bcc = bcc.join(',');
    if (m.htmlBody !== undefined) mail.htmlBody = String(m.htmlBody);
    if (m.name !== undefined) mail.name = String(m.name);
    if (m.replyTo !== undefined) mail.replyTo = String(m.replyTo);
    if (m.noReply !== undefined) mail.noReply = Boolean(m.noReply);
    if (Array.isArray(m.attachments) && m.attachments.length) {
      mail.attachments = (m.attachments as unknown as EmuBlob[]).map((x) => ({ name: x.name ?? 'attachment', contentType: x.contentType ?? 'application/octet-stream', data: x.data }));
    }
    this.outbox.push(mail);
  }
}
