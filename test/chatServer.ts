/**
 * A local HTTP server on 127.0.0.1 that plays a chat platform's webhook, for the chat tests. It runs in a
 * worker thread of its own, because the emulator's UrlFetchApp blocks the test's thread while it waits for
 * the answer (as Apps Script's synchronous fetch does). It records every request and answers from a script:
 * e.g. a 500 first, then the platform's success body.
 */
import { Worker } from 'node:worker_threads';

export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface Reply {
  readonly status: number;
  readonly body: string;
}

const SOURCE = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
const received = [];
let replies = [];
let fallback = { status: 200, body: 'ok' };
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    received.push({ method: req.method, path: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    const reply = replies.length > 0 ? replies.shift() : fallback;
    res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(reply.body);
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (m) => {
  if (m.kind === 'script') { replies = m.replies; fallback = m.fallback; parentPort.postMessage({ kind: 'ok' }); }
  if (m.kind === 'dump') parentPort.postMessage({ kind: 'dump', received: received.splice(0) });
  if (m.kind === 'close') server.close(() => parentPort.postMessage({ kind: 'closed' }));
});
`;

export interface ChatServer {
  readonly url: string;
  /** The next answers, in order, then `fallback` for every later request. */
  script(replies: readonly Reply[], fallback?: Reply): Promise<void>;
  /** Every request since the last call. */
  received(): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startChatServer(): Promise<ChatServer> {
  const worker = new Worker(SOURCE, { eval: true });
  const next = <T>(kind?: string): Promise<T> => new Promise((resolve) => {
    const on = (m: { kind?: string }): void => {
      if (kind === undefined || m.kind === kind) {
        worker.off('message', on);
        resolve(m as T);
      }
    };
    worker.on('message', on);
  });
  const { port } = await next<{ port: number }>();
  return {
    url: `http://127.0.0.1:${port}`,
    script: async (replies, fallback = { status: 200, body: 'ok' }) => {
      const done = next('ok');
      worker.postMessage({ kind: 'script', replies, fallback });
      await done;
    },
    received: async () => {
      const done = next<{ received: Received[] }>('dump');
      worker.postMessage({ kind: 'dump' });
      return (await done).received;
    },
    close: async () => {
      const done = next('closed');
      worker.postMessage({ kind: 'close' });
      await done;
      await worker.terminate();
    },
  };
}
