/**
 * Three regional workbooks for the roll-up tests, as grids (header row first): East China (the worked
 * example in English), South China (the example in Chinese with its own figures) and West China (English,
 * its columns in another order and amounts in 元 instead of 万元). The same grids are written as .xlsx for
 * the offline roll-up and into emulated spreadsheets for the Google roll-up.
 */
import ExcelJS from 'exceljs';
import { Lang, pick } from '../src/core/i18n';
import { RawWorkbook } from '../src/core/model';
import { TABS, TabKey, tabSpec } from '../src/core/schema';
import { CellValue } from '../src/core/values';
import { exampleRaw } from './core/reportFixture';

export interface RegionGrids {
  readonly name: string;
  readonly lang: Lang;
  readonly raw: RawWorkbook;
}

function setCell(raw: RawWorkbook, tab: TabKey, match: (row: CellValue[]) => boolean, column: string, value: CellValue): void {
  const grid = raw[tab]!;
  const at = grid[0]!.findIndex((h) => h === tabSpec(tab).columns.find((c) => c.key === column)!.header.en || h === tabSpec(tab).columns.find((c) => c.key === column)!.header.zh);
  const row = grid.find((r, i) => i > 0 && match(r));
  if (at < 0 || !row) throw new Error(`no ${tab}.${column}`);
  row[at] = value;
}

function setSetting(raw: RawWorkbook, key: string, value: CellValue): void {
  const row = raw.settings!.find((r) => r[0] === key);
  if (!row) throw new Error(`no setting ${key}`);
  row[1] = value;
}

/** The columns of a tab moved: the last three first. */
function reorder(grid: CellValue[][]): CellValue[][] {
  return grid.map((r) => {
    const cells = [...r];
    while (cells.length < grid[0]!.length) cells.push('');
    return [...cells.slice(-3), ...cells.slice(0, -3)];
  });
}

export function threeRegions(): RegionGrids[] {
  const east = exampleRaw('en');

  const south = exampleRaw('zh-CN');
  setSetting(south, '团队', '华南销售团队');
  setSetting(south, '区域', '华南区域');
  setCell(south, 'evaluation', (r) => r[1] === '新增客户数', 'target', 40);
  setCell(south, 'evaluation', (r) => r[1] === '新增客户数', 'actual', 44);
  setCell(south, 'evaluation', (r) => String(r[1]).includes('销售额'), 'metric', '华南区域销售额');
  setCell(south, 'evaluation', (r) => String(r[1]).includes('销售额'), 'target', 150);
  setCell(south, 'evaluation', (r) => String(r[1]).includes('销售额'), 'actual', 120);
  setCell(south, 'evaluation', (r) => r[1] === '线索转化率', 'actual', '20%');

  const west = exampleRaw('en');
  setSetting(west, 'Team', 'West China sales team');
  setSetting(west, 'Region', 'West China');
  setSetting(west, 'Currency unit', '元');
  setCell(west, 'evaluation', (r) => r[1] === 'East China revenue', 'metric', 'West China revenue');
  setCell(west, 'evaluation', (r) => r[1] === 'West China revenue', 'unit', '元');
  setCell(west, 'evaluation', (r) => r[1] === 'West China revenue', 'target', 1_000_000);
  setCell(west, 'evaluation', (r) => r[1] === 'West China revenue', 'actual', '1,100,000元');
  setCell(west, 'evaluation', (r) => r[1] === 'Total expansion cost', 'unit', '元');
  setCell(west, 'evaluation', (r) => r[1] === 'Total expansion cost', 'target', 250_000);
  setCell(west, 'evaluation', (r) => r[1] === 'Total expansion cost', 'actual', 200_000);
  // Its costs and weekly revenue in 元 too.
  const costs = west.costs!;
  const amount = costs[0]!.indexOf('Amount');
  for (const row of costs.slice(1)) row[amount] = Number(row[amount]) * 10_000 * (200_000 / 280_000);
  const weekly = west.weekly!;
  const revenue = weekly[0]!.indexOf('Revenue');
  for (const row of weekly.slice(1)) if (row[revenue] !== '') row[revenue] = Number(row[revenue]) * 10_000 * (110 / 215);
  for (const tab of ['evaluation', 'tracking', 'weekly', 'costs'] as const) west[tab] = reorder(west[tab]!);

  return [
    { name: 'East China', lang: 'en', raw: east },
    { name: '华南区域', lang: 'zh-CN', raw: south },
    { name: 'West China', lang: 'en', raw: west },
  ];
}

/** The grids as an .xlsx file (tabs named in the region's language). */
export async function writeRegionXlsx(region: RegionGrids, path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const tab of TABS) {
    const grid = region.raw[tab.key];
    if (!grid) continue;
    const ws = wb.addWorksheet(pick(tab.name, region.lang));
    for (const row of grid) ws.addRow(row.map((c) => (c === undefined || c === null ? null : c)));
  }
  await wb.xlsx.writeFile(path);
}
