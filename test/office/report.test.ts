/**
 * What a director gets, checked by a real office suite: LibreOffice prints the English and the Chinese
 * report (.docx from `report`) to PDF, and the PDF's text layer holds every seed figure, no table header
 * word or date broken across lines, and a sane page count; each chart's SVG carries its words in the
 * report's language. Then the workbook `npm start` exports, opened by LibreOffice: Cycle start reads
 * 2023-07-01, Cycle end 2023-09-30, and Achievement and Status hold figures and words, never #NAME?.
 * Run with `npm run test:office` (LibreOffice, poppler-utils and a CJK font: .ci/run installs them).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chartWords } from '../../src/core/chart';
import { reportDocument } from '../../src/core/reportDocument';
import { chartSvg } from '../../src/node/chart';
import { main } from '../../src/node/cli';
import { exampleEmulator, formulaReader } from '../e2e/harness';
import { reportOf } from '../core/reportFixture';
import { convert, csvFields, profile, soffice } from './libreoffice';

const dir = mkdtempSync(join(tmpdir(), 'mx-office-report-'));
const program = soffice();
const profileUrl = profile(join(dir, 'profile'));
const quietIo = { out: () => undefined, err: () => undefined, env: { LANG: 'en_US.UTF-8' }, cwd: dir, now: () => new Date('2023-10-08T02:00:00Z') };

function pdfText(pdf: string): string {
  const run = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  if (run.error || run.status !== 0) throw new Error('pdftotext (poppler-utils) is needed: sudo apt-get install -y poppler-utils');
  return run.stdout;
}

/** Where a word is split over two lines: the end of one line holds its start, the next line begins with the rest. */
function splitsOf(text: string, word: string): string[] {
  const lines = text.split('\n').map((l) => l.trim());
  const found: string[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    for (let k = 1; k < word.length; k++) {
      const head = word.slice(0, k);
      const tail = word.slice(k);
      const before = lines[i]!.split(/\s+/).at(-1) ?? '';
      const after = lines[i + 1]!.split(/\s+/)[0] ?? '';
      if (before.endsWith(head) && before !== word && after.startsWith(tail) && !lines[i]!.includes(word)) found.push(`${lines[i]} / ${lines[i + 1]}`);
    }
  }
  return found;
}

describe.each([
  ['en', ['Metric', 'Target', 'Actual', 'Achievement', 'Status', 'Analysis', 'Owner', 'Overdue', 'Category', 'Amount', 'Proposal']],
  ['zh-CN', ['核心指标', '目标值', '实际值', '达成率', '状态', '分析说明', '责任人', '已逾期', '完成时间', '复盘模块']],
] as const)('the %s report printed by LibreOffice', (lang, headerWords) => {
  let text = '';
  let pages = 0;
  beforeAll(() => {
    const plan = join(dir, `plan-${lang}.xlsx`);
    const docx = join(dir, `report-${lang}.docx`);
    return (async () => {
      expect(await main(['template', '--lang', lang, '--example', '--out', plan], quietIo)).toBe(0);
      expect(await main(['report', plan, '--as-of', '2023-10-08', '--lang', lang, '--out', docx], quietIo)).toBe(0);
      const [pdf] = convert(program, profileUrl, docx, 'pdf:writer_pdf_Export', join(dir, `pdf-${lang}`));
      const bytes = readFileSync(pdf!);
      pages = (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      text = pdfText(pdf!);
    })();
  }, 240_000);

  test('every seed figure is in the text layer', () => {
    for (const figure of ['45', '50', '90%', '215', '200', '107.5%', '220', '110%', '12%', '15%', '80%', '28', '30', '1:7.7', '667.9%']) {
      expect(text).toContain(figure);
    }
    expect(text).toContain(lang === 'en' ? 'Conclusion and proposals for the next cycle' : '结论与下一周期建议');
  });

  test('no table header word and no date breaks across lines', () => {
    for (const word of headerWords) expect(splitsOf(text, word)).toEqual([]);
    for (const date of ['2023-08-15', '2023-08-20', '2023-09-01', '2023-08-10']) expect(splitsOf(text, date)).toEqual([]);
    expect(text).toMatch(/2023-08-20/);
  });

  test('a sane page count, with the page numbers in the footer', () => {
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(12);
    expect(text).toContain(lang === 'en' ? `Page 1 of ${pages}` : `第 1 页，共 ${pages} 页`);
  });

  test('each chart\'s SVG carries its title, axis titles and legend in the report\'s language', () => {
    const charts = reportDocument(reportOf(lang)).blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart] : []));
    expect(charts.map((c) => c.id)).toEqual(['targetVsActual', 'monthly', 'pacing', 'costs']);
    for (const chart of charts) {
      const svg = chartSvg(chart);
      const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
      const legend = chart.series.flatMap((s) => (s.pointLegend ? s.pointLegend.map((e) => e.name) : [s.name]));
      for (const word of [chart.title, chart.categoryAxis.title, chart.valueAxis.title, ...legend]) expect(texts).toContain(word);
      if (lang === 'zh-CN') expect(chartWords(chart).filter((w) => /[\u4e00-\u9fff]/.test(w)).length).toBeGreaterThan(2);
    }
  });
});

describe('the workbook npm start exports, opened by LibreOffice', () => {
  let sheets: Map<string, string[][]>;
  beforeAll(async () => {
    const emulator = exampleEmulator();
    formulaReader(emulator).applyTo();
    const xlsx = join(dir, 'exported.xlsx');
    await emulator.exportXlsx(xlsx);
    // Every sheet as CSV, values as shown (formatted), to see what a person sees.
    const csvs = convert(program, profileUrl, xlsx, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', join(dir, 'csv-exported'));
    sheets = new Map(csvs.map((file) => [file.slice(file.lastIndexOf('exported-') + 'exported-'.length, -'.csv'.length), readFileSync(file, 'utf8').split(/\r?\n/).map(csvFields)]));
  }, 240_000);

  const setting = (label: string): string => sheets.get('Settings')?.find((r) => r[0] === label)?.[1] ?? '';

  test('Cycle start reads 2023-07-01 and Cycle end 2023-09-30', () => {
    expect(setting('Cycle start')).toBe('2023-07-01');
    expect(setting('Cycle end')).toBe('2023-09-30');
  });

  test('Achievement and Status hold numbers and words, and no cell shows #NAME?', () => {
    const evaluation = sheets.get('Evaluation')!;
    const header = evaluation[0]!;
    const at = (name: string): string[] => evaluation.slice(1, 5).map((r) => r[header.indexOf(name)] ?? '');
    expect(at('Achievement')).toEqual(['90.0%', '107.5%', '110.0%', '80.0%']);
    expect(at('Status')).toEqual(['On track', 'On track', 'On track', 'At risk']);
    for (const [name, rows] of sheets) expect([name, rows.flat().filter((c) => /#NAME\?|#REF!|#VALUE!|###/.test(c))]).toEqual([name, []]);
  });
});
