import {
  achievementRate,
  DEFAULT_AT_RISK_THRESHOLD,
  expectedToDate,
  inputOutputRatio,
  netRoi,
  proRataExpected,
  cyclePhase,
  elapsedShare,
  pacedRate,
  paceExponent,
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
    expect(statusOf(achievementRate(45, 50), 'ended')).toBe('missed');
    expect(statusOf(achievementRate(45, 50), 'running')).toBe('at_risk');
  });

  it('revenue 215 of 200 is 107.5%, on target', () => {
    expect(achievementRate(215, 200)).toBeCloseTo(1.075, 12);
    expect(statusOf(achievementRate(215, 200), 'ended')).toBe('met');
    expect(statusOf(achievementRate(215, 200), 'running')).toBe('on_track');
  });

  it('visits 220 of 200 is 110%, never capped', () => {
    expect(achievementRate(220, 200)).toBeCloseTo(1.1, 12);
  });

  it('lead conversion 12% of 15% is 80%, at risk at the 0.8 threshold (not off target)', () => {
    const rate = achievementRate(num('12%'), num('15%'));
    expect(rate).toBeCloseTo(0.8, 12);
    expect(statusOf(rate, 'running', 0.8)).toBe('at_risk');
    expect(statusOf(rate, 'running')).toBe('at_risk');
    expect(statusOf(rate, 'ended')).toBe('missed');
    expect(DEFAULT_AT_RISK_THRESHOLD).toBe(0.8);
  });

  it('cost 28 against a budget of 30 with direction lower beats the budget', () => {
    const rate = achievementRate(28, 30, 'lower');
    expect(rate).toBeCloseTo(30 / 28, 12);
    expect(rate).toBeGreaterThan(1);
    expect(statusOf(rate, 'ended')).toBe('met');
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

  it('a small ratio keeps two significant digits, never 1:0', () => {
    expect(ratioLabel(inputOutputRatio(0.5, 28))).toBe('1:0.018');
    expect(ratioLabel(0.5)).toBe('1:0.5');
    expect(ratioLabel(0.123)).toBe('1:0.12');
    expect(ratioLabel(0.96)).toBe('1:1');
    expect(ratioLabel(0)).toBe('1:0');
  });

  it('overflow, division by ~0 and absurd magnitudes are no figure', () => {
    expect(inputOutputRatio(1e300, 1e-300)).toBeNull();
    expect(inputOutputRatio(2_150_000, 28)).toBeNull(); // revenue in 元 against cost in 万元: 1:76786 is a unit error
    expect(achievementRate(1e308, 1)).toBeNull();
    expect(achievementRate(2_150_000, 200)).toBeNull(); // 1,075,000%
    expect(achievementRate(215, 1e-12)).toBeNull();
    expect(netRoi(1e300, 1e-300)).toBeNull();
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

describe('statusOf: the one status vocabulary', () => {
  it.each([
    [1, 'on_track', 'met'],
    [1.075, 'on_track', 'met'],
    [0.9999999999, 'on_track', 'met'],
    [0.9, 'at_risk', 'missed'],
    [0.8, 'at_risk', 'missed'],
    [0.79, 'off_track', 'missed'],
    [0, 'off_track', 'missed'],
    [null, 'no_data', 'no_data'],
    ['unreadable', 'check_data', 'check_data'],
    [Infinity, 'check_data', 'check_data'],
  ] as const)('%p is %p while the cycle runs and %p after it', (rate, running, ended) => {
    expect(statusOf(rate, 'running')).toBe(running);
    expect(statusOf(rate, 'ended')).toBe(ended);
  });

  it('honours a custom threshold', () => {
    expect(statusOf(0.75, 'running', 0.7)).toBe('at_risk');
    expect(statusOf(0.85, 'running', 0.9)).toBe('off_track');
  });

  it('a cycle has ended from its last day on, and without an end date', () => {
    const end = dayFromIso('2023-09-30');
    expect(cyclePhase(end, end - 1)).toBe('running');
    expect(cyclePhase(end, end)).toBe('ended');
    expect(cyclePhase(null, end)).toBe('ended');
  });

  it('paces a total by the elapsed share of the cycle, a cost the other way, a rate not at all', () => {
    const start = dayFromIso('2023-07-01');
    const end = dayFromIso('2023-09-30');
    const share = elapsedShare(start, end, dayFromIso('2023-07-28')); // 28 of 92 days
    expect(share).toBeCloseTo(28 / 92, 12);
    // 10 of 50 new customers on day 28: 20% of the target, 65.7% of what is expected by today.
    expect(pacedRate(achievementRate(10, 50), share, paceExponent(true, 'higher'))).toBeCloseTo((10 / 50) / (28 / 92), 12);
    // Cost 10 of a budget of 30 on day 28: expected 9.13 so far, so 91.3% (at risk), not 300%.
    expect(pacedRate(achievementRate(10, 30, 'lower'), share, paceExponent(true, 'lower'))).toBeCloseTo((30 * 28 / 92) / 10, 12);
    expect(pacedRate(0.8, share, paceExponent(false, 'higher'))).toBe(0.8);
    expect(pacedRate(0.5, 0, 1)).toBeNull();
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
