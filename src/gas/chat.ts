/**
 * Chat notifications in Apps Script: the webhook entered in a dialog (Reminders → Chat settings) and kept in
 * script properties, never in a cell; and, after each reminder run's emails, its chat posts (core/chatPlan.ts)
 * through UrlFetchApp (scope script.external_request), each platform's format and signature (core/chat.ts),
 * retried with backoff, spaced to the platform's rate, recorded so no period posts twice, every outcome a
 * Log row. A chat that fails never stops or undoes an email: it runs after the emails, and nothing it does
 * throws.
 */
import {
  CHAT_ATTEMPTS, CHAT_LIMITS, ChatMessage, ChatOutcome, PLATFORM_NAME, chatOutcome, chatRequest, platformOfName, platformOfUrl, retryDelayMs,
  splitMessage,
} from '../core/chat';
import { CHAT_WEBHOOK_PROPERTY, ChatPost, ChatWebhook, chatLedgerUpdate, chatPosts, chatSent, parseWebhook } from '../core/chatPlan';
import { type ReminderPlan } from '../core/digest';
import { periodLabel } from '../core/emailText';
import { Bilingual, Lang, fill, pick } from '../core/i18n';
import { appendLog, type LogEntry } from './log';
import { OpenWorkbook, openWorkbook } from './spreadsheet';
import { errorText } from './ui';
import { documentProperties, spreadsheetUi } from './run';

export const CT = {
  menu: { en: 'Chat settings…', zh: '群聊设置…' },
  action: { en: 'Chat', zh: '群聊' },
  askUrl: {
    en: 'Paste the webhook address of the group\'s robot: Google Chat, Slack, WeCom (企业微信), DingTalk (钉钉) or Feishu / Lark (飞书). It is kept in the script\'s properties, never in a cell.{current} Leave it empty and press OK to remove the webhook.',
    zh: '请粘贴群机器人的 Webhook 地址：Google Chat、Slack、企业微信、钉钉或飞书。地址保存在脚本属性中，不写入任何单元格。{current}留空并点击“确定”可删除现有地址。',
  },
  current: { en: ' Now: {platform}, {url}.', zh: '当前：{platform}，{url}。' },
  askPlatform: { en: 'Which platform is this webhook? Type Google Chat, Slack, WeCom, DingTalk or Feishu.', zh: '该 Webhook 属于哪个平台？请输入 Google Chat、Slack、企业微信、钉钉 或 飞书。' },
  askSecret: {
    en: 'The robot\'s signing secret (DingTalk: 加签 SEC…; Feishu: 签名校验), if its security settings have one. Leave empty if not.',
    zh: '如果机器人的安全设置启用了加签（钉钉：加签 SEC…；飞书：签名校验），请填写密钥；未启用请留空。',
  },
  badUrl: { en: '"{url}" is not a webhook address (it must start with https://). Nothing was changed.', zh: '“{url}”不是 Webhook 地址（应以 https:// 开头）。未做任何修改。' },
  badPlatform: { en: '"{name}" is not one of Google Chat, Slack, WeCom, DingTalk, Feishu. Nothing was changed.', zh: '“{name}”不是 Google Chat、Slack、企业微信、钉钉、飞书之一。未做任何修改。' },
  saved: {
    en: 'Chat: {platform} set ({url}). Posts go out with the reminders when Settings → Chat notifications is Managers\' summary or Summary and owners\' digests.',
    zh: '群聊：已设置{platform}（{url}）。当“设置 → 群聊通知”为“管理者汇总”或“汇总及个人提醒”时，提醒将同时发送到群聊。',
  },
  removed: { en: 'Chat webhook removed: nothing is posted to chat.', zh: '已删除群聊 Webhook：不再发送到群聊。' },
  cancelled: { en: 'Nothing was changed.', zh: '未做任何修改。' },
  noWebhook: { en: 'Settings → Chat notifications is on, but no webhook is set: Reminders → Chat settings.', zh: '“设置 → 群聊通知”已开启，但未设置 Webhook：请在“提醒 → 群聊设置”中填写。' },
  posted: { en: 'Posted {what} to {platform} ({period}).', zh: '已将{what}发送到{platform}（{period}）。' },
  already: { en: 'Already posted for {period}, not posted again: {what}.', zh: '{period}已发送过，不再重复发送：{what}。' },
  retry: { en: '{platform} answered {detail}: trying again in {seconds} s (attempt {next} of {max}).', zh: '{platform}返回 {detail}：{seconds} 秒后重试（第 {next}/{max} 次）。' },
  failed: { en: 'Not posted to {platform}: {what} ({detail}). The emails are not affected.', zh: '未能发送到{platform}：{what}（{detail}）。邮件不受影响。' },
  heldBack: { en: '{count} chat messages were not posted: {platform} takes at most {max} per run; they went by email.', zh: '有 {count} 条群聊消息未发送：{platform}每次最多接收 {max} 条；这些内容已通过邮件发送。' },
  summary: { en: 'the managers\' summary', zh: '管理者汇总' },
  owner: { en: '{name}\'s digest', zh: '{name}的提醒' },
} as const satisfies Record<string, Bilingual>;

const t = (text: Bilingual, lang: Lang, params: Record<string, string | number> = {}): string => pick(fill(text, params), lang);

/** A webhook as shown to people: its host and path, the token or key in it hidden. */
export function maskedUrl(url: string): string {
  return url.replace(/([?&](?:access_token|key|token)=)[^&]+/gi, '$1…').replace(/(\/hook\/|\/services\/)[^?#]+/i, '$1…');
}

/** base64(HMAC-SHA256(key, message)) with Apps Script's Utilities. */
function hmac(key: string, message: string): string {
  return Utilities.base64Encode(Utilities.computeHmacSha256Signature(message, key, Utilities.Charset.UTF_8));
}

/** Menu → Reminders → Chat settings: the webhook (and secret) in script properties, through prompts. */
export function runChatSettings(): void {
  const open = openWorkbook(SpreadsheetApp.getActiveSpreadsheet(), ['settings']);
  const { lang, tabs } = open;
  const ui = spreadsheetUi();
  const props = PropertiesService.getScriptProperties();
  const existing = parseWebhook(props.getProperty(CHAT_WEBHOOK_PROPERTY));
  const current = existing ? t(CT.current, lang, { platform: pick(PLATFORM_NAME[existing.platform], lang), url: maskedUrl(existing.url) }) : '';
  const title = pick(CT.menu, lang).replace('…', '');
  const url = ui.prompt(title, t(CT.askUrl, lang, { current }), ui.ButtonSet.OK_CANCEL);
  if (url.getSelectedButton() !== ui.Button.OK) {
    ui.alert(pick(CT.cancelled, lang));
    return;
  }
  const text = url.getResponseText().trim();
  if (text === '') {
    props.deleteProperty(CHAT_WEBHOOK_PROPERTY);
    appendLog(tabs, [{ action: pick(CT.action, lang), detail: pick(CT.removed, lang) }]);
    ui.alert(pick(CT.removed, lang));
    return;
  }
  if (!/^https?:\/\/\S+$/i.test(text)) {
    ui.alert(t(CT.badUrl, lang, { url: text }));
    return;
  }
  let platform = platformOfUrl(text);
  if (platform === null) {
    const named = ui.prompt(title, pick(CT.askPlatform, lang), ui.ButtonSet.OK_CANCEL);
    if (named.getSelectedButton() !== ui.Button.OK) {
      ui.alert(pick(CT.cancelled, lang));
      return;
    }
    platform = platformOfName(named.getResponseText());
    if (platform === null) {
      ui.alert(t(CT.badPlatform, lang, { name: named.getResponseText() }));
      return;
    }
  }
  let secret = '';
  if (platform === 'dingtalk' || platform === 'feishu') {
    const answer = ui.prompt(title, pick(CT.askSecret, lang), ui.ButtonSet.OK_CANCEL);
    if (answer.getSelectedButton() !== ui.Button.OK) {
      ui.alert(pick(CT.cancelled, lang));
      return;
    }
    secret = answer.getResponseText().trim();
  }
  const webhook: ChatWebhook = { platform, url: text, secret };
  props.setProperty(CHAT_WEBHOOK_PROPERTY, JSON.stringify(webhook));
  const message = t(CT.saved, lang, { platform: pick(PLATFORM_NAME[platform], lang), url: maskedUrl(text) });
  // The Log names the platform and a masked address: never the token or the secret.
  appendLog(tabs, [{ action: pick(CT.action, lang), detail: message }]);
  ui.alert(message);
}

/** Posts one message (already within the platform's size), retrying with backoff; every retry a Log row. */
function postWithRetries(webhook: ChatWebhook, message: ChatMessage, lang: Lang, log: LogEntry[]): ChatOutcome {
  const action = pick(CT.action, lang);
  const platform = pick(PLATFORM_NAME[webhook.platform], lang);
  let outcome: ChatOutcome = { ok: false, retry: true, detail: '' };
  for (let attempt = 1; attempt <= CHAT_ATTEMPTS; attempt++) {
    // Signed again on every attempt: the platforms reject an old timestamp.
    const request = chatRequest(webhook.platform, webhook.url, webhook.secret, message, Date.now(), hmac);
    try {
      const response = UrlFetchApp.fetch(request.url, { method: 'post', contentType: request.contentType, payload: request.body, muteHttpExceptions: true });
      outcome = chatOutcome(webhook.platform, response.getResponseCode(), response.getContentText());
    } catch (error) {
      // DNS, timeout, a refused connection: worth another try.
      outcome = { ok: false, retry: true, detail: errorText(error) };
    }
    if (outcome.ok || !outcome.retry || attempt === CHAT_ATTEMPTS) return outcome;
    const wait = retryDelayMs(attempt);
    log.push({ action, detail: t(CT.retry, lang, { platform, detail: outcome.detail, seconds: wait / 1000, next: attempt + 1, max: CHAT_ATTEMPTS }) });
    Utilities.sleep(wait);
  }
  return outcome;
}

/**
 * After a reminder run's emails: its chat posts, each once per period. Never throws: whatever goes wrong is a
 * Log row, and the emails have gone out already.
 */
export function postChat(open: OpenWorkbook, plan: ReminderPlan, sheetUrl: string, log: LogEntry[]): void {
  if (open.workbook.settings.chat === 'off' || !plan.chat) return;
  postMessages(open, plan.period, plan.today, chatPosts(plan, open.workbook.settings.chat, sheetUrl, open.lang), log);
}

/** Posts `posts` for `period` to the webhook, each at most once per period (see postChat). Never throws. */
export function postMessages(open: OpenWorkbook, periodKey: string, today: number, posts: readonly ChatPost[], log: LogEntry[]): void {
  const { workbook, lang } = open;
  const action = pick(CT.action, lang);
  try {
    if (workbook.settings.chat === 'off' || posts.length === 0) return;
    const webhook = parseWebhook(PropertiesService.getScriptProperties().getProperty(CHAT_WEBHOOK_PROPERTY));
    if (webhook === null) {
      log.push({ action, detail: pick(CT.noWebhook, lang) });
      return;
    }
    const plan = { period: periodKey, today };
    const props = documentProperties();
    const stored = props.getProperties();
    const sent = chatSent(stored, plan.period);
    const before = sent.size;
    const limit = CHAT_LIMITS[webhook.platform];
    const platform = pick(PLATFORM_NAME[webhook.platform], lang);
    const period = periodLabel(plan.period, lang);
    const what = (key: string, title: string): string => (key === 'summary' || key === 'rollup' ? pick(CT.summary, lang) : t(CT.owner, lang, { name: title }));
    let requests = 0;
    let heldBack = 0;
    try {
      for (const post of posts) {
        const name = post.key === 'summary' || post.key === 'rollup' ? '' : post.message.mentions[0]?.name ?? post.key;
        if (sent.has(post.key)) {
          log.push({ action, detail: t(CT.already, lang, { what: what(post.key, name), period }) });
          continue;
        }
        const parts = splitMessage(webhook.platform, post.message);
        if (requests + parts.length > limit.maxPerRun) {
          heldBack++;
          continue;
        }
        let outcome: ChatOutcome = { ok: true };
        for (const part of parts) {
          // Spaced to the platform's rate (WeCom and DingTalk: 20 a minute).
          if (requests > 0) Utilities.sleep(limit.minIntervalMs);
          requests++;
          outcome = postWithRetries(webhook, part, lang, log);
          if (!outcome.ok) break;
        }
        if (outcome.ok) {
          sent.add(post.key);
          log.push({ action, detail: t(CT.posted, lang, { what: what(post.key, name), platform, period }) });
        } else {
          log.push({ action, detail: t(CT.failed, lang, { what: what(post.key, name), platform, detail: outcome.detail }) });
        }
      }
    } finally {
      if (sent.size > before) {
        const { set, remove } = chatLedgerUpdate(stored, plan.period, [...sent], plan.today);
        props.setProperties(set);
        for (const key of remove) props.deleteProperty(key);
      }
    }
    if (heldBack > 0) log.push({ action, detail: t(CT.heldBack, lang, { count: heldBack, platform, max: limit.maxPerRun }) });
  } catch (error) {
    log.push({ action, detail: t(CT.failed, lang, { what: pick(CT.summary, lang), platform: '—', detail: errorText(error) }) });
  }
}

