/**
 * Chat notifications (群聊通知): the managers' summary and, if the team wants, each owner's digest, posted to
 * the group where the team talks — Google Chat, Slack, WeCom (企业微信) group robot, DingTalk (钉钉) custom
 * robot, Feishu/Lark (飞书) custom bot — each in its own message format, within its message size, with
 * @mentions where the platform has them, signed where the robot has a secret. Pure: the adapters post the
 * requests (UrlFetchApp in Apps Script, fetch offline) and pass in the HMAC the platform's signature needs.
 *
 * Formats and limits, from each platform's documentation (see the README for the sources):
 * - Google Chat incoming webhook: {"text"} with *bold*, <url|text> links and <users/ID> mentions; writes per
 *   space are rate-limited (429 means back off).
 * - Slack incoming webhook: {"text"} in mrkdwn, <url|text> links, <@U…> mentions; about 1 message per second.
 * - WeCom group robot: {"msgtype":"markdown"} (content at most 4,096 bytes) or {"msgtype":"text"} (at most
 *   2,048 bytes, with mentioned_list by user ID and mentioned_mobile_list by mobile); 20 messages a minute.
 * - DingTalk custom robot: {"msgtype":"markdown","at":{atMobiles,atUserIds}}, the text naming each @mobile;
 *   signed by timestamp (ms) and sign = urlencode(base64(HmacSHA256(secret, timestamp + "\n" + secret)));
 *   20 messages a minute (more blocks the robot for 10 minutes).
 * - Feishu custom bot: {"msg_type":"post"} rich text with {"tag":"at","user_id"} mentions; signed by timestamp
 *   (s) and sign = base64(HmacSHA256(key = timestamp + "\n" + secret, message "")); request body at most 20 KB;
 *   100 requests a minute, 5 a second.
 */
import { Bilingual } from './i18n';

export type ChatPlatform = 'googlechat' | 'slack' | 'wecom' | 'dingtalk' | 'feishu';
export const CHAT_PLATFORMS: readonly ChatPlatform[] = ['googlechat', 'slack', 'wecom', 'dingtalk', 'feishu'];

export const PLATFORM_NAME: Readonly<Record<ChatPlatform, Bilingual>> = {
  googlechat: { en: 'Google Chat', zh: 'Google Chat' },
  slack: { en: 'Slack', zh: 'Slack' },
  wecom: { en: 'WeCom group robot', zh: '企业微信群机器人' },
  dingtalk: { en: 'DingTalk custom robot', zh: '钉钉自定义机器人' },
  feishu: { en: 'Feishu / Lark custom bot', zh: '飞书自定义机器人' },
};

export interface ChatLimit {
  /** Most UTF-8 bytes of message text per request (a longer message is split into parts). */
  readonly maxBytes: number;
  /** Least time between two requests to the same webhook. */
  readonly minIntervalMs: number;
  /** Most requests a run makes to one webhook (the platform's per-minute limit, with room to spare). */
  readonly maxPerRun: number;
}

/** Message size and rate per platform; sizes leave room for the JSON around the text. */
export const CHAT_LIMITS: Readonly<Record<ChatPlatform, ChatLimit>> = {
  // Google Chat: per-space write quota (429 on excess); text kept under 4,000 characters' worth.
  googlechat: { maxBytes: 4_000, minIntervalMs: 1_100, maxPerRun: 50 },
  // Slack: ~1 message per second per webhook; messages over 4,000 characters are hard to read and truncated at 40,000.
  slack: { maxBytes: 3_900, minIntervalMs: 1_100, maxPerRun: 50 },
  // WeCom: markdown content ≤ 4,096 bytes, text ≤ 2,048 bytes; 20 messages a minute.
  wecom: { maxBytes: 4_000, minIntervalMs: 3_100, maxPerRun: 18 },
  // DingTalk: 20 messages a minute; markdown kept at the same size as WeCom's.
  dingtalk: { maxBytes: 4_000, minIntervalMs: 3_100, maxPerRun: 18 },
  // Feishu: request body ≤ 20 KB; 100 a minute, 5 a second.
  feishu: { maxBytes: 15_000, minIntervalMs: 250, maxPerRun: 90 },
};
/** WeCom's text message (the one that mentions by mobile) is at most 2,048 bytes. */
const WECOM_TEXT_BYTES = 2_000;

/** The platform a webhook URL belongs to, from its host; null for one it does not know (the person says which). */
export function platformOfUrl(url: string): ChatPlatform | null {
  const host = /^https?:\/\/([^/:?#]+)/i.exec(url.trim())?.[1]?.toLowerCase() ?? '';
  if (host === 'chat.googleapis.com') return 'googlechat';
  if (host === 'hooks.slack.com') return 'slack';
  if (host === 'qyapi.weixin.qq.com') return 'wecom';
  if (host === 'oapi.dingtalk.com') return 'dingtalk';
  if (host === 'open.feishu.cn' || host === 'open.larksuite.com') return 'feishu';
  return null;
}

/** The platform a person named (either language, key or label); null when it is none. */
export function platformOfName(text: string): ChatPlatform | null {
  const t = text.trim().toLowerCase().replace(/[\s_/-]+/g, '');
  if (t === '') return null;
  if (/googlechat|谷歌|gchat|hangouts/.test(t)) return 'googlechat';
  if (/slack/.test(t)) return 'slack';
  if (/wecom|wework|企业微信|企微|qywx/.test(t)) return 'wecom';
  if (/dingtalk|dingding|钉钉/.test(t)) return 'dingtalk';
  if (/feishu|lark|飞书/.test(t)) return 'feishu';
  return null;
}

export interface ChatMention {
  readonly name: string;
  /** Mobile number from the Team tab (WeCom, DingTalk mention by mobile). */
  readonly mobile: string;
  /** Chat user ID from the Team tab (Google Chat users/…, Slack U…, WeCom/DingTalk user ID, Feishu open_id ou_…). */
  readonly userId: string;
}

/** One message to post: a title line, body lines, an optional link, and who to @mention. */
export interface ChatMessage {
  readonly title: string;
  readonly lines: readonly string[];
  readonly link?: { readonly text: string; readonly url: string };
  readonly mentions: readonly ChatMention[];
}

export interface ChatRequest {
  readonly url: string;
  readonly contentType: string;
  readonly body: string;
}

/** base64(HMAC-SHA256(key, message)), UTF-8: Utilities.computeHmacSha256Signature in Apps Script, crypto offline. */
export type HmacBase64 = (key: string, message: string) => string;

export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** `text` cut to at most `max` UTF-8 bytes, whole characters, ending in "…" when cut. */
function cutToBytes(text: string, max: number): string {
  if (utf8Bytes(text) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (utf8Bytes(out + ch) > max - 3) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * The message in parts that each fit the platform: whole lines per part (a single line too long for any part
 * is cut), the title on every part with "(2/3)" when there are several, mentions and link on the first part.
 */
export function splitMessage(platform: ChatPlatform, message: ChatMessage): ChatMessage[] {
  const limit = (platform === 'wecom' && message.mentions.some((m) => m.userId === '' && m.mobile !== '') ? WECOM_TEXT_BYTES : CHAT_LIMITS[platform].maxBytes);
  // Room for the title, the part number, the link and the mentions.
  const overhead = utf8Bytes(message.title) + 16 + (message.link ? utf8Bytes(message.link.text) + utf8Bytes(message.link.url) + 8 : 0)
    + message.mentions.reduce((n, m) => n + utf8Bytes(m.name) + utf8Bytes(m.userId) + utf8Bytes(m.mobile) + 24, 0);
  const room = Math.max(200, limit - overhead);
  const parts: string[][] = [[]];
  let size = 0;
  for (const raw of message.lines) {
    const line = cutToBytes(raw, room);
    const cost = utf8Bytes(line) + 1;
    if (size + cost > room && parts[parts.length - 1]!.length > 0) {
      parts.push([]);
      size = 0;
    }
    parts[parts.length - 1]!.push(line);
    size += cost;
  }
  if (parts.length === 1) return [message];
  return parts.map((lines, i) => ({
    title: `${message.title} (${i + 1}/${parts.length})`,
    lines,
    ...(i === 0 && message.link ? { link: message.link } : {}),
    mentions: i === 0 ? message.mentions : [],
  }));
}

const mdEscape = (text: string): string => text.replace(/([*_`~])/g, '\\$1');

function slackLike(message: ChatMessage, mention: (m: ChatMention) => string): string {
  const link = message.link ? `\n<${message.link.url}|${message.link.text}>` : '';
  const mentions = message.mentions.map(mention).filter((m) => m !== '').join(' ');
  return `*${message.title.replace(/\*/g, '')}*\n${message.lines.join('\n')}${link}${mentions ? `\n${mentions}` : ''}`;
}

/** The request that posts one (already split) message; `nowMs` and `hmac` sign it where the robot has a secret. */
export function chatRequest(platform: ChatPlatform, webhook: string, secret: string, message: ChatMessage, nowMs: number, hmac: HmacBase64): ChatRequest {
  const json = (body: unknown): ChatRequest => ({ url: webhook, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) });
  switch (platform) {
    case 'googlechat':
      return json({ text: slackLike(message, (m) => (m.userId ? `<users/${m.userId.replace(/^users\//, '')}>` : `@${m.name}`)) });
    case 'slack':
      return json({ text: slackLike(message, (m) => (m.userId ? `<@${m.userId}>` : `@${m.name}`)) });
    case 'wecom': {
      const byMobile = message.mentions.filter((m) => m.userId === '' && m.mobile !== '');
      if (byMobile.length > 0) {
        // Only the text message mentions by mobile number.
        const text = [message.title, ...message.lines, ...(message.link ? [`${message.link.text}: ${message.link.url}`] : [])].join('\n');
        return json({
          msgtype: 'text',
          text: {
            content: text, mentioned_list: message.mentions.filter((m) => m.userId !== '').map((m) => m.userId),
            mentioned_mobile_list: byMobile.map((m) => m.mobile),
          },
        });
      }
      const link = message.link ? `\n[${message.link.text}](${message.link.url})` : '';
      const mentions = message.mentions.map((m) => (m.userId ? `<@${m.userId}>` : `@${m.name}`)).join(' ');
      return json({ msgtype: 'markdown', markdown: { content: `**${message.title}**\n${message.lines.map(mdEscape).join('\n')}${link}${mentions ? `\n${mentions}` : ''}` } });
    }
    case 'dingtalk': {
      // The markdown must name each @mobile / @userId for the mention to reach the person.
      const mentions = message.mentions.map((m) => (m.mobile ? `@${m.mobile}` : m.userId ? `@${m.userId}` : `@${m.name}`)).join(' ');
      const link = message.link ? `\n\n[${message.link.text}](${message.link.url})` : '';
      const text = `#### ${message.title}\n\n${message.lines.map((l) => `${mdEscape(l)}`).join('\n\n')}${link}${mentions ? `\n\n${mentions}` : ''}`;
      let url = webhook;
      if (secret !== '') {
        const timestamp = String(nowMs);
        const sign = encodeURIComponent(hmac(secret, `${timestamp}\n${secret}`));
        url = `${webhook}${webhook.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${sign}`;
      }
      return {
        url, contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({
          msgtype: 'markdown', markdown: { title: message.title, text },
          at: { atMobiles: message.mentions.filter((m) => m.mobile).map((m) => m.mobile), atUserIds: message.mentions.filter((m) => !m.mobile && m.userId).map((m) => m.userId), isAtAll: false },
        }),
      };
    }
    case 'feishu': {
      const rows: unknown[][] = message.lines.map((line) => [{ tag: 'text', text: line }]);
      if (message.link) rows.push([{ tag: 'a', text: message.link.text, href: message.link.url }]);
      const mentions = message.mentions.map((m) => (m.userId ? { tag: 'at', user_id: m.userId } : { tag: 'text', text: `@${m.name} ` }));
      if (mentions.length > 0) rows.push(mentions);
      const body: Record<string, unknown> = { msg_type: 'post', content: { post: { zh_cn: { title: message.title, content: rows } } } };
      if (secret !== '') {
        const timestamp = String(Math.floor(nowMs / 1000));
        body.timestamp = timestamp;
        body.sign = hmac(`${timestamp}\n${secret}`, '');
      }
      return json(body);
    }
  }
}

export type ChatOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly retry: boolean; readonly detail: string };

/** Whether the platform took the message, from its HTTP status and body (several answer 200 with an error code). */
export function chatOutcome(platform: ChatPlatform, status: number, body: string): ChatOutcome {
  const short = body.length > 300 ? `${body.slice(0, 300)}…` : body;
  if (status === 429 || status >= 500) return { ok: false, retry: true, detail: `HTTP ${status} ${short}`.trim() };
  if (status < 200 || status >= 300) return { ok: false, retry: false, detail: `HTTP ${status} ${short}`.trim() };
  if (platform === 'googlechat' || platform === 'slack') return { ok: true };
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return { ok: false, retry: false, detail: `HTTP ${status} ${short}`.trim() };
  }
  const code = Number(platform === 'feishu' ? (parsed.code ?? parsed.StatusCode ?? -1) : (parsed.errcode ?? -1));
  if (code === 0) return { ok: true };
  const message = String(parsed.errmsg ?? parsed.msg ?? parsed.StatusMessage ?? '');
  // Rate limits and "system busy": worth another try; a bad signature, key or keyword is not.
  const busy = platform === 'wecom' ? [45009, -1] : platform === 'dingtalk' ? [130101, -1] : [9499, 11232];
  return { ok: false, retry: busy.includes(code), detail: `${code} ${message}`.trim() };
}

/** How long to wait before the nth retry (1-based): 1 s, 2 s, 4 s. */
export function retryDelayMs(attempt: number): number {
  return 1_000 * 2 ** (attempt - 1);
}
export const CHAT_ATTEMPTS = 3;

/**
 * A reminder email as a chat message: its subject as the title and its plain text as the lines (without the
 * footer, blank lines and the bare sheet link, which becomes the message's link).
 */
export function messageFromEmail(subject: string, text: string, sheetUrl: string, openText: string, mentions: readonly ChatMention[]): ChatMessage {
  const body = text.split('\n--\n')[0] ?? text;
  const lines = body.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '' && !l.includes(sheetUrl || '\u0000'));
  return { title: subject, lines, ...(sheetUrl !== '' ? { link: { text: openText, url: sheetUrl } } : {}), mentions };
}
