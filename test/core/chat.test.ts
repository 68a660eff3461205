import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { CHAT_LIMITS, CHAT_PLATFORMS, chatOutcome, chatRequest, platformOfName, platformOfUrl, splitMessage, utf8Bytes } from '../../src/core/chat';
import { chatLedgerUpdate, chatSent, parseWebhook } from '../../src/core/chatPlan';

const hmac = (key: string, message: string): string => createHmac('sha256', key).update(message).digest('base64');
const MESSAGE = { title: '【华东销售团队】每周汇总（2023年第30周）', lines: ['新增客户数：截至今日应完成 13.55，实际 10'], mentions: [] };

describe('the platforms', () => {
  it('knows each platform from its webhook host, or from its name in either language', () => {
    expect(platformOfUrl('https://chat.googleapis.com/v1/spaces/AAA/messages?key=k')).toBe('googlechat');
    expect(platformOfUrl('https://hooks.slack.com/services/T/B/X')).toBe('slack');
    expect(platformOfUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x')).toBe('wecom');
    expect(platformOfUrl('https://oapi.dingtalk.com/robot/send?access_token=x')).toBe('dingtalk');
    expect(platformOfUrl('https://open.feishu.cn/open-apis/bot/v2/hook/x')).toBe('feishu');
    expect(platformOfUrl('https://open.larksuite.com/open-apis/bot/v2/hook/x')).toBe('feishu');
    expect(platformOfUrl('http://127.0.0.1:8080/x')).toBeNull();
    expect(['企业微信', '钉钉', '飞书', 'Google Chat', 'slack', 'Lark'].map(platformOfName)).toEqual(['wecom', 'dingtalk', 'feishu', 'googlechat', 'slack', 'feishu']);
  });

  it('signs DingTalk with sign = urlencode(base64(HmacSHA256(secret, timestamp + "\\n" + secret))) and the timestamp in ms', () => {
    const request = chatRequest('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=t', 'SECx', MESSAGE, 1_690_506_000_000, hmac);
    const url = new URL(request.url);
    expect(url.searchParams.get('timestamp')).toBe('1690506000000');
    expect(url.searchParams.get('sign')).toBe(hmac('SECx', '1690506000000\nSECx'));
    expect(request.url).toContain(`sign=${encodeURIComponent(hmac('SECx', '1690506000000\nSECx'))}`);
  });

  it('signs Feishu in the body: timestamp in seconds, sign = base64(HmacSHA256(key = timestamp + "\\n" + secret, ""))', () => {
    const body = JSON.parse(chatRequest('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/x', 's3cret', MESSAGE, 1_690_506_000_999, hmac).body) as Record<string, unknown>;
    expect(body.timestamp).toBe('1690506000');
    expect(body.sign).toBe(hmac('1690506000\ns3cret', ''));
    expect(body.msg_type).toBe('post');
  });

  it('reads each platform\'s answer: an error code in a 200 body is a failure, a rate limit is retried', () => {
    expect(chatOutcome('dingtalk', 200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true });
    expect(chatOutcome('dingtalk', 200, '{"errcode":130101,"errmsg":"send too fast"}')).toEqual({ ok: false, retry: true, detail: '130101 send too fast' });
    expect(chatOutcome('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}')).toEqual({ ok: false, retry: false, detail: '310000 sign not match' });
    expect(chatOutcome('wecom', 200, '{"errcode":45009,"errmsg":"api freq out of limit"}')).toMatchObject({ ok: false, retry: true });
    expect(chatOutcome('feishu', 200, '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}')).toMatchObject({ ok: false, retry: false });
    expect(chatOutcome('feishu', 200, '{"StatusCode":0,"StatusMessage":"success"}')).toEqual({ ok: true });
    expect(chatOutcome('slack', 429, 'rate_limited')).toMatchObject({ ok: false, retry: true });
    expect(chatOutcome('googlechat', 500, '')).toMatchObject({ ok: false, retry: true });
    expect(chatOutcome('slack', 404, 'no_service')).toMatchObject({ ok: false, retry: false });
  });

  it('property: every part of a split message fits the platform, and no line is lost or reordered', () => {
    fc.assert(fc.property(
      fc.constantFrom(...CHAT_PLATFORMS),
      fc.array(fc.string({ minLength: 0, maxLength: 300, unit: fc.constantFrom('a', '拓', '展', ' ', '😀', '1') }), { maxLength: 80 }),
      (platform, lines) => {
        const parts = splitMessage(platform, { title: '每周汇总', lines, mentions: [] });
        for (const part of parts) expect(utf8Bytes(part.lines.join('\n'))).toBeLessThanOrEqual(CHAT_LIMITS[platform].maxBytes);
        const out = parts.flatMap((p) => p.lines);
        expect(out).toHaveLength(lines.length);
        // Each line is kept whole, or (too long for any part) cut with an ellipsis: never dropped or moved.
        out.forEach((line, i) => expect(line === lines[i] || (line.endsWith('…') && lines[i]!.startsWith(line.slice(0, -1)))).toBe(true));
      },
    ), { numRuns: 60 });
  });
});

describe('the never-twice ledger', () => {
  it('records what a period posted, chunked like the email ledger, and prunes old periods', () => {
    const { set, remove } = chatLedgerUpdate({ 'chat.sent.weekly:2023-W10': '["summary"]', other: 'x' }, 'weekly:2023-W30', ['summary', 'o:li'], 19_566);
    expect(set).toEqual({ 'chat.sent.weekly:2023-W30': '["summary","o:li"]' });
    expect(remove).toEqual(['chat.sent.weekly:2023-W10']);
    expect([...chatSent(set, 'weekly:2023-W30')]).toEqual(['summary', 'o:li']);
    expect(chatSent(set, 'weekly:2023-W31').size).toBe(0);
  });

  it('reads the stored webhook, or nothing when it is damaged', () => {
    expect(parseWebhook('{"platform":"wecom","url":"https://qyapi.weixin.qq.com/x","secret":""}')).toEqual({ platform: 'wecom', url: 'https://qyapi.weixin.qq.com/x', secret: '' });
    expect(parseWebhook('{"platform":"icq","url":"x"}')).toBeNull();
    expect(parseWebhook('not json')).toBeNull();
  });
});
