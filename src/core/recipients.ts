/**
 * Who reminders can reach, shown to the person who turns them on before any mail goes out. Any editor
 * can type an address into Team or Settings → Manager emails, and the owner's account would mail it the
 * team's data: so the owner sees every address (outside ones marked) and confirms the list; a later run
 * sends only to confirmed addresses, and a new one waits until someone confirms it.
 *
 * Allowed email domains defaults to the sender's own domain for a company (Workspace) account; a personal
 * account (gmail.com and the like) has no company domain, and the confirmation says what that means.
 */
import { addressProblem } from './digest';
import { Workbook } from './model';

/** Mail domains of personal accounts: no company's domain, so no default restriction can come from them. */
export const PERSONAL_DOMAINS: readonly string[] = [
  'gmail.com', 'googlemail.com', 'qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net', 'sina.com', 'sina.cn', 'sohu.com',
  'aliyun.com', '139.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'icloud.com', 'me.com', 'proton.me',
];

export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).trim().toLowerCase();
}

export interface AllowedDomains {
  readonly domains: readonly string[];
  /** Where they come from: typed in Settings, the sender's company domain by default, or none (a personal account). */
  readonly source: 'settings' | 'sender' | 'none';
}

/** Settings → Allowed email domains, or by default the sender's own domain when it is a company's. */
export function allowedDomains(typed: readonly string[], sender: string): AllowedDomains {
  if (typed.length > 0) return { domains: typed, source: 'settings' };
  const domain = domainOf(sender);
  if (domain === '' || PERSONAL_DOMAINS.includes(domain)) return { domains: [], source: 'none' };
  return { domains: [domain], source: 'sender' };
}

/** The workbook as the reminders see it: Allowed email domains filled with the default when blank. */
export function withAllowedDomains(workbook: Workbook, allowed: AllowedDomains): Workbook {
  if (allowed.source === 'settings') return workbook;
  return { ...workbook, settings: { ...workbook.settings, allowedDomains: allowed.domains } };
}

export interface Recipient {
  readonly email: string;
  readonly name: string;
  readonly role: 'owner' | 'manager';
  /** Not the sender's domain: mail with the team's data leaves the company. */
  readonly outside: boolean;
}

/**
 * Every address a reminder run can send to: Team members with Reminders on and an address the allowed
 * domains accept, and Settings → Manager emails (the only addresses that get the managers' summary).
 */
export function reminderRecipients(workbook: Workbook, sender: string): Recipient[] {
  const { team } = workbook;
  const { managerEmails, allowedDomains: allowed } = workbook.settings;
  const senderDomain = domainOf(sender);
  const seen = new Map<string, Recipient>();
  const add = (email: string, name: string, role: Recipient['role']): void => {
    const key = email.trim().toLowerCase();
    if (key === '' || addressProblem(key, allowed) !== null || seen.has(key)) return;
    seen.set(key, { email: key, name, role, outside: senderDomain !== '' && domainOf(key) !== senderDomain });
  };
  for (const raw of managerEmails) add(raw, '', 'manager');
  for (const person of team) if (person.reminders) add(person.email, person.name, 'owner');
  return [...seen.values()].sort((a, b) => (a.role === b.role ? a.email.localeCompare(b.email) : a.role === 'manager' ? -1 : 1));
}

/** Addresses in `current` that nobody has confirmed yet. */
export function unconfirmed(current: readonly Recipient[], confirmed: readonly string[]): Recipient[] {
  const known = new Set(confirmed.map((e) => e.toLowerCase()));
  return current.filter((r) => !known.has(r.email));
}
