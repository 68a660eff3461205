/**
 * Every user-visible word, checked as a proof-reader would: no half-width : , ; ( beside Chinese text
 * (Chinese takes ：，；（ and 、 for lists), and English plurals that agree with their count (no "1
 * problems", no "2 day", no lazy "email(s)"). The catalogues are read straight from the modules; the
 * report, the emails and the command line are read from real runs on the worked example.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/node/cli';
import { reportOf } from '../core/reportFixture';

interface Entry { readonly where: string; readonly en: string; readonly zh: string }

/** Every {en, zh} pair reachable from a module's exports. */
function pairs(moduleName: string, value: unknown, where: string, seen: Set<unknown>, out: Entry[], depth = 0): void {
  if (value === null || typeof value !== 'object' || seen.has(value) || depth > 6) return;
  seen.add(value);
  const record = value as Record<string, unknown>;
  if (typeof record.en === 'string' && typeof record.zh === 'string') {
    out.push({ where: `${moduleName}: ${where}`, en: record.en, zh: record.zh });
    return;
  }
  for (const [key, child] of Object.entries(record)) pairs(moduleName, child, where === '' ? key : `${where}.${key}`, seen, out, depth + 1);
}

const root = join(__dirname, '..', '..');
function catalogueEntries(): Entry[] {
  const modules = [
    ...readdirSync(join(root, 'src', 'core')).filter((f) => f.endsWith('.ts')).map((f) => join(root, 'src', 'core', f)),
    join(root, 'src', 'node', 'cli', 'text.ts'), join(root, 'src', 'node', 'pdf.ts'), join(root, 'src', 'node', 'demo.ts'),
  ].filter((f) => !f.endsWith('demo.ts'));
  const out: Entry[] = [];
  const seen = new Set<unknown>();
  for (const file of modules) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(file) as Record<string, unknown>;
    pairs(file.slice(root.length + 1), exports, '', seen, out);
  }
  return out;
}

const HAN = '[\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff01-\\uff60“”]';
/** A half-width colon, comma, semicolon or opening bracket with a Chinese character beside it (spaces aside). */
const HALF_WIDTH_IN_CHINESE = new RegExp(`${HAN}\\s*[:,;(]|[:,;(]\\s*${HAN}`);

/** English plural errors in finished text. */
const PLURAL_ERRORS = [
  /\b1 (problems|warnings|errors|tasks|emails|days|rows|items|metrics|customers|triggers|people|copies|weeks|months|runs|lines|attempts|targets|actions|sheets|tabs)\b/,
  /(?<![\d.,])(?:0|[2-9]|\d{2,}) (problem|warning|error|task|email|day|row|item|metric|trigger|copy|week|month|run|line|attempt|target|action|sheet|tab)\b(?![-'])/,
  /\w\(s\)/,
];

/** Numbers listed with a half-width comma inside Chinese text (第 3, 4 行): Chinese lists take 、. */
const NUMBER_LIST_IN_CHINESE = /\d\s*,\s+\d+(?:\s*,\s+\d+)*\s*[\u4e00-\u9fff]/;

function chineseProblems(texts: readonly { where: string; text: string }[]): string[] {
  return texts.filter((t) => HALF_WIDTH_IN_CHINESE.test(t.text) || NUMBER_LIST_IN_CHINESE.test(t.text)).map((t) => `${t.where}: ${t.text}`);
}

function englishProblems(texts: readonly { where: string; text: string }[]): string[] {
  return texts.filter((t) => PLURAL_ERRORS.some((re) => re.test(t.text))).map((t) => `${t.where}: ${t.text}`);
}

describe('every user-visible word', () => {
  const entries = catalogueEntries();

  it('reads every catalogue (report, charts, conclusion, emails, reminders, menu and dialogs, schema, options, problems, command line)', () => {
    expect(entries.length).toBeGreaterThan(500);
    const files = new Set(entries.map((e) => e.where.split(':')[0]));
    for (const file of ['src/core/reportText.ts', 'src/core/emailText.ts', 'src/core/messages.ts', 'src/core/schema.ts', 'src/node/cli/text.ts']) expect(files).toContain(file);
  });

  it('catalogues: Chinese text takes full-width punctuation, and the checker catches a half-width one', () => {
    expect(chineseProblems(entries.map((e) => ({ where: e.where, text: e.zh })))).toEqual([]);
    expect(chineseProblems([{ where: 'x', text: '拓展总成本（万元）: 低于预算' }, { where: 'y', text: '周期目标: 50' }, { where: 'z', text: '第 3, 4 行' }])).toHaveLength(3);
    expect(chineseProblems([{ where: 'ok', text: '投入产出比 1:7.7，每天 9:00' }])).toEqual([]);
  });

  it('catalogues: no lazy English plural such as email(s)', () => {
    expect(englishProblems(entries.map((e) => ({ where: e.where, text: e.en })).filter((t) => /\w\(s\)/.test(t.text)))).toEqual([]);
  });

  it('the report, in both languages', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const model = reportOf(lang);
      const texts = [model.documentName, model.subtitle, ...model.sections.flatMap((s) => [s.title, ...s.blocks.flatMap((b) => {
        if (b.kind === 'heading' || b.kind === 'paragraph') return [b.text];
        if (b.kind === 'table') return [...b.header, ...b.rows.flatMap((r) => r.map((c) => c.text))];
        if (b.kind === 'keyFigures') return b.figures.flatMap((f) => [f.label, f.value]);
        if (b.kind === 'chart') return [b.chart.title, b.chart.caption, b.chart.valueAxis.title, ...b.chart.series.map((s) => s.name)];
        return [b.title, b.text];
      })])].map((text) => ({ where: `report ${lang}`, text }));
      expect(lang === 'en' ? englishProblems(texts) : chineseProblems(texts)).toEqual([]);
    }
  });

  it('the command line and the emails it writes, in both languages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wording-'));
    for (const lang of ['en', 'zh-CN'] as const) {
      const lines: string[] = [];
      const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s), env: { LANG: lang === 'en' ? 'en_US.UTF-8' : 'zh_CN.UTF-8' }, cwd: dir, now: () => new Date('2023-10-08T02:00:00Z') };
      const plan = join(dir, `plan-${lang}.xlsx`);
      await main(['template', '--lang', lang, '--example', '--out', plan], io);
      await main(['report', plan, '--as-of', '2023-10-08', '--out', join(dir, `report-${lang}.docx`)], io);
      await main(['remind', plan, '--as-of', '2023-07-28', '--out', join(dir, `mail-${lang}`)], io);
      await main(['report', '--help'], io);
      const mails = readdirSync(join(dir, `mail-${lang}`)).map((f) => readFileSync(join(dir, `mail-${lang}`, f), 'utf8'));
      // The plain-text part of each email (quoted-printable, UTF-8), decoded.
      const bodies = mails.map((m) => Buffer.from(m.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))), 'latin1').toString('utf8'));
      const texts = [...lines.flatMap((l) => l.split('\n')), ...bodies.flatMap((b) => b.split(/\r?\n/))]
        .filter((t) => !/^[A-Za-z-]+: /.test(t) || /[\u4e00-\u9fff]/.test(t))
        .map((text) => ({ where: `cli ${lang}`, text }));
      expect(texts.length).toBeGreaterThan(20);
      expect(lang === 'en' ? englishProblems(texts) : chineseProblems(texts.filter((t) => !/https?:\/\//.test(t.text)))).toEqual([]);
    }
  }, 120_000);
});
