import fc from 'fast-check';
import { CycleSpan, monthsBetween, nextCycle, nextLabel, nextRange, shiftMonth } from '../../src/core/cycle';
import { dayFromIso, dayFromParts, daysInMonth, isoFromDay, partsOfDay } from '../../src/core/values';

const d = dayFromIso;

function ok(result: ReturnType<typeof nextCycle>): { label: string; start: string; end: string } {
  if ('error' in result) throw new Error(result.error.en);
  return { label: result.label, start: isoFromDay(result.start), end: isoFromDay(result.end) };
}

describe('nextCycle', () => {
  it.each([
    ['2023 Q3', '2023-07-01', '2023-09-30', '2023 Q4', '2023-10-01', '2023-12-31'],
    ['2023 Q4', '2023-10-01', '2023-12-31', '2024 Q1', '2024-01-01', '2024-03-31'],
    ['2024 Q1', '2024-01-01', '2024-03-31', '2024 Q2', '2024-04-01', '2024-06-30'],
    ['2024 H1', '2024-01-01', '2024-06-30', '2024 H2', '2024-07-01', '2024-12-31'],
    ['2024 H2', '2024-07-01', '2024-12-31', '2025 H1', '2025-01-01', '2025-06-30'],
    ['2023', '2023-01-01', '2023-12-31', '2024', '2024-01-01', '2024-12-31'],
    ['2023-07', '2023-07-01', '2023-07-31', '2023-08', '2023-08-01', '2023-08-31'],
    ['2023-12', '2023-12-01', '2023-12-31', '2024-01', '2024-01-01', '2024-01-31'],
    ['2024-01', '2024-01-01', '2024-01-31', '2024-02', '2024-02-01', '2024-02-29'],
    ['2023年第三季度', '2023-07-01', '2023-09-30', '2023年第四季度', '2023-10-01', '2023-12-31'],
    ['2023年第四季度', '2023-10-01', '2023-12-31', '2024年第一季度', '2024-01-01', '2024-03-31'],
    ['2023年第3季度', '2023-07-01', '2023-09-30', '2023年第4季度', '2023-10-01', '2023-12-31'],
    ['2023年Q3', '2023-07-01', '2023-09-30', '2023年Q4', '2023-10-01', '2023-12-31'],
    ['2024年上半年', '2024-01-01', '2024-06-30', '2024年下半年', '2024-07-01', '2024-12-31'],
    ['2024年下半年', '2024-07-01', '2024-12-31', '2025年上半年', '2025-01-01', '2025-06-30'],
    ['2023年7月', '2023-07-01', '2023-07-31', '2023年8月', '2023-08-01', '2023-08-31'],
    ['2023年', '2023-01-01', '2023-12-31', '2024年', '2024-01-01', '2024-12-31'],
    ['Q4 2023', '2023-10-01', '2023-12-31', 'Q1 2024', '2024-01-01', '2024-03-31'],
    ['2023Q3', '2023-07-01', '2023-09-30', '2023Q4', '2023-10-01', '2023-12-31'],
    ['FY2024 Q1', '2023-04-01', '2023-06-30', 'FY2024 Q2', '2023-07-01', '2023-09-30'],
    ['East China 2023 Q3', '2023-07-01', '2023-09-30', 'East China 2023 Q4', '2023-10-01', '2023-12-31'],
  ])('%s (%s..%s) → %s (%s..%s)', (label, start, end, nextLabelText, nextStart, nextEnd) => {
    expect(ok(nextCycle(label, d(start), d(end)))).toEqual({ label: nextLabelText, start: nextStart, end: nextEnd });
  });

  it('a custom label and range gets a range of the same length from the day after, and a "(next)" label', () => {
    expect(ok(nextCycle('Autumn push', d('2023-09-04'), d('2023-10-15')))).toEqual({
      label: 'Autumn push (next)', start: '2023-10-16', end: '2023-11-26',
    });
    expect(ok(nextCycle('秋季攻坚', d('2023-09-04'), d('2023-10-15'), 'zh-CN')).label).toBe('秋季攻坚（下一周期）');
    expect(ok(nextCycle('Autumn push (next)', d('2023-10-16'), d('2023-11-26'))).label).toBe('Autumn push (next 2)');
    expect(ok(nextCycle('秋季攻坚（下一周期）', d('2023-10-16'), d('2023-11-26'), 'zh-CN')).label).toBe('秋季攻坚（下一周期 2）');
  });

  it('a one-day cycle is followed by the next day', () => {
    expect(ok(nextCycle('Launch day', d('2023-07-01'), d('2023-07-01')))).toEqual({ label: 'Launch day (next)', start: '2023-07-02', end: '2023-07-02' });
  });

  it('refuses with a bilingual message when the dates are missing or end before the start', () => {
    const noStart = nextCycle('2023 Q3', null, d('2023-09-30'));
    expect(noStart).toEqual({ error: expect.objectContaining({ en: expect.stringContaining('Cycle start is missing'), zh: expect.stringContaining('周期开始') }) });
    const noEnd = nextCycle('2023 Q3', d('2023-07-01'), null);
    expect('error' in noEnd && noEnd.error.en).toContain('Cycle end is missing');
    expect('error' in noEnd && noEnd.error.zh).toContain('周期结束');
    const backwards = nextCycle('2023 Q3', d('2023-09-30'), d('2023-07-01'));
    expect('error' in backwards && backwards.error.en).toBe(
      'Settings → Cycle end (2023-07-01) is before Cycle start (2023-09-30). Correct the dates so the cycle ends on or after its first day.',
    );
    expect('error' in backwards && backwards.error.zh).toContain('早于');
    const noLabel = nextCycle('  ', d('2023-07-01'), d('2023-09-30'));
    expect('error' in noLabel && noLabel.error.en).toContain('Settings → Cycle is empty');
  });

  it('labels that are not a cycle form are not mistaken for one', () => {
    expect(nextLabel('Autumn push')).toBeNull();
    expect(nextLabel('2023-13')).toBeNull();
    expect(nextLabel('2023 Q5')).toBeNull();
  });

  it('monthly goal periods move on by whole months', () => {
    expect(monthsBetween(d('2023-07-01'), d('2023-10-01'))).toBe(3);
    expect(shiftMonth('2023-07', 3)).toBe('2023-10');
    expect(shiftMonth('2023-11', 3)).toBe('2024-02');
    expect(shiftMonth('2023-07', -7)).toBe('2022-12');
  });
});

const quarterOf = fc.record({ year: fc.integer({ min: 1900, max: 2500 }), quarter: fc.integer({ min: 1, max: 4 }) });

function calendarQuarter(year: number, quarter: number): CycleSpan {
  const firstMonth = (quarter - 1) * 3 + 1;
  return {
    label: `${year} Q${quarter}`,
    start: dayFromParts(year, firstMonth, 1),
    end: dayFromParts(year, firstMonth + 2, daysInMonth(year, firstMonth + 2)),
  };
}

describe('nextCycle properties', () => {
  it('the cycle after a calendar quarter is the next calendar quarter, starting the day after', () => {
    fc.assert(fc.property(quarterOf, ({ year, quarter }) => {
      const q = calendarQuarter(year, quarter);
      const next = nextCycle(q.label, q.start, q.end);
      const expected = quarter === 4 ? calendarQuarter(year + 1, 1) : calendarQuarter(year, quarter + 1);
      expect(next).toEqual(expected);
      if (!('error' in next)) expect(next.start).toBe(q.end + 1);
    }));
  });

  it('any valid range is followed by a contiguous range of the same length in days or whole months', () => {
    const day = fc.integer({ min: dayFromParts(1990, 1, 1), max: dayFromParts(2100, 1, 1) });
    fc.assert(fc.property(day, fc.integer({ min: 0, max: 800 }), (start, length) => {
      const end = start + length;
      const next = nextRange(start, end);
      expect(next.start).toBe(end + 1);
      const s = partsOfDay(start);
      const e = partsOfDay(end);
      const monthAligned = s.day === 1 && e.day === daysInMonth(e.year, e.month);
      if (monthAligned) {
        const ns = partsOfDay(next.start);
        const ne = partsOfDay(next.end);
        expect(ns.day).toBe(1);
        expect(ne.day).toBe(daysInMonth(ne.year, ne.month));
        expect(monthsBetween(next.start, next.end)).toBe(monthsBetween(start, end));
      } else {
        expect(next.end - next.start).toBe(length);
      }
    }));
  });

  it('twelve quarters on from a quarter is the same quarter three years later', () => {
    fc.assert(fc.property(quarterOf, ({ year, quarter }) => {
      let span: CycleSpan = calendarQuarter(year, quarter);
      for (let i = 0; i < 12; i++) {
        const next = nextCycle(span.label, span.start, span.end);
        if ('error' in next) throw new Error(next.error.en);
        span = next;
      }
      expect(span).toEqual(calendarQuarter(year + 3, quarter));
    }), { numRuns: 50 });
  });
});
