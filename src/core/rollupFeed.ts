/**
 * The Roll-up data tab (汇总数据) of a regional tracker: its RegionFigures as rows, written by the tracker
 * itself (on open, by Check data and by each daily reminder run) and imported by a director's roll-up with
 * IMPORTRANGE. A small, fixed-size table: the roll-up imports a few dozen rows per region, never the
 * region's thousands of tracking rows, so it stays far inside IMPORTRANGE's limits and Sheets' cell cap.
 *
 * One row per record; record names are language-neutral keys so a Chinese and an English region read
 * alike; numbers are written as numbers (full precision), dates as ISO text. Headers are found by text
 * like every tab, so a person moving a column does not break the roll-up.
 */
import { MetricKey } from './catalogue';
import { Bilingual, Lang, fill, pick } from './i18n';
import { Status } from './metrics';
import { TimeContext, cellText } from './model';
import { DIMENSION, DIRECTION, Dimension, METRIC_STATUS, matchOption } from './options';
import { ValueKind } from './report';
import { RegionFigures, RegionMetric, WEEKLY_KEYS, WeeklyKey } from './rollup';
import { FEED_TAB } from './schema';
import { TableRow, readTable } from './table';
import { CellValue, Day, Direction, isoFromDay, parseDate } from './values';

export const FEED_FORMAT = 1;

const STATUSES: readonly Status[] = METRIC_STATUS.options.map((o) => o.key);
const KINDS: readonly ValueKind[] = ['number', 'percent', 'ratio'];

/** ISO text Sheets keeps as text (a bare 2023-09-30 would become a date). */
const isoText = (iso: string): string => (iso === '' ? '' : `'${iso}`);
const num = (n: number | null): CellValue => (n === null || !Number.isFinite(n) ? '' : n);

/** The rows of the Roll-up data tab, header first, in the sheet's language. */
export function feedRows(f: RegionFigures, lang: Lang): CellValue[][] {
  const header = FEED_TAB.columns.map((c) => pick(c.header, lang));
  const width = header.length;
  const at = (key: string): number => FEED_TAB.columns.findIndex((c) => c.key === key);
  // Every text cell is written as text (a leading apostrophe), so Sheets never turns "2023-07" or "1:7.7" into a date or a number.
  const row = (cells: Partial<Record<string, CellValue>>): CellValue[] => {
    const line: CellValue[] = new Array(width).fill('');
    for (const [key, value] of Object.entries(cells)) line[at(key)] = typeof value === 'string' && value !== '' && !value.startsWith("'") ? `'${value}` : value ?? '';
    return line;
  };
  const scalar = (record: string, value: CellValue): CellValue[] => row({ record, value });
  return [
    header,
    scalar('format', FEED_FORMAT),
    scalar('region', f.region),
    scalar('team', f.team),
    scalar('cycle', f.cycle),
    scalar('cycleStart', isoText(f.cycleStart)),
    scalar('cycleEnd', isoText(f.cycleEnd)),
    scalar('asOf', isoText(f.asOf)),
    scalar('currencyUnit', f.currencyUnit),
    scalar('workCalendar', f.workCalendar),
    scalar('lastCheckIn', isoText(f.lastCheckIn ?? '')),
    scalar('errors', f.problems.errors),
    scalar('warnings', f.problems.warnings),
    scalar('tasks.total', f.tasks.total),
    scalar('tasks.done', f.tasks.done),
    scalar('tasks.open', f.tasks.open),
    scalar('tasks.overdue', f.tasks.overdue),
    scalar('io.totalCost', num(f.inputOutput.totalCost)),
    scalar('io.revenue', num(f.inputOutput.revenue)),
    scalar('io.budget', num(f.inputOutput.budget)),
    scalar('io.newCustomers', num(f.inputOutput.newCustomers)),
    ...WEEKLY_KEYS.map((key) => scalar(`weekly.${key}`, num(f.weekly[key]))),
    ...f.metrics.map((m) => row({
      record: 'metric', name: m.metric, key: m.metricKey ?? '', dimension: m.dimension ?? '', unit: m.unit, direction: m.direction, kind: m.kind,
      target: num(m.target), actual: num(m.actual), achievement: num(m.achievement), status: m.status,
    })),
  ];
}

const MSG = {
  noHeader: { en: 'no "Record" column in its first row', zh: '第一行没有“记录”列' },
  format: { en: 'it was written by another version of the tracker (format {found}, expected {expected}): update that sheet\'s script and open it once', zh: '它由其他版本的跟踪表写入（格式 {found}，应为 {expected}）：请更新该表格的脚本并打开一次' },
  missing: { en: 'the record "{record}" is missing', zh: '缺少记录“{record}”' },
  badNumber: { en: '"{value}" in record "{record}" is not a number', zh: '记录“{record}”中的“{value}”不是数字' },
  badDate: { en: '"{value}" in record "{record}" is not a date', zh: '记录“{record}”中的“{value}”不是日期' },
} as const satisfies Record<string, Bilingual>;

class FeedError extends Error {
  constructor(readonly detail: Bilingual) {
    super(detail.en);
  }
}

/**
 * Reads a Roll-up data grid (as imported: header row first) back into RegionFigures, or says what is
 * wrong with it. `dayOf` reads a date cell in the roll-up's time zone (IMPORTRANGE may bring dates as dates).
 */
export function readFeed(grid: readonly (readonly CellValue[])[], time: Pick<TimeContext, 'dayOf'>): { figures: RegionFigures } | { error: Bilingual } | { empty: true } {
  const nonBlank = grid.filter((r) => r.some((c) => c !== '' && c !== null && c !== undefined));
  if (nonBlank.length === 0) return { empty: true };
  const { header, rows } = readTable(FEED_TAB, grid);
  if (!header.index.has('record')) return { error: MSG.noHeader };
  // Text as written (a leading apostrophe is how it was kept text; Sheets drops it, a file may not).
  const plain = (value: CellValue): string => cellText(value, time.dayOf).replace(/^'/, '');
  const byRecord = new Map<string, TableRow>();
  for (const r of rows) {
    const record = plain(r.cells.record ?? '');
    if (record !== 'metric' && !byRecord.has(record)) byRecord.set(record, r);
  }
  try {
    const text = (record: string): string => {
      const r = byRecord.get(record);
      if (!r) throw new FeedError(fill(MSG.missing, { record }));
      return plain(r.cells.value ?? '');
    };
    const number = (value: CellValue, record: string): number | null => {
      if (value === '' || value === null || value === undefined) return null;
      const n = typeof value === 'number' ? value : Number(String(value).trim().replace(/^'/, ''));
      if (!Number.isFinite(n)) throw new FeedError(fill(MSG.badNumber, { value: String(value), record }));
      return n;
    };
    const scalar = (record: string): number | null => {
      const r = byRecord.get(record);
      if (!r) throw new FeedError(fill(MSG.missing, { record }));
      return number(r.cells.value ?? '', record);
    };
    const count = (record: string): number => scalar(record) ?? 0;
    const day = (record: string): string => {
      const r = byRecord.get(record);
      if (!r) throw new FeedError(fill(MSG.missing, { record }));
      const raw = r.cells.value ?? '';
      if (raw === '') return '';
      const parsed = parseDate(typeof raw === 'string' ? raw.replace(/^'/, '') : raw, time.dayOf);
      if (!parsed.ok || parsed.value === null) throw new FeedError(fill(MSG.badDate, { value: plain(raw), record }));
      return isoFromDay(parsed.value.start as Day);
    };
    const format = scalar('format');
    if (format !== FEED_FORMAT) throw new FeedError(fill(MSG.format, { found: format ?? '—', expected: FEED_FORMAT }));
    const metrics: RegionMetric[] = rows.filter((r) => plain(r.cells.record ?? '') === 'metric').map((r) => {
      const word = (key: string): string => plain(r.cells[key] ?? '');
      const direction = (['higher', 'lower', 'none'] as const).find((d) => d === word('direction')) ?? matchOption(DIRECTION, word('direction')) ?? 'higher';
      const status = STATUSES.find((s) => s === word('status')) ?? 'no_data';
      const kind = KINDS.find((k) => k === word('kind')) ?? 'number';
      const dimension = (matchOption(DIMENSION, word('dimension')) as Dimension | null) ?? null;
      return {
        metric: word('name'), metricKey: (word('key') || null) as MetricKey | null, dimension, unit: word('unit'), direction: direction as Direction, kind,
        target: number(r.cells.target ?? '', 'metric'), actual: number(r.cells.actual ?? '', 'metric'), achievement: number(r.cells.achievement ?? '', 'metric'), status,
      };
    });
    const weekly = Object.fromEntries(WEEKLY_KEYS.map((key) => [key, scalar(`weekly.${key}`)])) as Record<WeeklyKey, number | null>;
    const calendar = text('workCalendar');
    const lastCheckIn = day('lastCheckIn');
    return {
      figures: {
        region: text('region'), team: text('team'), cycle: text('cycle'), cycleStart: day('cycleStart'), cycleEnd: day('cycleEnd'), asOf: day('asOf'),
        currencyUnit: text('currencyUnit'), workCalendar: calendar === 'cn' ? 'cn' : 'none',
        metrics,
        inputOutput: { totalCost: scalar('io.totalCost'), revenue: scalar('io.revenue'), budget: scalar('io.budget'), newCustomers: scalar('io.newCustomers') },
        weekly,
        tasks: { total: count('tasks.total'), done: count('tasks.done'), open: count('tasks.open'), overdue: count('tasks.overdue') },
        problems: { errors: count('errors'), warnings: count('warnings') },
        lastCheckIn: lastCheckIn === '' ? null : lastCheckIn,
      },
    };
  } catch (error) {
    if (error instanceof FeedError) return { error: error.detail };
    throw error;
  }
}
