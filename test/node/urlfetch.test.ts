/**
 * The emulator's UrlFetchApp (Apps Script reference: UrlFetchApp.fetch, HTTPResponse): a real, synchronous
 * request to this machine's loopback only; a code of 400 or more throws "Request failed for … returned code …"
 * unless muteHttpExceptions is set; Utilities.computeHmacSha256Signature gives Apps Script's signed bytes.
 */
import { createHmac } from 'node:crypto';
import { Emulator, isLoopback } from '../../src/node/emulator';
import { ChatServer, startChatServer } from '../chatServer';

let server: ChatServer;
beforeAll(async () => { server = await startChatServer(); });
afterAll(async () => { await server.close(); });

describe('UrlFetchApp in the emulator', () => {
  const emulator = new Emulator();
  const { UrlFetchApp, Utilities } = emulator.services;

  it('posts for real and returns the response synchronously', async () => {
    await server.script([{ status: 201, body: '{"ok":true}' }]);
    const response = UrlFetchApp.fetch(`${server.url}/hook?x=1`, { method: 'post', contentType: 'application/json', payload: '{"text":"你好"}' });
    expect(response.getResponseCode()).toBe(201);
    expect(response.getContentText()).toBe('{"ok":true}');
    const [request] = await server.received();
    expect(request).toMatchObject({ method: 'POST', path: '/hook?x=1', body: '{"text":"你好"}' });
    expect(request!.headers['content-type']).toBe('application/json');
    expect(emulator.calls.count('UrlFetchApp.fetch')).toBe(1);
  });

  it('throws on a code of 400 or more, unless muteHttpExceptions', async () => {
    await server.script([{ status: 500, body: 'oops' }, { status: 500, body: 'oops' }]);
    expect(() => UrlFetchApp.fetch(`${server.url}/x`, { method: 'post', payload: 'a' })).toThrow(
      `Request failed for ${server.url}/x returned code 500. Truncated server response: oops (use muteHttpExceptions option to examine full response)`,
    );
    expect(UrlFetchApp.fetch(`${server.url}/x`, { method: 'post', payload: 'a', muteHttpExceptions: true }).getResponseCode()).toBe(500);
    await server.received();
  });

  it('reaches loopback addresses only: nothing leaves the machine', () => {
    expect(isLoopback('http://127.0.0.1:8080/x')).toBe(true);
    expect(isLoopback('http://localhost/x')).toBe(true);
    expect(isLoopback('http://[::1]:1/x')).toBe(true);
    expect(isLoopback('https://oapi.dingtalk.com/robot/send')).toBe(false);
    expect(isLoopback('http://10.0.0.1/x')).toBe(false);
    expect(() => UrlFetchApp.fetch('https://hooks.slack.com/services/T/B/X', { method: 'post' })).toThrow(/reaches only this machine's loopback addresses/);
  });

  it('computes HMAC-SHA256 as signed bytes, and base64 of them', () => {
    const bytes = Utilities.computeHmacSha256Signature('1690506000000\nSECx', 'SECx');
    expect(bytes.every((b) => b >= -128 && b <= 127)).toBe(true);
    expect(Utilities.base64Encode(bytes)).toBe(createHmac('sha256', 'SECx').update('1690506000000\nSECx').digest('base64'));
  });
});
