/**
 * Chat notifications through the built bundle: a local HTTP server on 127.0.0.1 (in its own thread) plays each
 * platform's webhook; the emulator's UrlFetchApp posts to it for real. Payload shape per platform, the
 * DingTalk and Feishu signatures verified, a retry after a 500, no second post after success, messages within
 * the platform's size, a failing chat never stopping the emails; and the offline `remind --webhook`.
 */
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { CHAT_LIMITS, utf8Bytes } from '../../src/core/chat';
import { Emulator } from '../../src/node/emulator';
import { main } from '../../src/node/cli';
import { ChatServer, Received, startChatServer } from '../chatServer';
import { recordingIo, tempDir } from '../node/xlsxHelpers';
import { exampleEmulator } from './harness';

const THURSDAY = new Date('2023-07-27T15:00:00+08:00');
const SECRET = 'SEC0123456789abcdef';
let server: ChatServer;

beforeAll(async () => { server = await startChatServer(); });
afterAll(async () => { await server.close(); });

function setSetting(emulator: Emulator, label: string, value: string): void {
  const sheet = emulator.spreadsheet.getSheetByName('Settings')!;
  const row = sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues().findIndex((r) => r[0] === label) + 1;
  sheet.getRange(row, 2).setValue(value);
}

/** The example sheet with chat on, Li's mobile and Zhang's chat ID in Team, and the webhook entered through the dialog. */
function chatSheet(kind: string, path: string, mode = "Summary and owners' digests", secret = ''): Emulator {
  const emulator = exampleEmulator({ now: THURSDAY });
  setSetting(emulator, 'Chat notifications', mode);
  const team = emulator.spreadsheet.getSheetByName('Team')!;
  const header = team.getRange(1, 1, 1, team.getLastColumn()).getValues()[0]!;
  const names = team.getRange(1, 1, team.getLastRow(), 1).getValues().map((r) => r[0]);
  team.getRange(names.indexOf('Li*') + 1, header.indexOf('Mobile') + 1).setValue("'13800001111");
  team.getRange(names.indexOf('Zhang*') + 1, header.indexOf('Chat user ID') + 1).setValue(kind === 'feishu' ? 'ou_zhang' : 'U024BE7LH');
  emulator.ui.respondNextPrompt(`${server.url}${path}`);
  emulator.ui.respondNextPrompt(kind);
  if (kind === 'dingtalk' || kind === 'feishu') emulator.ui.respondNextPrompt(secret);
  emulator.call('menuChatSettings');
  return emulator;
}

function logDetails(emulator: Emulator): string[] {
  const log = emulator.spreadsheet.getSheetByName('Log')!;
  return log.getRange(2, 1, log.getLastRow() - 1, 4).getValues().map((r) => String(r[3]));
}

const bodies = (received: readonly Received[]): Record<string, unknown>[] => received.map((r) => JSON.parse(r.body) as Record<string, unknown>);
const hmac = (key: string, message: string): string => createHmac('sha256', key).update(message).digest('base64');

describe('chat notifications from the reminder run', () => {
  beforeEach(async () => {
    await server.received();
    await server.script([], { status: 200, body: 'ok' });
  });

  it('keeps the webhook in script properties, never in a cell, and shows it masked', () => {
    const emulator = chatSheet('dingtalk', '/robot/send?access_token=abc123secret', "Managers' summary", SECRET);
    const stored = JSON.parse(emulator.properties.script.get('chat.webhook')!) as { platform: string; url: string; secret: string };
    expect(stored).toEqual({ platform: 'dingtalk', url: `${server.url}/robot/send?access_token=abc123secret`, secret: SECRET });
    const everyCell = emulator.spreadsheet.getSheets().flatMap((s) => (s.getLastRow() > 0 ? s.getDataRange().getValues().flat() : [])).map(String);
    expect(everyCell.some((c) => c.includes('abc123secret') || c.includes(SECRET))).toBe(false);
    expect(emulator.ui.alerts.at(-1)!.prompt).toContain('/robot/send?access_token=…');
  });

  it('Google Chat: {"text"} with the summary and the owners, Zhang mentioned as <users/…>', async () => {
    const emulator = chatSheet('googlechat', '/v1/spaces/AAA/messages?key=k&token=t');
    emulator.call('menuSendRemindersNow');
    const received = await server.received();
    const texts = bodies(received).map((b) => b.text as string);
    expect(Object.keys(bodies(received)[0]!)).toEqual(['text']);
    expect(texts[0]).toMatch(/^\*\[East China sales team\] Weekly summary, week 2023-W30\*\n/);
    expect(texts.some((t) => t.includes('<users/U024BE7LH>'))).toBe(true);
    expect(texts).toHaveLength(4); // the summary and Zhang's, Li's and Wang's digests
    expect(emulator.mail.length).toBeGreaterThan(0);
  });

  it('Slack: mrkdwn text with <@U…> mentions', async () => {
    const emulator = chatSheet('slack', '/services/T000/B000/XXXX');
    emulator.call('menuSendRemindersNow');
    const texts = bodies(await server.received()).map((b) => b.text as string);
    expect(texts.some((t) => t.includes('<@U024BE7LH>'))).toBe(true);
  });

  it('WeCom: markdown, and a text message that mentions Li by mobile', async () => {
    await server.script([], { status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    const emulator = chatSheet('wecom', '/cgi-bin/webhook/send?key=abc');
    emulator.call('menuSendRemindersNow');
    const all = bodies(await server.received());
    expect(all[0]).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringMatching(/^\*\*\[East China sales team\] Weekly summary/) } });
    const li = all.find((b) => b.msgtype === 'text')!;
    expect(li).toMatchObject({ text: { mentioned_mobile_list: ['13800001111'] } });
    const zhang = all.find((b) => b.msgtype === 'markdown' && String((b.markdown as { content: string }).content).includes('<@U024BE7LH>'));
    expect(zhang).toBeDefined();
    for (const b of all) {
      const content = b.msgtype === 'text' ? (b.text as { content: string }).content : (b.markdown as { content: string }).content;
      expect(utf8Bytes(content)).toBeLessThanOrEqual(b.msgtype === 'text' ? 2_048 : 4_096);
    }
  });

  it('DingTalk: signed request (timestamp and HmacSHA256 sign verified), markdown with at.atMobiles', async () => {
    await server.script([], { status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    const emulator = chatSheet('dingtalk', '/robot/send?access_token=tok', "Summary and owners' digests", SECRET);
    emulator.call('menuSendRemindersNow');
    const received = await server.received();
    expect(received.length).toBe(4);
    for (const r of received) {
      const url = new URL(r.path, server.url);
      const timestamp = url.searchParams.get('timestamp')!;
      expect(url.searchParams.get('access_token')).toBe('tok');
      expect(url.searchParams.get('sign')).toBe(hmac(SECRET, `${timestamp}\n${SECRET}`));
      expect(Math.abs(Number(timestamp) - emulator.clock.nowMs())).toBeLessThan(3_600_000);
    }
    const li = bodies(received).find((b) => (b.at as { atMobiles: string[] }).atMobiles.includes('13800001111'))!;
    expect(li).toMatchObject({ msgtype: 'markdown', markdown: { text: expect.stringContaining('@13800001111') } });
  });

  it('Feishu: post rich text, signed (base64 HmacSHA256 keyed by timestamp + "\\n" + secret, empty message), at by open_id', async () => {
    await server.script([], { status: 200, body: '{"code":0,"msg":"success"}' });
    const emulator = chatSheet('feishu', '/open-apis/bot/v2/hook/xyz', "Summary and owners' digests", SECRET);
    emulator.call('menuSendRemindersNow');
    const all = bodies(await server.received());
    for (const b of all) {
      expect(b.msg_type).toBe('post');
      expect(b.sign).toBe(hmac(`${String(b.timestamp)}\n${SECRET}`, ''));
      expect(Math.abs(Number(b.timestamp) * 1000 - emulator.clock.nowMs())).toBeLessThan(3_600_000);
      expect(utf8Bytes(JSON.stringify(b))).toBeLessThanOrEqual(20 * 1024);
    }
    expect(JSON.stringify(all)).toContain('{"tag":"at","user_id":"ou_zhang"}');
  });

  it('retries after a 500 with backoff, in Log, and posts nothing twice for the period', async () => {
    await server.script([{ status: 500, body: 'oops' }], { status: 200, body: 'ok' });
    const emulator = chatSheet('slack', '/services/T/B/C', "Managers' summary");
    emulator.call('menuSendRemindersNow');
    expect((await server.received()).length).toBe(2);
    const log = logDetails(emulator);
    expect(log).toContain('Slack answered HTTP 500 oops: trying again in 1 s (attempt 2 of 3).');
    expect(log).toContain("Posted the managers' summary to Slack (week 2023-W30).");
    emulator.call('menuSendRemindersNow');
    expect(await server.received()).toEqual([]);
    expect(logDetails(emulator)).toContain("Already posted for week 2023-W30, not posted again: the managers' summary.");
  });

  it('a chat that keeps failing never stops the emails', async () => {
    await server.script([], { status: 400, body: 'invalid_payload' });
    const emulator = chatSheet('slack', '/services/T/B/D', "Managers' summary");
    emulator.call('menuSendRemindersNow');
    expect((await server.received()).length).toBe(1); // a 400 is not retried
    expect(emulator.mail.map((m) => m.to)).toEqual(['director@example.com', 'zhang@example.com', 'li@example.com', 'wang@example.com']);
    expect(logDetails(emulator)).toContain("Not posted to Slack: the managers' summary (HTTP 400 invalid_payload). The emails are not affected.");
  });

  it('splits a long digest into parts within the platform\'s size', async () => {
    await server.script([], { status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    const emulator = chatSheet('wecom', '/cgi-bin/webhook/send?key=long', "Summary and owners' digests");
    const tracking = emulator.spreadsheet.getSheetByName('Tracking')!;
    const rows = Array.from({ length: 120 }, (_, i) => ['Execute', `Call prospect number ${i + 1} about the autumn trade show offer, the distributor terms and the pilot order for the Suzhou and Ningbo plants`, 'Wang*', '2023-07-20', 'In progress', '', '', '', '', '', 'Weekly', '']);
    tracking.getRange(tracking.getLastRow() + 1, 1, rows.length, 12).setValues(rows);
    emulator.call('menuSendRemindersNow');
    const contents = bodies(await server.received()).map((b) => (b.msgtype === 'markdown' ? (b.markdown as { content: string }).content : (b.text as { content: string }).content));
    for (const content of contents) expect(utf8Bytes(content)).toBeLessThanOrEqual(CHAT_LIMITS.wecom.maxBytes);
    // Wang's digest (20 overdue tasks listed) is posted in numbered parts, the first greeting him.
    const first = contents.find((c) => /Your reminders, week 2023-W30 \(1\/\d\)/.test(c))!;
    expect(first).toContain('Hello Wang');
    expect(contents.some((c) => /Your reminders, week 2023-W30 \(2\/\d\)/.test(c))).toBe(true);
  });
});

describe('market-expansion remind --webhook', () => {
  it('posts the summary to the webhook, signed, after writing the emails', async () => {
    await server.received();
    await server.script([], { status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    const dir = tempDir();
    const io = recordingIo(dir);
    expect(await main(['template', '--example', '--out', 'plan.xlsx'], io)).toBe(0);
    const code = await main([
      'remind', 'plan.xlsx', '--as-of', '2023-07-28', '--out', join(dir, 'emails'),
      '--webhook', `${server.url}/robot/send?access_token=offline`, '--webhook-kind', 'dingtalk', '--webhook-secret', SECRET,
    ], { ...io, sleep: async () => undefined });
    expect(code).toBe(0);
    const received = await server.received();
    expect(received).toHaveLength(1);
    const url = new URL(received[0]!.path, server.url);
    expect(url.searchParams.get('sign')).toBe(hmac(SECRET, `${url.searchParams.get('timestamp')}\n${SECRET}`));
    expect(io.stdout).toContain("Posted the managers' summary to DingTalk custom robot.");
  });

  it('refuses an unknown platform', async () => {
    const io = recordingIo(tempDir());
    expect(await main(['remind', 'plan.xlsx', '--webhook', 'http://127.0.0.1:1/x', '--webhook-kind', 'icq'], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/^--webhook-kind must be googlechat, slack, wecom, dingtalk or feishu/);
  });
});
