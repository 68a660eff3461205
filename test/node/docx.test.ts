import { PNG_SIGNATURE } from '../../src/node/emulator/png';
import type { ReportBlock } from '../../src/core/report';
import { chartPng, chartSpec, reportBlocks, reportDocx } from '../../src/node/docx';
import { exampleRaw, reportOf } from '../core/reportFixture';
import { docxTexts, unzip } from './zip';

describe('report as .docx', () => {
  it('is a valid zip holding word/document.xml with the report figures and two chart PNGs', async () => {
    const buffer = await reportDocx(reportOf('en'));
    expect(buffer.subarray(0, 2).toString('ascii')).toBe('PK');
    const entries = unzip(buffer);
    expect([...entries.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
    const texts = docxTexts(entries.get('word/document.xml')!.toString('utf8'));
    expect(texts[0]).toBe('2023 Q3 East China — Market expansion evaluation report');
    for (const figure of ['90%', '107.5%', '110%', '80%', '1:7.7', '667.9%', 'Build a lead-to-customer fit scoring model', '2023-08-20']) {
      expect(texts).toContain(figure);
    }
    expect(texts).toContain("New customers 45 of 50 (90%): 5 short; a competitor's August promotion delayed 5 customers' signing.");
    expect(texts).toEqual(expect.arrayContaining(['Acquisition cost per new customer (10k CNY)', '0.62', 'Amount (10k CNY)']));
    const images = [...entries.keys()].filter((k) => k.startsWith('word/media/'));
    expect(images).toHaveLength(2);
    for (const image of images) expect(entries.get(image)!.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // Status colours survive as cell shading: the missed 90% row is red, the met rows green.
    const xml = entries.get('word/document.xml')!.toString('utf8');
    expect(xml).toContain('w:fill="F4CCCC"');
    expect(xml).toContain('w:fill="D9EAD3"');
  });

  it('writes the Chinese report in Chinese', async () => {
    const entries = unzip(await reportDocx(reportOf('zh-CN')));
    const texts = docxTexts(entries.get('word/document.xml')!.toString('utf8'));
    expect(texts[0]).toBe('2023 Q3 华东区域 — 市场拓展效果评估报告');
    expect(texts).toEqual(expect.arrayContaining(['结果指标', '投入产出评估', '新增客户数（家）', '引入CRM系统，统一客户跟进记录', '张、赵']));
  });

  it('lays out sections in order with a heading each and a table per model table', () => {
    const model = reportOf('en');
    const blocks = reportBlocks(model);
    expect(blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => (b.kind === 'heading' ? b.text : ''))).toEqual(model.sections.map((s) => s.title));
    const modelTables = model.sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'table' || b.kind === 'keyFigures').length;
    expect(blocks.filter((b) => b.kind === 'table')).toHaveLength(modelTables);
    expect(blocks.filter((b) => b.kind === 'image')).toHaveLength(2);
  });

  it('draws a month without Weekly log rows as missing (NaN: no bar), not as 0', () => {
    const raw = exampleRaw('en');
    raw.weekly = raw.weekly!.filter((r) => !String(r[0]).startsWith('2023-09'));
    const chart = reportOf('en', raw).sections.flatMap((s) => s.blocks)
      .find((b): b is Extract<ReportBlock, { kind: 'chart' }> => b.kind === 'chart' && b.id === 'monthly')!;
    const spec = chartSpec(chart);
    expect(spec.categories).toEqual(['2023-07', '2023-08', '2023-09']);
    expect(spec.series[0]).toEqual([15, 18, 17]);
    expect(spec.series[1]).toEqual([12, 14, Number.NaN]);
    expect(chartPng(chart).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });
});
