/**
 * UrlFetchApp, as Apps Script has it (https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app):
 * a synchronous `fetch(url, params)` returning an HTTPResponse; a response code of 400 or more throws
 * "Request failed for … returned code …" unless `muteHttpExceptions` is set; calls count against a daily quota
 * (20,000 consumer / 100,000 Workspace, "Service invoked too many times for one day: urlfetch.").
 *
 * The emulator reaches this machine's loopback addresses only (127.0.0.0/8, localhost, ::1): tests post to a
 * local HTTP server, and nothing leaves the machine. The request really goes over HTTP: a worker thread makes
 * it while the script's thread waits (Atomics.wait), so the script sees a synchronous call as in Apps Script.
 * The server must therefore run in another thread or process than the one calling the script.
 */
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { Returning, Runtime } from './runtime';
import { EmuBlob } from './services';

export const URLFETCH_DAILY = { consumer: 20_000, workspace: 100_000 } as const;
const TIMEOUT_MS = 30_000;

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
parentPort.on('message', ({ port, signal, request }) => {
  const flag = new Int32Array(signal);
  const done = (message) => { port.postMessage(message); port.close(); Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); };
  try {
    const req = http.request(request.url, { method: request.method, headers: request.headers, timeout: ${TIMEOUT_MS} }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('base64') }));
      res.on('error', (e) => done({ error: String(e && e.message || e) }));
    });
    req.on('timeout', () => req.destroy(new Error('Timeout')));
    req.on('error', (e) => done({ error: String(e && e.message || e) }));
    if (request.body) req.write(Buffer.from(request.body, 'base64'));
    req.end();
  } catch (e) {
    done({ error: String(e && e.message || e) });
  }
});
`;

/** Whether a URL points at this machine's loopback interface. */
export function isLoopback(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export class EmuHttpResponse {
  constructor(private readonly rt: Runtime, private readonly code: number, private readonly headers: Record<string, string>, private readonly body: Buffer) {}
  getResponseCode(): number {
    this.rt.hit('HTTPResponse.getResponseCode');
    return this.code;
  }
  getContentText(charset?: string): string {
    this.rt.hit('HTTPResponse.getContentText');
    return this.body.toString(charset && /^utf-?16/i.test(charset) ? 'utf16le' : 'utf8');
  }
  getHeaders(): Record<string, string> {
    this.rt.hit('HTTPResponse.getHeaders');
    return { ...this.headers };
  }
  getContent(): number[] {
    this.rt.hit('HTTPResponse.getContent');
    return Array.from(this.body, (b) => (b > 127 ? b - 256 : b));
  }
  getBlob(): EmuBlob {
    this.rt.hit('HTTPResponse.getBlob');
    return new EmuBlob(this.rt, Buffer.from(this.body), this.headers['content-type'] ?? null, null);
  }
}

interface FetchParams {
  method?: string;
  contentType?: string;
  payload?: string | number[];
  headers?: Record<string, string>;
  muteHttpExceptions?: boolean;
}

export type UrlFetchSlice = Returning<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch', EmuHttpResponse>;

/** A request the emulator made, for tests. */
export interface FetchRecord {
  readonly url: string;
  readonly method: string;
  readonly body: string;
  readonly status: number | null;
}

export class EmuUrlFetchApp {
  private worker: Worker | null = null;
  private used = 0;
  readonly requests: FetchRecord[] = [];

  constructor(private readonly rt: Runtime, private readonly dailyLimit: number = URLFETCH_DAILY.consumer) {}

  private workerThread(): Worker {
    if (this.worker === null) {
      this.worker = new Worker(WORKER_SOURCE, { eval: true });
      // The worker waits for requests; it must not keep the test process alive.
      this.worker.unref();
    }
    return this.worker;
  }

  /** Stops the worker thread (tests call it when done; it is unref'd anyway). */
  close(): void {
    void this.worker?.terminate();
    this.worker = null;
  }

  fetch(url: string, params: FetchParams = {}): EmuHttpResponse {
    this.rt.hit('UrlFetchApp.fetch');
    if (!isLoopback(url)) {
      throw new Error(`Emulator: UrlFetchApp reaches only this machine's loopback addresses (127.0.0.1, localhost), not ${url}`);
    }
    if (this.used >= this.dailyLimit) throw new Error('Service invoked too many times for one day: urlfetch.');
    this.used++;
    const method = (params.method ?? 'get').toUpperCase();
    const payload = params.payload === undefined ? '' : typeof params.payload === 'string' ? params.payload : Buffer.from(params.payload.map((b) => b & 0xff)).toString('latin1');
    const body = Buffer.from(payload, typeof params.payload === 'string' || params.payload === undefined ? 'utf8' : 'latin1');
    const headers: Record<string, string> = { ...(params.headers ?? {}) };
    if (method !== 'GET') {
      headers['Content-Type'] = params.contentType ?? 'application/x-www-form-urlencoded';
      headers['Content-Length'] = String(body.length);
    }
    const signal = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    this.workerThread().postMessage({ port: port2, signal, request: { url, method, headers, body: body.toString('base64') } }, [port2]);
    const flag = new Int32Array(signal);
    Atomics.wait(flag, 0, 0, TIMEOUT_MS + 5_000);
    const reply = receiveMessageOnPort(port1)?.message as { status?: number; headers?: Record<string, string | string[]>; body?: string; error?: string } | undefined;
    port1.close();
    if (!reply || reply.error !== undefined || reply.status === undefined) {
      this.requests.push({ url, method, body: payload, status: null });
      throw new Error(`Address unavailable: ${url}${reply?.error ? ` (${reply.error})` : ''}`);
    }
    const responseBody = Buffer.from(reply.body ?? '', 'base64');
    const responseHeaders = Object.fromEntries(Object.entries(reply.headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
    this.requests.push({ url, method, body: payload, status: reply.status });
    if (reply.status >= 400 && !params.muteHttpExceptions) {
      const text = responseBody.toString('utf8');
      throw new Error(`Request failed for ${url} returned code ${reply.status}. Truncated server response: ${text.slice(0, 100)} (use muteHttpExceptions option to examine full response)`);
    }
    return new EmuHttpResponse(this.rt, reply.status, responseHeaders, responseBody);
  }
}
