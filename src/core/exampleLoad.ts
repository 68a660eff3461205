import { exampleData } from './example';
import { Lang } from './i18n';
import { RawWorkbook, matchesSetting } from './model';
import { SETTINGS, TABS, TabKey, tabSpec } from './schema';
import { defaultSettingValue } from './setup';
import { CellWrite, asLiteral, isBlankCell, mapHeaders, readTable } from './table';
import { CellValue, Day, dayFromIso } from './values';

export type ExamplePlan = { readonly busy: readonly TabKey[] } | { readonly writes: readonly CellWrite[] };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Load example data, as a plan: refused (with the tabs that hold data) when a person has typed anything
 * the example would cover; otherwise the writes that put the example under the headers where they are.
 * `dateCell` turns a calendar day into what the sheet stores for a date.
 */
export function planExampleLoad(raw: RawWorkbook, lang: Lang, dateCell: (day: Day) => CellValue): ExamplePlan {
  const busy = TABS.filter((spec) => spec.key !== 'log' && tabHoldsData(spec.key, raw[spec.key] ?? [], lang)).map((s) => s.key);
  if (busy.length > 0) return { busy };
  const example = exampleData(lang);
  const cell = (isDate: boolean, value: CellValue): CellValue =>
    isDate && typeof value === 'string' && ISO_DAY.test(value) ? dateCell(dayFromIso(value)) : asLiteral(value);
  const writes: CellWrite[] = [];
  for (const spec of TABS) {
    const rows = example.tabs[spec.key];
    const grid = raw[spec.key];
    if (!rows || rows.length === 0 || !grid) continue;
    const header = mapHeaders(spec, grid[0] ?? []);
    // Only as wide as the table: the Costs summary panel and a team's own columns beyond it stay untouched.
    const width = Math.max(...[...header.index.values()].map((c) => c + 1), 1);
    const values = rows.map((row) => {
      const line: CellValue[] = new Array(width).fill('');
      for (const column of spec.columns) {
        const at = header.index.get(column.key);
        const value = row[column.key];
        if (at !== undefined && value !== undefined) line[at] = cell(column.type === 'date', value);
      }
      return line;
    });
    writes.push(...skippingFormulaColumns(spec.key, header.index, values));
  }
  const settings = raw.settings;
  if (settings && settings.length > 1) {
    const header = mapHeaders(tabSpec('settings'), settings[0] ?? []);
    const labelColumn = header.index.get('setting') ?? 0;
    const valueColumn = header.index.get('value') ?? 1;
    const column = settings.slice(1).map((row) => {
      const spec = SETTINGS.find((s) => matchesSetting(s, row[labelColumn]));
      const value = spec ? example.settings[spec.key] : undefined;
      return [value === undefined ? (row[valueColumn] ?? '') : cell(spec?.type === 'date', value)];
    });
    writes.push({ tab: 'settings', row: 2, column: valueColumn + 1, values: column });
  }
  return { writes };
}

/** Whether a tab holds anything a person typed (template formulas and default settings do not count). */
function tabHoldsData(tab: TabKey, grid: readonly (readonly CellValue[])[], lang: Lang): boolean {
  if (tab === 'settings') return settingsHoldData(grid, lang);
  const spec = tabSpec(tab);
  return readTable(spec, grid).rows.some((row) => spec.columns.some((c) => !c.formula && !isBlankCell(row.cells[c.key] ?? '')));
}

function settingsHoldData(grid: readonly (readonly CellValue[])[], lang: Lang): boolean {
  const header = mapHeaders(tabSpec('settings'), grid[0] ?? []);
  const labelColumn = header.index.get('setting') ?? 0;
  const valueColumn = header.index.get('value') ?? 1;
  return SETTINGS.some((spec) => {
    const row = grid.find((r, i) => i > 0 && matchesSetting(spec, r[labelColumn]));
    const value = row?.[valueColumn];
    return value !== undefined && !isBlankCell(value) && String(value) !== String(defaultSettingValue(spec.key, lang)) && String(value) !== String(spec.defaultValue);
  });
}

/** One write per run of columns that hold no template formula, so the formulas in row 2 stay. */
function skippingFormulaColumns(tab: TabKey, index: ReadonlyMap<string, number>, values: CellValue[][]): CellWrite[] {
  const formulaColumns = new Set(tabSpec(tab).columns.filter((c) => c.formula).map((c) => index.get(c.key)).filter((c): c is number => c !== undefined));
  const width = values[0]?.length ?? 0;
  const writes: CellWrite[] = [];
  let start = 0;
  while (start < width) {
    while (start < width && formulaColumns.has(start)) start += 1;
    let end = start;
    while (end < width && !formulaColumns.has(end)) end += 1;
    if (end > start) writes.push({ tab, row: 2, column: start + 1, values: values.map((row) => row.slice(start, end)) });
    start = end;
  }
  return writes;
}
