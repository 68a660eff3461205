import { chartWords } from '../../src/core/chart';
import type { ChartModel } from '../../src/core/chart';
import { layoutColumns, textEms, unbreakableParts } from '../../src/core/document';
import { reportDocument } from '../../src/core/reportDocument';
import { chartOption, chartPng, chartSvg } from '../../src/node/chart';
import { reportDocx } from '../../src/node/docx';
import { exampleRaw, reportOf } from '../core/reportFixture';
import { docxTexts, unzip } from './zip';

const chartsOf = (lang: 'en' | 'zh-CN', raw = exampleRaw(lang)): ChartModel[] =>
  reportDocument(reportOf(lang, raw)).blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart] : []));

/** The text of every <text> element of an SVG, in order. */
const svgTexts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

describe('report as .docx', () => {
  it('is a valid zip holding word/document.xml with the report figures and four chart PNGs', async () => {
    const buffer = await reportDocx(reportOf('en'));
    expect(buffer.subarray(0, 2).toString('ascii')).toBe('PK');
    const entries = await unzip(buffer);
    expect([...entries.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
    const texts = docxTexts(entries.get('word/document.xml')!.toString('utf8'));
    expect(texts[0]).toBe('2023 Q3 East China — Market expansion evaluation report');
    for (const figure of ['90%', '107.5%', '110%', '80%', '1:7.7', '667.9%', 'Build a lead-to-customer fit scoring model', '2023-08-20']) {
      expect(texts).toContain(figure);
    }
    expect(texts).toContain("New customers 45 of 50 (90%): 5 short; a competitor's August promotion delayed 5 customers' signing.");
    expect(texts).toEqual(expect.arrayContaining(['Acquisition cost per new customer (10k CNY)', '0.62', 'Amount (10k CNY)']));
    const images = [...entries.keys()].filter((k) => k.startsWith('word/media/'));
    expect(images).toHaveLength(4);
    for (const image of images) expect(entries.get(image)!.subarray(1, 4).toString('latin1')).toBe('PNG');
    // Status colours survive as cell shading: the missed 90% row is red, the met rows green.
    const xml = entries.get('word/document.xml')!.toString('utf8');
    expect(xml).toContain('w:fill="F4CCCC"');
    expect(xml).toContain('w:fill="D9EAD3"');
    // Rows never split across pages, header rows repeat, headings keep with what follows, figures right-aligned.
    expect(xml).toContain('<w:cantSplit/>');
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('<w:keepNext/>');
    expect(xml).toContain('<w:jc w:val="right"/>');
    expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
    // A4 portrait (11906 × 16838 twips) with margins.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    // Page numbers in the footer, the report's name in the header.
    const footer = [...entries.entries()].filter(([k]) => /^word\/footer\d*\.xml$/.test(k)).map(([, v]) => v.toString('utf8')).join('');
    expect(footer).toContain('PAGE');
    expect(footer).toContain('NUMPAGES');
    const header = [...entries.entries()].filter(([k]) => /^word\/header\d*\.xml$/.test(k)).map(([, v]) => v.toString('utf8')).join('');
    expect(docxTexts(header)).toContain('2023 Q3 East China — Market expansion evaluation report');
  });

  it('writes the Chinese report in Chinese, with an East Asian font and language on every run', async () => {
    const entries = await unzip(await reportDocx(reportOf('zh-CN')));
    const xml = entries.get('word/document.xml')!.toString('utf8');
    const texts = docxTexts(xml);
    expect(texts[0]).toBe('2023 Q3 华东区域 — 市场拓展效果评估报告');
    expect(texts).toEqual(expect.arrayContaining(['结果指标', '投入产出评估', '新增客户数（家）', '引入CRM系统，统一客户跟进记录', '张、赵', '结论与下一周期建议']));
    expect(xml).toContain('w:eastAsia="Microsoft YaHei"');
    expect(xml).toContain('w:hint="eastAsia"');
    expect(xml).toContain('w:eastAsia="zh-CN"');
    const footer = [...entries.entries()].filter(([k]) => /^word\/footer\d*\.xml$/.test(k)).map(([, v]) => v.toString('utf8')).join('');
    expect(docxTexts(footer).join('')).toContain('第 ');
  });
});

describe('charts drawn by ECharts', () => {
  it('the SVG carries the title, axis titles, legend and category labels in the report language', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      for (const chart of chartsOf(lang)) {
        const texts = svgTexts(chartSvg(chart));
        for (const word of [chart.title, chart.categoryAxis.title, chart.valueAxis.title]) expect(texts).toContain(word);
        const legend = chart.series.flatMap((s) => (s.pointLegend ? s.pointLegend.map((e) => e.name) : [s.name]));
        for (const entry of legend) expect(texts).toContain(entry);
        if (chart.secondaryAxis) expect(texts).toContain(chart.secondaryAxis.title);
        // Every word the model holds is on the chart (long category labels may wrap onto two lines).
        expect(texts.join(' ').replace(/\s+/g, ' ')).toEqual(expect.stringContaining(chartWords(chart)[0]!));
      }
    }
    const zh = svgTexts(chartSvg(chartsOf('zh-CN')[0]!));
    expect(zh).toEqual(expect.arrayContaining(['各指标目标与实际', '达成率（占目标 %）', '指标', '目标', '实际：已达成', '实际：未达成', '90%', '107.5%']));
  });

  it('data labels show the figures: 90%, 107.5%, 110%, 80% on the bars', () => {
    const texts = svgTexts(chartSvg(chartsOf('en')[0]!));
    expect(texts).toEqual(expect.arrayContaining(['90%', '107.5%', '110%', '80%']));
  });

  it('a month without Weekly log rows has no bar and no label, never a 0', () => {
    const raw = exampleRaw('en');
    raw.weekly = raw.weekly!.filter((r) => !String(r[0]).startsWith('2023-09'));
    const monthly = chartsOf('en', raw).find((c) => c.id === 'monthly')!;
    expect(monthly.series[1]!.values).toEqual([12, 14, null]);
    const option = chartOption(monthly) as { series: { data: unknown[] }[] };
    expect(option.series[1]!.data[2]).toBe('-');
  });

  it('rasterises with the bundled font to a PNG twice the layout size', () => {
    const png = chartPng(chartsOf('zh-CN')[0]!);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1360, 760]);
  });
});

describe('table layout from the content', () => {
  it('never gives a column less than its longest word, date or figure', () => {
    const header = ['Metric', 'Target', 'Actual', 'Achievement', 'Status', 'Analysis'];
    const rows = [[
      'New customers', '50', '45', '90%', 'At risk', "A competitor's August promotion delayed 5 customers' signing and the rest of a long sentence",
    ]].map((r) => r.map((text) => ({ text })));
    const layout = layoutColumns(header, rows, 480);
    const width = (text: string, bold = false): number => textEms(text, bold) * 9;
    expect(layout.widths[3]).toBeGreaterThan(width('Achievement', true));
    expect(layout.widths[4]).toBeGreaterThan(width('At risk'));
    expect(layout.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(480, 5);
    expect(layout.align).toEqual(['left', 'right', 'right', 'right', 'left', 'left']);
  });

  it('keeps dates whole and a short Chinese header term whole', () => {
    expect(unbreakableParts('2023-08-10', false)).toEqual(['2023-08-10']);
    expect(unbreakableParts('达成率', true)).toEqual(['达成率']);
    expect(unbreakableParts('受竞品8月促销活动影响', false)).toEqual(['受', '竞', '品', '8', '月', '促', '销', '活', '动', '影', '响']);
  });
});
