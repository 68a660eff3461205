/**
 * Evaluation rows typed the way people type them — units in the cell, percentages both ways, blanks, bad and
 * huge cells — and what the report model makes of them. The sheet's formulas (HyperFormula with the bundle's
 * custom functions), the offline template's formulas (HyperFormula and LibreOffice) and the report must agree on
 * every one: the same figure, or no figure (blank / Check data) — never a different number.
 */
import { evaluateMetrics } from '../../src/core/evaluation';
import { Lang, pick } from '../../src/core/i18n';
import { RawWorkbook, readWorkbook } from '../../src/core/model';
import { SETTINGS, tabSpec } from '../../src/core/schema';
import { CellValue, Day, isoFromDay, utcDayOf } from '../../src/core/values';

export interface TypedRow {
  readonly what: string;
  readonly metric: string;
  readonly unit: string;
  readonly direction: string;
  readonly target: CellValue;
  readonly actual: CellValue;
  /** The cell holds text (a unit or a word): only the report and the sheet's custom functions can read it; the offline template shows Check data. */
  readonly text?: boolean;
}

/** Settings → Currency unit of the workbook the rows are typed in. */
export const CURRENCY = '万元';

export const TYPED_ROWS: readonly TypedRow[] = [
  { what: 'plain counts', metric: '新增客户数', unit: '家', direction: '', target: 50, actual: 45 },
  { what: 'a unit word in a 万元 row', metric: '华东区域销售额', unit: '万元', direction: '', target: 200, actual: '215万元', text: true },
  { what: 'yuan in a 万元 row', metric: '华东区域销售额', unit: '万元', direction: '', target: 200, actual: '2,150,000元', text: true },
  { what: '3.5亿 in a 万元 row', metric: '销售额', unit: '万元', direction: '', target: 30000, actual: '3.5亿', text: true },
  { what: 'percentage points against a fraction (a cell shown as 24%)', metric: '线索转化率', unit: '%', direction: '', target: 30, actual: 0.24 },
  { what: 'percentage text', metric: '线索转化率', unit: '%', direction: '', target: 30, actual: '24%', text: true },
  { what: 'a blank unit on a catalogue rate', metric: 'Lead conversion rate', unit: '', direction: '', target: 15, actual: 0.12 },
  { what: 'an unreadable actual', metric: '新增客户数', unit: '家', direction: '', target: 50, actual: 'abc', text: true },
  { what: 'a huge actual', metric: '新增客户数', unit: '家', direction: '', target: 50, actual: 1e308 },
  { what: 'a blank actual', metric: 'Customer visits', unit: '', direction: '', target: 200, actual: '' },
  { what: 'a placeholder actual', metric: 'Customer visits', unit: '', direction: '', target: 200, actual: '-' },
  { what: 'a count in a money row', metric: '销售额', unit: '万元', direction: '', target: 200, actual: '45家', text: true },
  { what: 'a percentage in a money row', metric: '销售额', unit: '万元', direction: '', target: 200, actual: '12%', text: true },
  { what: 'a team metric with no unit', metric: 'NPS', unit: '', direction: '', target: 50, actual: 40 },
  { what: 'a team metric whose cells need a unit', metric: '自定义指标', unit: '', direction: '', target: 200, actual: '215万', text: true },
  { what: 'a cost with a blank direction', metric: '获客成本', unit: '元', direction: '', target: 500, actual: 400 },
  { what: 'a cost with lower', metric: '拓展总成本', unit: '万元', direction: '越低越好', target: 30, actual: 28 },
  { what: 'an unknown direction', metric: '新增客户数', unit: '家', direction: 'sideways', target: 50, actual: 45 },
  { what: 'no direction', metric: '满意度调查', unit: '分', direction: '-', target: 5, actual: 4 },
  { what: 'a 1:X row', metric: '投入产出比', unit: '1:X', direction: '', target: 6, actual: 7.7 },
  { what: 'a target of almost 0', metric: 'NPS', unit: '', direction: '', target: 1e-9, actual: 5 },
  { what: 'a zero target', metric: 'NPS', unit: '', direction: '', target: 0, actual: 5 },
];

/** The cycle the rows belong to, and a day inside it (day 28 of 92) and one after it. */
export const CYCLE = { start: '2023-07-01', end: '2023-09-30' } as const;

/** The rows as a workbook (Settings and Evaluation only, header rows first) in `lang`. */
export function typedWorkbook(lang: Lang, rows: readonly TypedRow[] = TYPED_ROWS, cycle: { start: string; end: string } = CYCLE): RawWorkbook {
  const settings: Record<string, CellValue> = { cycle: '2023 Q3', cycleStart: cycle.start, cycleEnd: cycle.end, currencyUnit: CURRENCY, atRiskThreshold: 0.8 };
  const evaluation = tabSpec('evaluation');
  return {
    settings: [
      tabSpec('settings').columns.map((c) => pick(c.header, lang)),
      ...SETTINGS.map((s) => [pick(s.label, lang), settings[s.key] ?? s.defaultValue, '']),
    ],
    evaluation: [
      evaluation.columns.map((c) => pick(c.header, lang)),
      ...rows.map((r) => evaluation.columns.map((c): CellValue => {
        if (c.key === 'dimension') return lang === 'zh-CN' ? '结果指标' : 'Result';
        const v = (r as unknown as Record<string, CellValue>)[c.key];
        return v === undefined ? '' : v;
      })),
    ],
  };
}

/** What the report model makes of each row on `today`: achievement (null for none) and status. */
export function reportFigures(lang: Lang, today: Day, rows: readonly TypedRow[] = TYPED_ROWS, cycle: { start: string; end: string } = CYCLE): { achievement: number | null; status: string }[] {
  const workbook = readWorkbook(typedWorkbook(lang, rows, cycle), { today, dayOf: utcDayOf });
  return evaluateMetrics(workbook, today).metrics.map((m) => ({ achievement: m.achievement, status: m.status }));
}

export const isoDay = isoFromDay;
