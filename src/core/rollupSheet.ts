/**
 * The roll-up tracker's own tabs, as plain data: the Regions list, the hidden Region imports tab (one
 * IMPORTRANGE block per region, written by Set up) and what Refresh regions writes back (the Regions
 * tab's computed columns and the Roll-up tab).
 *
 * Why IMPORTRANGE (see the README): the roll-up needs no OAuth scope beyond the current spreadsheet; each
 * source is allowed once by a person (Allow access); Google recalculates imports when the roll-up is
 * opened and when a source changes; and each region imports only its small Roll-up data tab (a few dozen
 * rows, however many tracking rows the region has), as Google's help advises ("condense your result
 * before you use IMPORTRANGE").
 */
import { Bilingual, Lang, fill, pick } from './i18n';
import { cellText } from './model';
import { METRIC_STATUS, optionLabel } from './options';
import { RegionInput, RegionResult, Rollup, UnreadableReason, noteText, totalMetricName } from './rollup';
import { readFeed } from './rollupFeed';
import { FEED_TAB, REGIONS_TAB, ROLLUP_TAB } from './schema';
import { CellWrite, mapHeaders, readTable } from './table';
import { CellValue, Day } from './values';

/** Rows of a region's Roll-up data imported (a region with more metrics than this is cut, and says so). */
export const FEED_ROWS = 200;
/** Columns of one region's block in Region imports: the feed's columns and a blank one between blocks. */
export const BLOCK_WIDTH = FEED_TAB.columns.length + 1;

export interface RegionRow {
  /** Sheet row in Regions (1-based). */
  readonly row: number;
  readonly name: string;
  readonly urlText: string;
  readonly owner: string;
  /** The sheet's canonical URL, or why the cell is not one. */
  readonly url: { readonly url: string } | { readonly reason: UnreadableReason };
}

const SHEET_ID = /^[A-Za-z0-9_-]{25,}$/;

/** A region's sheet as IMPORTRANGE wants it: https://docs.google.com/spreadsheets/d/<id>, from a link or a bare ID. */
export function sheetUrlOf(text: string): { url: string } | { reason: UnreadableReason } {
  const trimmed = text.trim();
  if (trimmed === '') return { reason: { code: 'no_url' } };
  const fromUrl = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(trimmed)?.[1];
  const id = fromUrl ?? (SHEET_ID.test(trimmed) ? trimmed : null);
  if (id === null) return { reason: { code: 'bad_url', detail: trimmed } };
  return { url: `https://docs.google.com/spreadsheets/d/${id}` };
}

/** The Regions tab's rows (blank rows skipped). */
export function regionRows(grid: readonly (readonly CellValue[])[]): RegionRow[] {
  if (grid.length === 0) return [];
  return readTable(REGIONS_TAB, grid).rows.map((r) => {
    const urlText = cellText(r.cells.url ?? '');
    return { row: r.row, name: cellText(r.cells.region ?? ''), urlText, owner: cellText(r.cells.owner ?? ''), url: sheetUrlOf(urlText) };
  });
}

const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`;
const sheetRef = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/**
 * The IMPORTRANGE of a region's Roll-up data, trying the tab's English name, then its Chinese one (the
 * region's sheet names its tabs in its own language).
 */
export function importFormula(url: string): string {
  const range = (name: string): string => quote(`${sheetRef(name)}!A1:${String.fromCharCode(64 + FEED_TAB.columns.length)}${FEED_ROWS}`);
  return `=IFERROR(IMPORTRANGE(${quote(url)}, ${range(FEED_TAB.name.en)}), IMPORTRANGE(${quote(url)}, ${range(FEED_TAB.name.zh)}))`;
}

/** Rows 1 and 2 of Region imports: each block's region name above its IMPORTRANGE (none for a row without a valid URL). */
export function importsLayout(regions: readonly RegionRow[]): { labels: CellValue[]; formulas: string[] } {
  const width = Math.max(1, regions.length * BLOCK_WIDTH);
  const labels: CellValue[] = new Array(width).fill('');
  const formulas: string[] = new Array(width).fill('');
  regions.forEach((region, i) => {
    const at = i * BLOCK_WIDTH;
    labels[at] = region.name || region.urlText;
    if ('url' in region.url) formulas[at] = importFormula(region.url.url);
  });
  return { labels, formulas };
}

/** What the cell of an IMPORTRANGE shows when it has no data: the reason, or null when it holds data. */
function importError(first: CellValue): UnreadableReason | null {
  const text = typeof first === 'string' ? first.trim() : '';
  if (/^loading/i.test(text)) return { code: 'loading' };
  if (/^#(REF|N\/A|ERROR|VALUE)!?/i.test(text)) return { code: 'no_access' };
  return null;
}

/**
 * The regions as read from Region imports (header row 1 labels, row 2 the imported tables): each one's
 * figures, or why it cannot be read. `grid` is the whole imports tab as getValues gives it.
 */
export function readImports(regions: readonly RegionRow[], grid: readonly (readonly CellValue[])[], dayOf: (date: Date) => Day): RegionInput[] {
  return regions.map((region, i): RegionInput => {
    const base = { name: region.name, source: region.urlText, owner: region.owner, row: region.row };
    if (!('url' in region.url)) return { ...base, figures: null, unreadable: region.url.reason };
    const at = i * BLOCK_WIDTH;
    const block = grid.slice(1, 1 + FEED_ROWS).map((row) => row.slice(at, at + FEED_TAB.columns.length));
    const error = importError(block[0]?.[0] ?? '');
    if (error !== null) return { ...base, figures: null, unreadable: error };
    const feed = readFeed(block, { dayOf });
    if ('empty' in feed) return { ...base, figures: null, unreadable: { code: 'no_feed' } };
    if ('error' in feed) return { ...base, figures: null, unreadable: { code: 'bad_feed', detail: feed.error.en } };
    return { ...base, figures: feed.figures };
  });
}

// ---------------------------------------------------------------------------------------------
// What Refresh regions writes

const STATE: Readonly<Record<RegionResult['state'], Bilingual>> = {
  ok: { en: 'OK', zh: '正常' },
  stale: { en: 'Stale', zh: '未及时更新' },
  problems: { en: 'Has errors', zh: '有错误' },
  unreadable: { en: 'Cannot be read', zh: '无法读取' },
  excluded: { en: 'Other cycle', zh: '周期不同' },
};

export function stateLabel(state: RegionResult['state'], lang: Lang): string {
  return pick(STATE[state], lang);
}

/** The Regions tab's computed columns for each listed row (one write per run of adjacent columns). */
export function regionsWrites(grid: readonly (readonly CellValue[])[], rollup: Rollup, lang: Lang, workdays: boolean): CellWrite[] {
  if (grid.length < 2) return [];
  const header = mapHeaders(REGIONS_TAB, grid[0] ?? []);
  const columns = REGIONS_TAB.columns.filter((c) => c.computed && header.index.has(c.key)).map((c) => ({ key: c.key, at: header.index.get(c.key)! }))
    .sort((a, b) => a.at - b.at);
  if (columns.length === 0) return [];
  const byRow = new Map(rollup.regions.map((r) => [r.row, r]));
  const sep = lang === 'zh-CN' ? '；' : '; ';
  const valueOf = (r: RegionResult | undefined, key: string): CellValue => {
    if (!r) return '';
    switch (key) {
      case 'state': return stateLabel(r.state, lang);
      case 'rank': return r.rank ?? '';
      case 'asOf': return r.figures ? `'${r.figures.asOf}` : '';
      case 'lastCheckIn': return r.figures?.lastCheckIn ? `'${r.figures.lastCheckIn}` : '';
      case 'problems': return r.figures ? r.figures.problems.errors + r.figures.problems.warnings : '';
      case 'note': return r.notes.map((n) => pick(noteText(n, workdays), lang)).join(sep);
      default: return '';
    }
  };
  const rows = grid.slice(1).map((_, i) => byRow.get(i + 2));
  const writes: CellWrite[] = [];
  let run: typeof columns = [];
  const flush = (): void => {
    if (run.length === 0) return;
    writes.push({ tab: 'regions', row: 2, column: run[0]!.at + 1, values: rows.map((r) => run.map((c) => valueOf(r, c.key))) });
    run = [];
  };
  for (const column of columns) {
    if (run.length > 0 && column.at !== run[run.length - 1]!.at + 1) flush();
    run.push(column);
  }
  flush();
  return writes;
}

const TOTAL = { en: 'Total', zh: '合计' } as const;
const NO_TOTAL_NOTE = { en: 'No total: {why}', zh: '无合计：{why}' } as const;

/** The Roll-up tab: for each metric its total row, then each region's, best first (header row first). */
export function rollupRows(rollup: Rollup, lang: Lang, whyNoTotal: (m: Rollup['total']['metrics'][number]) => Bilingual | null): CellValue[][] {
  const header = ROLLUP_TAB.columns.map((c) => pick(c.header, lang));
  const status = (s: Parameters<typeof optionLabel>[1]): string => pick(optionLabel(METRIC_STATUS, s as never), lang);
  const num = (v: number | null): CellValue => (v === null ? '' : v);
  const rows: CellValue[][] = [header];
  for (const m of rollup.total.metrics) {
    const name = totalMetricName(m, lang);
    const why = whyNoTotal(m);
    const missing = m.missing.length > 0 ? (lang === 'zh-CN' ? `未计入：${m.missing.join('、')}` : `Not counted: ${m.missing.join(', ')}`) : '';
    rows.push([
      name, m.unit, pick(TOTAL, lang), num(m.target), num(m.actual), num(m.achievement), m.noTotal === null ? status(m.status) : '', '',
      why === null ? missing : fill(NO_TOTAL_NOTE, { why: pick(why, lang) })[lang === 'zh-CN' ? 'zh' : 'en'],
    ]);
    for (const b of [...m.byRegion].sort((x, y) => (x.rank ?? Infinity) - (y.rank ?? Infinity))) {
      rows.push([name, m.unit, b.region, num(b.target), num(b.actual), num(b.achievement), status(b.status), b.rank ?? '', '']);
    }
  }
  return rows;
}
