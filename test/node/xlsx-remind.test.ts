/**
 * The offline reminders are the Apps Script reminders: for Friday 2023-07-28 on the worked example, the
 * built bundle in the emulator (set up, example loaded, "Send reminders now" at 09:00 Shanghai) sends the
 * same emails, to the same people, with the same subjects and plain-text bodies, as the .eml files that
 * `market-expansion remind --as-of 2023-07-28` writes from `template --example`. Two differences are by
 * design and are the only ones removed before comparing: the Google Sheet's links (offline there is no
 * sheet URL) and the sending account in the footer (offline it is the program, market-expansion).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/node/cli';
import { rfc5322Date, zonedInstant } from '../../src/node/eml';
import { dayFromIso } from '../../src/core/values';
import { bundleEmulator } from '../e2e/harness';
import { recordingIo, tempDir } from './xlsxHelpers';

interface Mail { to: string; subject: string; text: string; headers: Map<string, string> }

/** Quoted-printable (RFC 2045) to UTF-8 text. */
function fromQuotedPrintable(body: string): string {
  const text = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=) in a header, decoded. */
function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, data: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : fromQuotedPrintable(data.replace(/_/g, ' ')));
}

function headersOf(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** The recipient, subject and text/plain part of an .eml file (as nodemailer writes them). */
function parseEml(source: string): Mail {
  const split = source.indexOf('\r\n\r\n');
  const headers = headersOf(source.slice(0, split));
  const boundary = /boundary="([^"]+)"/.exec(headers.get('content-type') ?? '')?.[1];
  if (!boundary) throw new Error('not multipart');
  const part = source.slice(split + 4).split(`--${boundary}`).find((p) => /Content-Type: text\/plain/i.test(p));
  if (!part) throw new Error('no text/plain part');
  const partSplit = part.indexOf('\r\n\r\n');
  const partHeaders = headersOf(part.slice(0, partSplit));
  expect(partHeaders.get('content-transfer-encoding')).toBe('quoted-printable');
  const text = fromQuotedPrintable(part.slice(partSplit + 4).replace(/\r\n$/, '')).replace(/\r\n/g, '\n');
  return { to: headers.get('to') ?? '', subject: decodeWords(headers.get('subject') ?? ''), text, headers };
}

/** The Google Sheet's links taken out: a link line under an item, and the "Open the sheet: …" line. */
function withoutSheetLinks(text: string, sheetUrl: string): string {
  return text
    .split('\n')
    // Only lines that are a link and nothing else ("  https://…", "Open the sheet: https://…") go.
    .filter((line) => !/^\s*(?:[^:]{1,40}: )?\S+$/.test(line) || !line.includes(sheetUrl))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The owners' hint on opening My week, and the managers' line on this week's tracking sheet: menus of the Google
 * Sheet (offline there is no menu to open, and `market-expansion weekly` writes the sheet).
 */
const withoutMyWeek = (text: string): string =>
  text.replace(/To update your tasks and this week's numbers in one form, open the sheet and choose .+ → .+\.\n*/g, '')
    .replace(/This week's tracking sheet for the meeting is not made yet: .+ → .+ makes it\.\n*/g, '').replace(/\n{3,}/g, '\n\n');

const withoutSender = (text: string, sender: string): string => text.replace(`Sent automatically by ${sender} from`, 'Sent automatically by <sender> from');

/** The managers' line on how the emails go out: by the sheet's mail quota and Log online, as files offline. */
const withoutDelivery = (text: string): string =>
  text.replace(/Owner reminders planned for this week: (\d+)\. Any the daily mail quota holds back are sent automatically later; Log lists every email sent\./, 'Owner reminders: $1.')
    .replace(/Owner reminders written for this week: (\d+)\./, 'Owner reminders: $1.');

describe('offline remind writes the emails the Apps Script reminders send (2023-07-28, the example)', () => {
  const dir = tempDir();
  let sent: { to: string; subject: string; body: string; at: Date }[];
  let sheetUrl: string;
  let sender: string;
  let written: Mail[];
  let out: string;

  beforeAll(async () => {
    const emulator = bundleEmulator({ now: new Date('2023-07-28T09:00:00+08:00') });
    emulator.call('menuSetupSheets');
    emulator.call('menuLoadExample');
    emulator.call('menuSendRemindersNow');
    sent = emulator.mail.map((m) => ({ to: m.to, subject: m.subject, body: m.body, at: m.at }));
    sheetUrl = emulator.spreadsheet.getUrl().replace(/\/edit.*$/, '');
    sender = emulator.scriptOwner.email;

    const io = recordingIo(dir);
    expect(await main(['template', '--lang', 'en', '--example', '--out', 'plan.xlsx'], io)).toBe(0);
    expect(await main(['remind', 'plan.xlsx', '--as-of', '2023-07-28', '--out', 'emails'], io)).toBe(0);
    out = io.stdout.join('\n');
    const files = readdirSync(join(dir, 'emails')).filter((f) => f.endsWith('.eml')).sort();
    written = files.map((f) => parseEml(readFileSync(join(dir, 'emails', f), 'utf8')));
  }, 60_000);

  test('the Apps Script run sent the weekly digests (a real comparison, not of two empty lists)', () => {
    expect(sent.map((m) => m.to)).toEqual(['director@example.com', 'zhang@example.com', 'li@example.com', 'wang@example.com']);
    expect(out).toContain('Wrote 4 emails (weekly digest, week 2023-W30) to emails.');
  });

  test('same recipients, in the same order, with the same subjects', () => {
    expect(written.map((m) => [m.to, m.subject])).toEqual(sent.map((m) => [m.to, m.subject]));
  });

  test('same plain-text bodies, but for the sheet links, the sending account and how the emails go out', () => {
    // The emulator's bodies do carry links and the account; offline they do not.
    expect(sent.every((m) => m.body.includes(sheetUrl))).toBe(true);
    expect(written.some((m) => m.text.includes('docs.google.com'))).toBe(false);
    expect(written[0]!.text).toContain('Owner reminders written for this week: 3.');
    expect(sent[0]!.body).toContain('Owner reminders planned for this week: 3.');
    for (const [i, mail] of written.entries()) {
      const apps = withoutMyWeek(withoutDelivery(withoutSender(withoutSheetLinks(sent[i]!.body, sheetUrl), sender)));
      // Offline the sender is Settings → Manager emails' first address (director@example.com), as the sheet's account here.
      const offline = withoutDelivery(withoutSender(mail.text.trim(), 'director@example.com'));
      expect([mail.to, offline]).toEqual([sent[i]!.to, apps]);
    }
    // Real content, not just greetings: the manager's figures and risks.
    // Counts in whole customers (the pro-rata expected keeps one decimal, marked ≈); money with its unit.
    expect(written[0]!.text).toContain('- New customers | Cycle target: 50 | Expected by today: ≈13.5 | Actual: 10 | Achievement vs expected: 73.8%');
    expect(written[0]!.text).toContain('Projected at cycle end: 33 | Needed per week: 5');
    expect(written[0]!.text).toContain('2. New customers: 10 against ≈13.5 expected by today (73.8%, Off track); projected 33 of 50');
    // A rate has no projection to the cycle end: its risk line says none, rather than "projected —".
    expect(written[0]!.text).toMatch(/1\. Lead conversion rate: 8\.3% against 15% expected by today \(55\.6%, Off track\)\n/);
    expect(written[0]!.text).not.toContain('projected —');
    expect(written[0]!.text).toContain('- East China revenue (10k CNY) | Cycle target: 200 | Expected by today: 60.87 | Actual: 48');
  });

  test('the sender: Settings → Team by name and the first manager address, or --from / --from-name', async () => {
    for (const mail of written) expect(mail.headers.get('from')).toBe('East China sales team <director@example.com>');
    expect(out).toContain('Sender: director@example.com (change it with --from and --from-name).');
    const io = recordingIo(dir);
    expect(await main(['remind', 'plan.xlsx', '--as-of', '2023-07-28', '--out', 'emails-from', '--from', 'sales@example.com', '--from-name', 'Sales office'], io)).toBe(0);
    const files = readdirSync(join(dir, 'emails-from')).filter((f) => f.endsWith('.eml'));
    expect(files.length).toBe(4);
    for (const f of files) expect(parseEml(readFileSync(join(dir, 'emails-from', f), 'utf8')).headers.get('from')).toBe('Sales office <sales@example.com>');
    expect(await main(['remind', 'plan.xlsx', '--from', 'not an address'], recordingIo(dir))).toBe(2);
  });

  test('the Date header is 09:00 on Shanghai time (+0800), the instant the trigger sent them', () => {
    for (const mail of written) expect(mail.headers.get('date')).toBe('Fri, 28 Jul 2023 09:00:00 +0800');
    // The emulator sent them within the first minute after 09:00 Shanghai, i.e. 01:00 UTC.
    const instant = zonedInstant(dayFromIso('2023-07-28'), 9, 'Asia/Shanghai');
    expect(instant.toISOString()).toBe('2023-07-28T01:00:00.000Z');
    for (const m of sent) expect(Math.abs(m.at.getTime() - instant.getTime())).toBeLessThan(60_000);
  });
});

test('--time-zone writes the Date header on that clock; an unknown zone is a usage error', async () => {
  const dir = tempDir();
  const io = recordingIo(dir);
  expect(await main(['template', '--lang', 'en', '--example', '--out', 'plan.xlsx'], io)).toBe(0);
  expect(await main(['remind', 'plan.xlsx', '--as-of', '2023-07-28', '--out', 'berlin', '--time-zone', 'Europe/Berlin'], io)).toBe(0);
  const file = readdirSync(join(dir, 'berlin')).find((f) => f.endsWith('.eml'))!;
  expect(parseEml(readFileSync(join(dir, 'berlin', file), 'utf8')).headers.get('date')).toBe('Fri, 28 Jul 2023 09:00:00 +0200');
  const bad = recordingIo(dir);
  expect(await main(['remind', 'plan.xlsx', '--as-of', '2023-07-28', '--time-zone', 'Mars/Olympus'], bad)).toBe(2);
  expect(bad.stderr.join('\n')).toContain('--time-zone must be a time zone such as Asia/Shanghai');
});

test('rfc5322Date: the wall clock and offset of the zone, across daylight saving', () => {
  const at = new Date('2023-07-28T01:00:00Z');
  expect(rfc5322Date(at)).toBe('Fri, 28 Jul 2023 01:00:00 +0000');
  expect(rfc5322Date(at, 'Asia/Shanghai')).toBe('Fri, 28 Jul 2023 09:00:00 +0800');
  expect(rfc5322Date(at, 'America/New_York')).toBe('Thu, 27 Jul 2023 21:00:00 -0400');
  expect(rfc5322Date(zonedInstant(dayFromIso('2023-01-10'), 9, 'America/New_York'), 'America/New_York')).toBe('Tue, 10 Jan 2023 09:00:00 -0500');
  expect(rfc5322Date(zonedInstant(dayFromIso('2023-07-28'), 9, 'Asia/Kolkata'), 'Asia/Kolkata')).toBe('Fri, 28 Jul 2023 09:00:00 +0530');
});
