/**
 * The Evaluation tab's figures, computed once from the typed rows with the core definitions, for the report,
 * the JSON summary, Check data and the reminders: each metric's actual (typed, or computed from the Weekly log and
 * Costs when its Actual is blank), achievement and status, the cycle's input-output totals, and the problems found
 * on the way (a typed actual that disagrees with the detailed rows, an achievement or ratio beyond any real figure,
 * a computed figure that cannot be shown in the row's unit). Check data lists those problems with the rest, so the
 * report never finds a problem Check data does not show.
 */
import { MetricKey, WEEKLY_COLUMN_OF, metricInfo, namesNonCumulative } from './catalogue';
import { Figure, Funnel, funnelFigure, weeklyFunnel } from './derived';
import { formatNumber, formatPercent } from './format';
import { Bilingual, fill } from './i18n';
import {
  CyclePhase, PaceExponent, Status, achievementRate, cyclePhase, elapsedShare, inputOutputRatio, pacedRate, paceExponent,
  rateBeyondLimit, ratioBeyondLimit, ratioLabel, statusOf,
} from './metrics';
import { EvaluationRow, Workbook } from './model';
import { Dimension } from './options';
import { Problem } from './problems';
import { COUNT, PERCENT, RATIO, Unit, ValueKind, convertUnit, moneyUnit } from './units';
import { Day, Direction } from './values';

export type ActualSource = 'typed' | 'computed' | 'none';

export interface MetricFigure {
  /** Sheet row in Evaluation. */
  readonly row: number;
  readonly dimension: Dimension | null;
  readonly metric: string;
  readonly metricKey: MetricKey | null;
  /** The unit figures are in: the Unit cell, else the catalogue's (Settings → Currency unit for money, %, 1:X). */
  readonly unit: string;
  readonly direction: Direction;
  readonly kind: ValueKind;
  readonly target: number | null;
  readonly actual: number | null;
  /** Typed in Evaluation; computed from the Weekly log or Costs (the Actual was blank, or the input-output ratio); or none. */
  readonly actualSource: ActualSource;
  /** actual ÷ target (or target ÷ actual when lower is better); null when there is no rate. */
  readonly achievement: number | null;
  /** The rate the status is judged on: the achievement once the cycle has ended, against the target expected by today while it runs. */
  readonly statusRate: number | null;
  readonly status: Status;
  readonly analysis: string;
}

export interface InputOutputTotals {
  /** In Settings → Currency unit: the Evaluation actual (converted from its row's unit), else Costs, else the Weekly log. */
  readonly totalCost: number | null;
  readonly revenue: number | null;
  readonly newCustomers: number | null;
  readonly ratio: number | null;
  readonly ratioLabel: string;
  /** Where each total came from, for the report's "how it is computed" column. */
  readonly costFrom: 'evaluation' | 'costs' | 'weekly';
  readonly revenueFrom: 'evaluation' | 'weekly';
}

export interface EvaluationFigures {
  readonly phase: CyclePhase;
  /** Share of the cycle elapsed by the end of today (1 once it has ended, or without cycle dates). */
  readonly share: number;
  readonly metrics: readonly MetricFigure[];
  readonly funnel: Funnel;
  readonly inputOutput: InputOutputTotals;
  readonly problems: readonly Problem[];
}

const MSG = {
  absurd: {
    en: 'Achievement {rate} ({actual} against {target}) is beyond any real figure, so it is not shown.',
    zh: '达成率 {rate}（实际 {actual}，目标 {target}）超出任何真实可能，因此不显示。',
  },
  absurdFix: {
    en: 'Check that Target and Actual are typed in the same unit (Unit: {unit}) and that the target is not almost 0.',
    zh: '请核对“目标值”与“实际值”是否同一单位（单位：{unit}），以及目标是否接近 0。',
  },
  mismatch: {
    en: '{metric}: Actual says {typed}, but the {source} adds up to {computed}; the report uses the typed {typed}.',
    zh: '{metric}：“实际值”填写为 {typed}，但{source}合计为 {computed}；报告采用填写的 {typed}。',
  },
  mismatchFix: {
    en: 'Correct the Actual or the {source} rows so they agree, or empty the Actual to use the {source} total.',
    zh: '请修正“实际值”或{source}中的明细，使二者一致；或清空“实际值”，直接采用{source}合计。',
  },
  sourceWeekly: { en: 'Weekly log', zh: '“周报”' },
  sourceCosts: { en: 'Costs tab', zh: '“投入”表' },
  incompatible: {
    en: '{metric}: the Actual is blank, and the total computed from the {source} ({computed} {from}) cannot be shown in this row\'s unit ({unit}).',
    zh: '{metric}：“实际值”为空，由{source}计算的合计（{computed} {from}）无法换算为本行单位（{unit}）。',
  },
  incompatibleFix: {
    en: 'Correct Unit (e.g. {from}), or type the Actual.',
    zh: '请更正“单位”（例如 {from}），或填写“实际值”。',
  },
  ratioMismatch: {
    en: '{metric}: Actual says {typed}, but revenue ÷ cost is {computed}; the metric tables use the typed {typed}, the input-output figures {computed}.',
    zh: '{metric}：“实际值”填写为 {typed}，但销售额 ÷ 成本为 {computed}；指标表采用填写的 {typed}，投入产出数据采用 {computed}。',
  },
  ratioMismatchFix: {
    en: 'Correct the Actual (or empty it to use revenue ÷ cost), or the revenue and cost it comes from.',
    zh: '请更正“实际值”（或清空以采用销售额 ÷ 成本），或更正其依据的销售额与成本。',
  },
  currencyMismatch: {
    en: '{metric}: Unit {unit} and Settings → Currency unit {currency} are different currencies, so this row cannot be compared with Costs and the Weekly log.',
    zh: '{metric}：“单位”{unit}与“设置 → 金额单位”{currency}币种不同，本行无法与“投入”和“周报”比较。',
  },
  currencyMismatchFix: { en: 'Type the row\'s figures in {currency} and set Unit to {currency}, or correct Settings → Currency unit.', zh: '请将本行数值改为以 {currency} 填写并把“单位”改为 {currency}，或更正“设置 → 金额单位”。' },
  ratioAbsurd: {
    en: 'The input-output ratio, revenue {revenue} ÷ cost {cost} = {ratio}, is beyond any real result (more than 1:10,000), so it is not shown.',
    zh: '投入产出比 = 销售额 {revenue} ÷ 成本 {cost} = {ratio}，超出任何真实可能（大于 1:10,000），因此不显示。',
  },
  ratioAbsurdFix: {
    en: 'Revenue and cost are probably in different units: check Settings → Currency unit and the amounts in the Weekly log, Costs and Evaluation.',
    zh: '销售额与成本的单位可能不一致：请核对“设置 → 金额单位”以及周报、投入和效果评估中的金额。',
  },
} as const satisfies Record<string, Bilingual>;

const UNREADABLE_COLUMNS = ['target', 'actual', 'direction', 'unit'];

/** The unit a funnel figure is in: money in Settings → Currency unit, counts, fractions, 1:X. */
function funnelUnit(key: MetricKey, money: Unit): Unit {
  if (key === 'roi') return RATIO;
  const info = metricInfo(key);
  if (info.unit === 'money') return money;
  return info.unit === 'percent' ? PERCENT : COUNT;
}

/** How a metric is paced while the cycle runs: a total of counts or money by the elapsed share; a rate, average or ratio not. */
export function paceOf(row: Pick<EvaluationRow, 'metric' | 'kind' | 'direction'>): PaceExponent {
  return paceExponent(row.kind === 'number' && !namesNonCumulative(row.metric), row.direction);
}

/** A figure as a message quotes it: 200万元 / 200 (10k CNY), 12%, 1:7.7. */
function valueText(value: number, kind: ValueKind, unit: string): Bilingual {
  if (kind === 'percent') return { en: formatPercent(value), zh: formatPercent(value) };
  if (kind === 'ratio') return { en: ratioLabel(value), zh: ratioLabel(value) };
  const n = formatNumber(value);
  if (unit === '') return { en: n, zh: n };
  return { en: /^[A-Za-z]/.test(unit) ? `${n} ${unit}` : `${n} (${unit})`, zh: `${n}${unit}` };
}

/** Fills a message whose parameters differ by language. */
function fillBoth(text: Bilingual, params: Record<string, string | number | Bilingual>): Bilingual {
  const side = (lang: 'en' | 'zh'): Record<string, string | number> =>
    Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'object' ? v[lang] : v]));
  return { en: fill(text, side('en')).en, zh: fill(text, side('zh')).zh };
}

const differs = (a: number, b: number): boolean => Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Every Evaluation figure as of `today` (see the module comment). */
export function evaluateMetrics(workbook: Workbook, today: Day): EvaluationFigures {
  const { settings, evaluation } = workbook;
  const threshold = settings.atRiskThreshold;
  const phase = cyclePhase(settings.cycleEnd, today);
  const share = phase === 'ended' || settings.cycleStart === null || settings.cycleEnd === null
    ? 1 : elapsedShare(settings.cycleStart, settings.cycleEnd, today);
  const money = moneyUnit(settings.currencyUnit);
  const funnel = weeklyFunnel(workbook);
  const problems: Problem[] = [];
  const costFromCosts = funnel.cycle.costSource === 'costs';
  const sourceOf = (key: MetricKey): Bilingual => (key === 'total_cost' && costFromCosts ? MSG.sourceCosts : MSG.sourceWeekly);

  const evalOf = (key: MetricKey): EvaluationRow | undefined => evaluation.find((e) => e.metricKey === key);
  /** A typed Evaluation total in Settings → Currency unit (or counts), when its row could be read. */
  const typedTotal = (key: MetricKey): number | null => {
    const row = evalOf(key);
    if (!row || row.actual === null || row.invalid.some((c) => UNREADABLE_COLUMNS.includes(c))) return null;
    const converted = convertUnit(row.actual, row.unitOf, funnelUnit(key, money));
    if (converted === null) {
      problems.push({
        code: 'unit_missing', severity: 'error', tab: 'evaluation', row: row.row, column: 'unit', value: row.unit,
        message: fill(MSG.currencyMismatch, { metric: row.metric, unit: row.unitOf.text, currency: money.text }),
        fix: fill(MSG.currencyMismatchFix, { currency: money.text }),
      });
    }
    return converted;
  };
  const funnelValue = (key: MetricKey): Figure => funnelFigure(funnel.cycle, key) ?? { value: null, unreadable: false };

  const typedCost = typedTotal('total_cost');
  const typedRevenue = typedTotal('revenue');
  const totalCost = typedCost ?? funnelValue('total_cost').value;
  const revenue = typedRevenue ?? funnelValue('revenue').value;
  const ratio = inputOutputRatio(revenue, totalCost);
  const beyond = ratioBeyondLimit(revenue, totalCost);
  if (beyond !== null) {
    problems.push({
      code: 'absurd_figure', severity: 'error', tab: 'costs', row: null, value: ratioLabel(beyond),
      message: fill(MSG.ratioAbsurd, { revenue: formatNumber(revenue ?? 0), cost: formatNumber(totalCost ?? 0), ratio: ratioLabel(beyond) }),
      fix: MSG.ratioAbsurdFix,
    });
  }

  const metrics = evaluation.map((row): MetricFigure => {
    const unreadable = row.invalid.some((c) => UNREADABLE_COLUMNS.includes(c));
    const shownUnit = row.unitOf.text;
    let actual = row.actual;
    let actualSource: ActualSource = actual === null ? 'none' : 'typed';
    let computedUnreadable = false;
    const key = row.metricKey;
    if (!unreadable && key !== null) {
      const computed = key === 'roi' ? { value: ratio, unreadable: false } : funnelFigure(funnel.cycle, key);
      // A computed figure fills a blank Actual; a typed one is kept (as the sheet's formulas read it), and a typed
      // total or ratio that disagrees with the detailed rows is a Check data note.
      const replace = row.actual === null;
      if (key === 'roi' && row.actual !== null && computed?.value != null && ratioLabel(row.actual) !== ratioLabel(computed.value)) {
        problems.push({
          code: 'actual_mismatch', severity: 'warning', tab: 'evaluation', row: row.row, column: 'actual', value: row.actualText,
          message: fill(MSG.ratioMismatch, { metric: row.metric, typed: ratioLabel(row.actual), computed: ratioLabel(computed.value) }),
          fix: MSG.ratioMismatchFix,
        });
      }
      if (computed && replace) {
        if (computed.unreadable) {
          computedUnreadable = true;
          actual = null;
          actualSource = 'computed';
        } else if (computed.value !== null) {
          const from = key === 'roi' ? RATIO : funnelUnit(key, money);
          const converted = convertUnit(computed.value, from, row.unitOf);
          if (converted === null) {
            computedUnreadable = true;
            const source = sourceOf(key);
            problems.push({
              code: 'bad_number', severity: 'error', tab: 'evaluation', row: row.row, column: 'unit', value: row.unit,
              message: {
                en: fill(MSG.incompatible, { metric: row.metric, source: source.en, computed: formatNumber(computed.value), from: from.text, unit: row.unit }).en,
                zh: fill(MSG.incompatible, { metric: row.metric, source: source.zh, computed: formatNumber(computed.value), from: from.text, unit: row.unit }).zh,
              },
              fix: fill(MSG.incompatibleFix, { from: from.text || '—' }),
            });
          }
          actual = converted;
          actualSource = 'computed';
        }
      }
      // A typed total that disagrees with the detailed rows: both figures, and which one the report uses.
      if (row.actual !== null && key !== 'roi' && (WEEKLY_COLUMN_OF[key] !== undefined)) {
        const detail = funnelValue(key);
        const inRow = detail.value === null ? null : convertUnit(detail.value, funnelUnit(key, money), row.unitOf);
        if (inRow !== null && differs(row.actual, inRow)) {
          const source = sourceOf(key);
          problems.push({
            code: 'actual_mismatch', severity: 'warning', tab: 'evaluation', row: row.row, column: 'actual', value: row.actualText,
            message: fillBoth(MSG.mismatch, {
              metric: row.metric, typed: valueText(row.actual, row.kind, shownUnit), computed: valueText(inRow, row.kind, shownUnit), source,
            }),
            fix: fillBoth(MSG.mismatchFix, { source }),
          });
        }
      }
    }
    const tooFar = unreadable || computedUnreadable ? null : rateBeyondLimit(actual, row.target, row.direction);
    if (tooFar !== null) {
      problems.push({
        code: 'absurd_figure', severity: 'error', tab: 'evaluation', row: row.row, column: 'actual', value: row.actualText,
        message: fillBoth(MSG.absurd, {
          rate: `${formatNumber(tooFar * 100)}%`, actual: valueText(actual ?? 0, row.kind, shownUnit), target: valueText(row.target ?? 0, row.kind, shownUnit),
        }),
        fix: fill(MSG.absurdFix, { unit: shownUnit || '—' }),
      });
    }
    const checkData = unreadable || computedUnreadable || tooFar !== null;
    const achievement = checkData ? null : achievementRate(actual, row.target, row.direction);
    const statusRate = phase === 'ended' ? achievement : pacedRate(achievement, share, paceOf(row));
    return {
      row: row.row, dimension: row.dimension, metric: row.metric, metricKey: key, unit: shownUnit, direction: row.direction, kind: row.kind,
      target: row.target, actual: checkData ? null : actual, actualSource, achievement, statusRate,
      status: checkData ? 'check_data' : statusOf(statusRate, phase, threshold), analysis: row.analysis,
    };
  });

  const newCustomers = typedTotal('new_customers') ?? funnelValue('new_customers').value;
  return {
    phase, share, metrics, funnel, problems,
    inputOutput: {
      totalCost, revenue, newCustomers, ratio, ratioLabel: ratioLabel(ratio),
      costFrom: typedCost !== null ? 'evaluation' : costFromCosts ? 'costs' : 'weekly',
      revenueFrom: typedRevenue !== null ? 'evaluation' : 'weekly',
    },
  };
}
