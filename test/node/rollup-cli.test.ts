/**
 * `market-expansion rollup`: three regional workbooks (English, Chinese, one with its columns moved and its
 * amounts in 元) and one that is not a workbook; the JSON's totals are the regions' sums with every rate
 * recomputed from them, the unreadable file is named with why, and the report is written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/node/cli';
import { threeRegions, writeRegionXlsx } from '../regions';
import { recordingIo, tempDir } from './xlsxHelpers';

interface Json {
  cycle: string; currencyUnit: string; rankedBy: string;
  regions: { region: string; file: string; state: string; rank: number | null; metrics?: { metricKey: string; target: number; actual: number; achievement: number }[]; problems: unknown[] }[];
  total: { metrics: { metricKey: string; metric: string; target: number; actual: number; achievement: number; regions: string[] }[]; inputOutput: { revenue: number; totalCost: number; ratio: number; ratioLabel: string } };
  unreadable: { region: string; file: string; reason: string }[];
  ranking: { rank: number; region: string }[];
}

describe('market-expansion rollup', () => {
  const dir = tempDir();
  const files = ['east.xlsx', 'south.xlsx', 'west.xlsx', 'north.xlsx'];
  let json: Json;
  let code: number;
  let io: ReturnType<typeof recordingIo>;

  beforeAll(async () => {
    const regions = threeRegions();
    for (const [i, region] of regions.entries()) await writeRegionXlsx(region, join(dir, files[i]!));
    writeFileSync(join(dir, 'north.xlsx'), 'not a workbook');
    io = recordingIo(dir);
    code = await main(['rollup', ...files, '--as-of', '2023-09-30', '--json', 'rollup.json', '--out', 'rollup.docx', '--region', 'China', '--currency', '万元'], io);
    json = JSON.parse(readFileSync(join(dir, 'rollup.json'), 'utf8')) as Json;
  });

  it('rolls up every readable region, one entry per file, and names the unreadable one with why', () => {
    expect(json.regions.map((r) => [r.region, r.file, r.state])).toEqual([
      ['East China', 'east.xlsx', 'ok'], ['华南区域', 'south.xlsx', 'ok'], ['West China', 'west.xlsx', 'ok'], ['north', 'north.xlsx', 'unreadable'],
    ]);
    expect(json.unreadable).toEqual([{ region: 'north', file: 'north.xlsx', reason: 'Cannot read north.xlsx: it is not an Excel workbook (.xlsx). Save it from Excel or WPS as an Excel workbook (.xlsx).' }]);
    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toContain('north (north.xlsx): Cannot read north.xlsx');
  });

  it('reads the moved columns and the amounts in 元 (West: 1,100,000元 of 1,000,000元 revenue, 110%)', () => {
    const west = json.regions.find((r) => r.region === 'West China')!;
    const revenue = west.metrics!.find((m) => m.metricKey === 'revenue')!;
    // Converted into the roll-up's 万元.
    expect([revenue.target, revenue.actual, revenue.achievement]).toEqual([100, 110, 1.1]);
  });

  it('totals are sums, every rate recomputed from them', () => {
    const total = (key: string) => json.total.metrics.find((m) => m.metricKey === key)!;
    expect([total('new_customers').target, total('new_customers').actual]).toEqual([140, 134]);
    expect(total('new_customers').achievement).toBeCloseTo(134 / 140, 12);
    expect([total('revenue').target, total('revenue').actual]).toEqual([450, 445]);
    expect(total('revenue').achievement).toBeCloseTo(445 / 450, 12);
    expect(total('revenue').metric).toBe('Revenue');
    expect(total('revenue').regions).toEqual(['East China', '华南区域', 'West China']);
    const io = json.total.inputOutput;
    // Evaluation actuals where typed (South's 120), else the detailed rows, as each region's report has them.
    expect(io.revenue).toBeCloseTo(215 + 120 + 110, 9);
    expect(io.totalCost).toBeCloseTo(28 + 28 + 20, 9);
    expect(io.ratio).toBeCloseTo(445 / 76, 9);
    expect(io.ratioLabel).toBe('1:5.9');
  });

  it('ranks the regions by revenue achievement and writes the report', () => {
    expect(json.rankedBy).toBe('Revenue');
    expect(json.ranking).toEqual([{ rank: 1, region: 'West China' }, { rank: 2, region: 'East China' }, { rank: 3, region: '华南区域' }]);
    expect(existsSync(join(dir, 'rollup.docx'))).toBe(true);
    expect(io.stdout).toContain('Wrote rollup.docx: 2023 Q3 China — regional roll-up.');
  });

  it('shows progress on a terminal only, one line per workbook', async () => {
    const lines: string[] = [];
    const terminal = { ...recordingIo(dir), isTerminal: true, progress: (text: string) => { lines.push(text); } };
    await main(['rollup', 'east.xlsx', 'south.xlsx', '--json', 'two.json', '--as-of', '2023-09-30'], terminal);
    expect(lines).toEqual(['Reading 1 of 2: east.xlsx…', 'Reading 2 of 2: south.xlsx…', '']);
    const quiet: string[] = [];
    await main(['rollup', 'east.xlsx', '--json', 'one.json'], { ...recordingIo(dir), progress: (text: string) => { quiet.push(text); } });
    expect(quiet).toEqual([]);
  });

  it('says how to use it without files, in Chinese on a Chinese system', async () => {
    const zh = recordingIo(dir, { LANG: 'zh_CN.UTF-8' });
    expect(await main(['rollup'], zh)).toBe(2);
    expect(zh.stderr[0]).toMatch(/^请指定要汇总的区域工作簿/);
  });
});
