import fc from 'fast-check';
import { grownTarget, historyBaseline, parseGrowth } from '../../src/core/growth';
import { readSnapshots } from '../../src/core/history';
import { tabSpec } from '../../src/core/schema';
import { utcDayOf } from '../../src/core/values';

describe('growth targets', () => {
  it.each([
    ['+30%', 0.3], ['＋３０％', 0.3], ['提升30%', 0.3], ['Q3华东区域销售额提升30%', 0.3], ['同比增长 30%', 0.3], ['grow 30%', 0.3],
    ['increase by 12.5%', 0.125], ['30% growth', 0.3], ['降低20%', -0.2], ['获客成本降低 20%', -0.2], ['-20%', -0.2], ['cut by 20%', -0.2],
  ])('%s is a growth of %s', (text, growth) => {
    expect(parseGrowth(text)).toBeCloseTo(growth, 12);
  });

  it.each(['30%', '15%', '200', '1:6', '', 'about 30 customers', 50])('%s is a plain target, not a growth', (text) => {
    expect(parseGrowth(text)).toBeNull();
  });

  it('a growth of g over a baseline b is b × (1 + g), without floating-point noise', () => {
    expect(grownTarget(200, 0.3)).toBe(260);
    expect(grownTarget(165.4, 0.3)).toBe(215.02);
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: -90, max: 500 }), (base, pct) => {
      expect(grownTarget(base, pct / 100)).toBeCloseTo(base + (base * pct) / 100, 6);
    }));
  });

  it('the baseline from the history is the previous cycle\'s last actual of the metric, team or owner', () => {
    const header = tabSpec('history').columns.map((c) => c.header.en);
    const snapshots = readSnapshots([header,
      ['2023-06-19', '2023-06-23', '2023 Q2', '华东区域销售额', '', 150, 150, 180, 0.83, 'At risk', ''],
      ['2023-06-26', '2023-06-30', '2023 Q2', 'East China revenue', '', 200, 165.4, 200, 0.83, 'Missed', ''],
      ['2023-06-26', '2023-06-30', '2023 Q2', 'East China revenue', 'Zhang*', 100, 90, 100, 0.9, 'Missed', ''],
      ['2023-07-03', '2023-07-07', '2023 Q3', 'East China revenue', '', 260, 12, 14, 0.85, 'At risk', ''],
    ], { dayOf: utcDayOf });
    const metric = { metric: 'Revenue', metricKey: 'revenue' as const };
    expect(historyBaseline(snapshots, '2023 Q3', metric, '')).toEqual({ value: 165.4, source: { kind: 'history', cycle: '2023 Q2' } });
    expect(historyBaseline(snapshots, '2023 Q3', metric, 'Zhang')!.value).toBe(90);
    expect(historyBaseline(snapshots, '2023 Q3', { metric: 'Visits', metricKey: 'visits' }, '')).toBeNull();
  });
});
