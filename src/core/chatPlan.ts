/**
 * What a reminder run posts to the team's chat group, and the ledger that makes sure nothing is posted twice
 * for a period: the same chunked, pruned document-property record as the email ledger (digest.ts), under its
 * own prefix, so a trigger retry or "Send reminders now" after the trigger never posts a period again.
 */
import { ChatMention, ChatMessage, ChatPlatform, messageFromEmail } from './chat';
import { LEDGER_KEEP_DAYS, encodeChunks, periodStart, personKey, type ReminderPlan } from './digest';
import { Lang, pick } from './i18n';
import { Person } from './model';
import { Day } from './values';

/** Script property holding the webhook (JSON {platform, url, secret}): set by Reminders → Chat settings, never in a cell. */
export const CHAT_WEBHOOK_PROPERTY = 'chat.webhook';
/** Document properties recording what a period posted: `chat.sent.weekly:2023-W30` (chunked like the email ledger). */
export const CHAT_SENT_PREFIX = 'chat.sent.';

export interface ChatWebhook {
  readonly platform: ChatPlatform;
  readonly url: string;
  readonly secret: string;
}

export function parseWebhook(raw: string | null | undefined): ChatWebhook | null {
  if (!raw) return null;
  try {
    const w = JSON.parse(raw) as Partial<ChatWebhook>;
    const platforms: readonly string[] = ['googlechat', 'slack', 'wecom', 'dingtalk', 'feishu'];
    if (typeof w.url !== 'string' || w.url === '' || typeof w.platform !== 'string' || !platforms.includes(w.platform)) return null;
    return { platform: w.platform as ChatPlatform, url: w.url, secret: typeof w.secret === 'string' ? w.secret : '' };
  } catch {
    return null;
  }
}

export interface ChatPost {
  /** Ledger key: 'summary', or 'o:' + the owner's name key. */
  readonly key: string;
  readonly message: ChatMessage;
}

const OPEN_SHEET = { en: 'Open the sheet', zh: '打开表格' } as const;

function mentionOf(person: Person | null, name: string): ChatMention {
  return { name: person?.name ?? name, mobile: person?.mobile ?? '', userId: person?.chatId ?? '' };
}

/** The posts of a plan (planned with opts.chat): the managers' summary, and each owner's digest with an @mention when Settings says all. */
export function chatPosts(plan: ReminderPlan, mode: 'off' | 'summary' | 'all', sheetUrl: string, lang: Lang): ChatPost[] {
  if (mode === 'off' || !plan.chat) return [];
  const open = pick(OPEN_SHEET, lang);
  const posts: ChatPost[] = [];
  if (plan.chat.summary) posts.push({ key: 'summary', message: messageFromEmail(plan.chat.summary.subject, plan.chat.summary.text, sheetUrl, open, []) });
  if (mode === 'all') {
    for (const owner of plan.chat.owners) {
      posts.push({ key: `o:${personKey(owner.name)}`, message: messageFromEmail(owner.subject, owner.text, sheetUrl, open, [mentionOf(owner.person, owner.name)]) });
    }
  }
  return posts;
}

/** The keys a period has posted, from the stored properties. */
export function chatSent(props: Readonly<Record<string, string>>, period: string): Set<string> {
  const keys = new Set<string>();
  for (const [name, value] of Object.entries(props)) {
    if (name !== `${CHAT_SENT_PREFIX}${period}` && !name.startsWith(`${CHAT_SENT_PREFIX}${period}#`)) continue;
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) for (const k of parsed) if (typeof k === 'string') keys.add(k);
    } catch {
      // A damaged record is dropped rather than blocking every later run.
    }
  }
  return keys;
}

/** Properties to write so the period's record holds `keys`, and records past LEDGER_KEEP_DAYS to delete. */
export function chatLedgerUpdate(props: Readonly<Record<string, string>>, period: string, keys: readonly string[], today: Day): { set: Record<string, string>; remove: string[] } {
  const set = encodeChunks(CHAT_SENT_PREFIX, period, keys);
  const remove: string[] = [];
  for (const name of Object.keys(props)) {
    if (!name.startsWith(CHAT_SENT_PREFIX)) continue;
    const other = name.slice(CHAT_SENT_PREFIX.length).replace(/#\d+$/, '');
    if (other === period) {
      if (!(name in set)) remove.push(name);
      continue;
    }
    const start = periodStart(other);
    if (start === null || start < today - LEDGER_KEEP_DAYS) remove.push(name);
  }
  return { set, remove };
}
