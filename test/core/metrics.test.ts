import {
  achievementRate,
  DEFAULT_AT_RISK_THRESHOLD,
  expectedToDate,
  inputOutputRatio,
  netRoi,
  proRataExpected,
  ratioLabel,
  requiredPerWeek,
  runRateProjection,
  statusOf,
  type MonthlyTarget,
} from '../../src/core/metrics';
import { dayFromIso, parseNumber } from '../../src/core/values';

const num = (text: string): number | null => {
  const parsed = parseNumber(text);
  if (!parsed.ok) throw new Error(parsed.error.en);
  return parsed.value;
};

describe('achievement rate — the seed worked example', () => {
  it('new customers 45 of 50 is 90%', () => {
    expect(achievementRate(45, 50)).toBeCloseTo(0.9, 12);
    expect(statusOf(achievementRate(45, 50))).toBe('at_risk');
  });

  it('revenue 215 of 200 is 107.5%, on target', () => {
    expect(achievementRate(215, 200)).toBeCloseTo(1.075, 12);
    expect(statusOf(achievementRate(215, 200))).toBe('on_target');
  });

  it('visits 220 of 200 is 110%, never capped', () => {
    expect(achievementRate(220, 200)).toBeCloseTo(1.1, 12);
  });

  it('lead conversion 12% of 15% is 80%, at risk at the 0.8 threshold (not off target)', () => {
    const rate = achievementRate(num('12%'), num('15%'));
    expect(rate).toBeCloseTo(0.8, 12);
    expect(statusOf(rate, 0.8)).toBe('at_risk');
    expect(statusOf(rate)).toBe('at_risk');
    expect(DEFAULT_AT_RISK_THRESHOLD).toBe(0.8);
  });

  it('cost 28 against a budget of 30 with direction lower beats the budget', () => {
    const rate = achievementRate(28, 30, 'lower');
    expect(rate).toBeCloseTo(30 / 28, 12);
    expect(rate).toBeGreaterThan(1);
    expect(statusOf(rate)).toBe('on_target');
  });

  it('direction none has no rate (the seed writes "-")', () => {
    expect(achievementRate(5, 3, 'none')).toBeNull();
  });

  it('is blank when an input is blank or the target is zero', () => {
    expect(achievementRate(null, 50)).toBeNull();
    expect(achievementRate(45, null)).toBeNull();
    expect(achievementRate(45, 0)).toBeNull();
    expect(achievementRate(0, 30, 'lower')).toBeNull();
    expect(achievementRate(0, 50)).toBe(0);
  });

  // The seed's evaluation table (fixtures/seed-q3-east-china.json), as typed into the sheet.
  it.each([
    ['45', '50', 'higher', 0.9],
    ['215', '200', 'higher', 1.075],
    ['220', '200', 'higher', 1.1],
    ['12%', '15%', 'higher', 0.8],
    ['28', '30', 'lower', 30 / 28],
  ] as const)('seed row: actual %s, target %s, %s → %p', (actual, target, direction, expected) => {
    expect(achievementRate(num(actual), num(target), direction)).toBeCloseTo(expected, 12);
  });
});

describe('input-output ratio and net ROI', () => {
  it('215 / 28 is 1:7.7', () => {
    expect(inputOutputRatio(215, 28)).toBeCloseTo(7.678571, 5);
    expect(ratioLabel(inputOutputRatio(215, 28))).toBe('1:7.7');
  });

  it('35 / 10 is 1:3.5 and 60 / 10 is 1:6', () => {
    expect(ratioLabel(inputOutputRatio(35, 10))).toBe('1:3.5');
    expect(ratioLabel(inputOutputRatio(60, 10))).toBe('1:6');
    expect(ratioLabel(6.04)).toBe('1:6');
    expect(ratioLabel(3.5)).toBe('1:3.5');
    expect(ratioLabel(null)).toBe('');
  });

  it('net ROI (215 − 28) / 28 ≈ 6.678', () => {
    expect(netRoi(215, 28)).toBeCloseTo(6.678571, 5);
  });

  it('has no ratio without a positive cost', () => {
    expect(inputOutputRatio(215, 0)).toBeNull();
    expect(inputOutputRatio(215, -1)).toBeNull();
    expect(inputOutputRatio(null, 28)).toBeNull();
    expect(netRoi(215, 0)).toBeNull();
    expect(netRoi(215, null)).toBeNull();
  });
});

describe('statusOf', () => {
  it.each([
    [1, 'on_target'],
    [1.075, 'on_target'],
    [0.9999999999, 'on_target'],
    [0.9, 'at_risk'],
    [0.8, 'at_risk'],
    [0.79, 'off_target'],
    [0, 'off_target'],
    [null, 'no_data'],
  ] as const)('%p is %p', (rate, status) => {
    expect(statusOf(rate)).toBe(status);
  });

  it('honours a custom threshold', () => {
    expect(statusOf(0.75, 0.7)).toBe('at_risk');
    expect(statusOf(0.85, 0.9)).toBe('off_target');
  });
});

describe('expected to date', () => {
  const monthly: MonthlyTarget[] = [
    { month: '2023-07', target: 15 },
    { month: '2023-08', target: 18 },
    { month: '2023-09', target: 17 },
  ];

  it('counts completed months in full and the running month pro rata', () => {
    expect(expectedToDate(monthly, dayFromIso('2023-06-30'))).toBe(0);
    expect(expectedToDate(monthly, dayFromIso('2023-07-01'))).toBeCloseTo(15 / 31, 12);
    expect(expectedToDate(monthly, dayFromIso('2023-07-31'))).toBe(15);
    expect(expectedToDate(monthly, dayFromIso('2023-08-16'))).toBeCloseTo(15 + (18 * 16) / 31, 12);
    expect(expectedToDate(monthly, dayFromIso('2023-09-30'))).toBe(50);
    expect(expectedToDate(monthly, dayFromIso('2023-12-01'))).toBe(50);
  });

  it('rejects a malformed month', () => {
    expect(() => expectedToDate([{ month: '2023-13', target: 1 }], 0)).toThrow(RangeError);
  });

  it('pro rata over a span, inclusive and clamped', () => {
    const start = dayFromIso('2023-07-01');
    const end = dayFromIso('2023-09-30'); // 92 days
    expect(proRataExpected(50, start, end, start - 1)).toBe(0);
    expect(proRataExpected(50, start, end, start)).toBeCloseTo(50 / 92, 12);
    expect(proRataExpected(50, start, end, dayFromIso('2023-08-15'))).toBeCloseTo((50 * 46) / 92, 12);
    expect(proRataExpected(50, start, end, end)).toBe(50);
    expect(proRataExpected(50, start, end, end + 30)).toBe(50);
  });
});

describe('run rate and required pace', () => {
  const start = dayFromIso('2023-07-01');
  const end = dayFromIso('2023-09-30');

  it('projects actual ÷ elapsed days × total days', () => {
    expect(runRateProjection(12, start, end, dayFromIso('2023-07-31'))).toBeCloseTo((12 / 31) * 92, 12);
    expect(runRateProjection(45, start, end, end)).toBeCloseTo(45, 12);
    expect(runRateProjection(45, start, end, end + 10)).toBeCloseTo(45, 12);
    expect(runRateProjection(1, start, end, start - 1)).toBeNull();
  });

  it('spreads what is missing over the remaining weeks', () => {
    const today = dayFromIso('2023-09-16'); // 14 days remain after today
    expect(requiredPerWeek(50, 40, today, end)).toBeCloseTo(5, 12);
    expect(requiredPerWeek(50, 50, today, end)).toBe(0);
    expect(requiredPerWeek(50, 60, today, end)).toBe(0);
    expect(requiredPerWeek(50, 45, end, end)).toBeNull();
    expect(requiredPerWeek(50, 45, dayFromIso('2023-09-27'), end)).toBe(5); // under a week left counts as one week
  });
});
