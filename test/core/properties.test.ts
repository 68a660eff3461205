import fc from 'fast-check';
import { MAX_RATE, achievementRate, ratioLabel } from '../../src/core/metrics';
import { dayFromParts, isNoData, isoFromDay, parseDate, parseNumber, splitOwners, utcDayOf } from '../../src/core/values';

const positive = fc.double({ min: 1e-3, max: 1e9, noNaN: true, noDefaultInfinity: true });
const nonZero = fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }).filter((x) => Math.abs(x) > 1e-6);
const NO_DATA = ['', '  ', '-', '—', '–', 'N/A', 'n/a', 'NA', '无', '／', null, undefined];

describe('properties of the numbers', () => {
  it('scaling actual and target by the same positive factor leaves the rate unchanged', () => {
    fc.assert(
      fc.property(positive, positive, positive, fc.constantFrom('higher', 'lower'), (actual, target, factor, direction) => {
        fc.pre(Math.max(actual / target, target / actual) <= MAX_RATE);
        const rate = achievementRate(actual, target, direction);
        const scaled = achievementRate(actual * factor, target * factor, direction);
        expect(rate).not.toBeNull();
        expect(scaled).not.toBeNull();
        expect(Math.abs((scaled as number) - (rate as number))).toBeLessThanOrEqual(1e-9 * Math.abs(rate as number));
      }),
    );
  });

  it('direction lower is the reciprocal of higher', () => {
    fc.assert(
      fc.property(nonZero, nonZero, (actual, target) => {
        fc.pre(Math.max(Math.abs(actual / target), Math.abs(target / actual)) <= MAX_RATE);
        const higher = achievementRate(actual, target, 'higher') as number;
        const lower = achievementRate(actual, target, 'lower') as number;
        expect(Math.abs(lower * higher - 1)).toBeLessThan(1e-9);
      }),
    );
  });

  it('blank never becomes zero', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NO_DATA), fc.option(positive, { nil: null }), (placeholder, other) => {
        const parsed = parseNumber(placeholder);
        expect(parsed).toEqual({ ok: true, value: null });
        expect(achievementRate(null, other)).toBeNull();
        expect(achievementRate(other, null)).toBeNull();
        expect(achievementRate(null, other, 'lower')).toBeNull();
      }),
    );
  });

  it('parseNumber reads back any finite number written by String()', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(parseNumber(String(n))).toEqual({ ok: true, value: n === 0 ? 0 : n });
      }),
    );
  });

  it('ratioLabel is always 1:X: at most one decimal from 1, two significant digits below, never 1:0 for a positive ratio', () => {
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: 1e300, noNaN: true }), (ratio) => {
        const label = ratioLabel(ratio);
        if (ratio >= 0.95) expect(label).toMatch(/^1:\d+(\.\d)?$/);
        else if (ratio >= 1e-12) expect(label).toMatch(/^1:0\.0*[1-9]\d?$/);
        else expect(label).toBe('1:0');
        expect(label).not.toMatch(/e|Infinity|NaN/);
      }),
    );
  });

  it('splitOwners round-trips names joined by any separator', () => {
    const nameChar = fc.constantFrom(...'张李王赵刘陈ZhangLiWuABCabc*'.split(''));
    const name = fc
      .array(nameChar, { minLength: 1, maxLength: 6 })
      .map((chars) => chars.join(''))
      // A name that is a no-data word (na, n/a) is blank by design, not a name.
      .filter((n) => !/和/.test(n) && !isNoData(n));
    const separator = fc.constantFrom('、', ',', '，', '/', '／', ';', '；', '&', ' and ', '和', '\n', ' , ', ' / ');
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 5, selector: (n) => n.toLowerCase() }), separator, (names, sep) => {
        expect(splitOwners(names.join(sep))).toEqual(names);
      }),
    );
  });

  it('parseDate reads back any ISO day in 1900..2100', () => {
    const first = dayFromParts(1900, 1, 1);
    const last = dayFromParts(2100, 12, 31);
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (day) => {
        expect(parseDate(isoFromDay(day), utcDayOf)).toEqual({ ok: true, value: { start: day, end: day } });
      }),
    );
  });
});
