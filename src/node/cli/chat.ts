import { createHmac } from 'node:crypto';
import {
  CHAT_ATTEMPTS, CHAT_LIMITS, ChatOutcome, ChatPlatform, PLATFORM_NAME, chatOutcome, chatRequest, platformOfName, platformOfUrl, retryDelayMs,
  splitMessage,
} from '../../core/chat';
import { ChatPost, ChatWebhook } from '../../core/chatPlan';
import { Lang, pick } from '../../core/i18n';
import { Io, UsageError } from './args';
import { CLI, say } from './text';

const hmac = (key: string, message: string): string => createHmac('sha256', Buffer.from(key, 'utf8')).update(Buffer.from(message, 'utf8')).digest('base64');

/** `--webhook URL --webhook-kind googlechat|slack|wecom|dingtalk|feishu [--webhook-secret S]`, or null without --webhook. */
export function webhookOption(values: Readonly<Record<string, string>>, lang: Lang): ChatWebhook | null {
  const url = values.webhook;
  if (url === undefined) {
    if (values['webhook-kind'] !== undefined || values['webhook-secret'] !== undefined) throw new UsageError(say(CLI.webhookMissing, lang));
    return null;
  }
  if (!/^https?:\/\/\S+$/i.test(url)) throw new UsageError(say(CLI.webhookBadUrl, lang, { url }));
  const kind = values['webhook-kind'];
  const platform: ChatPlatform | null = kind === undefined ? platformOfUrl(url) : platformOfName(kind);
  if (platform === null) throw new UsageError(say(CLI.webhookKind, lang, { value: kind ?? '' }));
  return { platform, url, secret: values['webhook-secret'] ?? '' };
}

const sleepFor = (io: Io) => (ms: number): Promise<void> => (io.sleep ? io.sleep(ms) : new Promise((resolve) => setTimeout(resolve, ms)));

async function postOne(webhook: ChatWebhook, message: ChatPost['message'], lang: Lang, io: Io): Promise<ChatOutcome> {
  const platform = pick(PLATFORM_NAME[webhook.platform], lang);
  let outcome: ChatOutcome = { ok: false, retry: true, detail: '' };
  for (let attempt = 1; attempt <= CHAT_ATTEMPTS; attempt++) {
    const request = chatRequest(webhook.platform, webhook.url, webhook.secret, message, io.now().getTime(), hmac);
    try {
      const response = await fetch(request.url, { method: 'POST', headers: { 'Content-Type': request.contentType }, body: request.body });
      outcome = chatOutcome(webhook.platform, response.status, await response.text());
    } catch (error) {
      outcome = { ok: false, retry: true, detail: (error as Error).message };
    }
    if (outcome.ok || !outcome.retry || attempt === CHAT_ATTEMPTS) return outcome;
    const wait = retryDelayMs(attempt);
    io.err(say(CLI.chatRetry, lang, { platform, detail: outcome.detail, seconds: wait / 1000, next: attempt + 1, max: CHAT_ATTEMPTS }));
    await sleepFor(io)(wait);
  }
  return outcome;
}

/** Posts the run's chat messages (split to the platform's size, spaced to its rate, retried with backoff). */
export async function postChatOffline(webhook: ChatWebhook, posts: readonly ChatPost[], lang: Lang, io: Io, quiet: boolean): Promise<{ posted: number; failed: number }> {
  const limit = CHAT_LIMITS[webhook.platform];
  const platform = pick(PLATFORM_NAME[webhook.platform], lang);
  let requests = 0;
  let posted = 0;
  let failed = 0;
  for (const post of posts) {
    const what = post.key === 'summary' ? say(CLI.chatSummary, lang) : say(CLI.chatOwner, lang, { name: post.message.mentions[0]?.name ?? '' });
    const parts = splitMessage(webhook.platform, post.message);
    if (requests + parts.length > limit.maxPerRun) {
      io.err(say(CLI.chatHeldBack, lang, { what, platform, max: limit.maxPerRun }));
      failed++;
      continue;
    }
    let outcome: ChatOutcome = { ok: true };
    for (const part of parts) {
      if (requests > 0) await sleepFor(io)(limit.minIntervalMs);
      requests++;
      outcome = await postOne(webhook, part, lang, io);
      if (!outcome.ok) break;
    }
    if (outcome.ok) {
      posted++;
      if (!quiet) io.out(say(CLI.chatPosted, lang, { what, platform }));
    } else {
      failed++;
      io.err(say(CLI.chatFailed, lang, { what, platform, detail: outcome.detail }));
    }
  }
  return { posted, failed };
}
