import { achievementRateFormula, roiFormula } from '../../src/core/customFunctions';

describe('ACHIEVEMENT_RATE', () => {
  it('computes single values from the seed', () => {
    expect(achievementRateFormula(45, 50)).toBeCloseTo(0.9, 12);
    expect(achievementRateFormula('215万', '200万')).toBeCloseTo(1.075, 12);
    expect(achievementRateFormula('12%', '15%')).toBeCloseTo(0.8, 12);
    expect(achievementRateFormula(28, 30, 'lower')).toBeCloseTo(30 / 28, 12);
    expect(achievementRateFormula([[45]], [[50]], [['higher']])).toBeCloseTo(0.9, 12);
  });

  it('is blank for blank inputs, target 0 or direction none', () => {
    expect(achievementRateFormula('', 50)).toBe('');
    expect(achievementRateFormula(45, '-')).toBe('');
    expect(achievementRateFormula(45, 0)).toBe('');
    expect(achievementRateFormula(5, 3, '无')).toBe('');
  });

  it('throws a bilingual error naming a bad single value', () => {
    expect(() => achievementRateFormula('abc', 50)).toThrow(/ACHIEVEMENT_RATE\(actual\): "abc" is not a number.*“abc” 不是数字/);
    expect(() => achievementRateFormula(45, 'lots')).toThrow(/\(target\): "lots"/);
    expect(() => achievementRateFormula(45, 50, 'sideways')).toThrow(/\(direction\): "sideways" is not a direction/);
  });

  it('fills a column from ranges, broadcasting a scalar direction', () => {
    const result = achievementRateFormula([[45], [215], [220], ['12%'], [28], ['']], [[50], [200], [200], ['15%'], [30], ['']], 'higher');
    expect(result).toEqual([[0.9], [1.075], [1.1], [expect.closeTo(0.8, 12)], [28 / 30], ['']]);
  });

  it('accepts a direction per row', () => {
    const result = achievementRateFormula([[45], [28], [5]], [[50], [30], [3]], [['higher'], ['lower'], ['-']]);
    expect(result).toEqual([[0.9], [30 / 28], ['']]);
  });

  it('broadcasts a scalar target against a range of actuals', () => {
    expect(achievementRateFormula([[10, 20]], 40)).toEqual([[0.25, 0.5]]);
  });

  it('marks a bad cell inside a range and computes the others', () => {
    const result = achievementRateFormula([[45], ['abc'], [220]], [[50], [200], [200]]);
    expect(result).toEqual([[0.9], ['#VALUE "abc"'], [1.1]]);
  });

  it('names the shapes of mismatched ranges', () => {
    expect(() => achievementRateFormula([[1], [2], [3]], [[1], [2], [3], [4]])).toThrow('actual is 3×1 but target is 4×1');
    expect(() => achievementRateFormula([[1], [2], [3]], [[1], [2], [3], [4]])).toThrow('actual 是 3×1，但 target 是 4×1');
  });
});

describe('ROI', () => {
  it('defaults to the ratio revenue ÷ cost', () => {
    expect(roiFormula(215, 28)).toBeCloseTo(7.678571, 5);
    expect(roiFormula(215, 28, '')).toBeCloseTo(7.678571, 5);
    expect(roiFormula(215, 28, 'ratio')).toBeCloseTo(7.678571, 5);
  });

  it('gives the 1:X label and net ROI', () => {
    expect(roiFormula(215, 28, 'label')).toBe('1:7.7');
    expect(roiFormula(35, 10, 'label')).toBe('1:3.5');
    expect(roiFormula(60, 10, 'LABEL')).toBe('1:6');
    expect(roiFormula(215, 28, 'net')).toBeCloseTo(187 / 28, 12);
  });

  it('is blank without data or without cost', () => {
    expect(roiFormula('', 28)).toBe('');
    expect(roiFormula(215, 0)).toBe('');
    expect(roiFormula(215, 0, 'label')).toBe('');
  });

  it('throws for an unknown mode, naming it', () => {
    expect(() => roiFormula(215, 28, 'percent')).toThrow(/ROI\(mode\): "percent" is not a mode.*“percent” 不是有效的模式/);
  });

  it('fills a column from ranges', () => {
    const result = roiFormula([[215], [35], ['x'], ['']], [[28], [10], [10], [10]], 'label');
    expect(result).toEqual([['1:7.7'], ['1:3.5'], ['#VALUE "x"'], ['']]);
  });
});

describe('what Sheets passes that is not a number', () => {
  it('names a date as the person typed it, and a checkbox as TRUE/FALSE', () => {
    expect(() => achievementRateFormula(new Date(2023, 6, 31), 50)).toThrow(/"2023-07-31"/);
    expect(() => achievementRateFormula(true, 50)).toThrow(/TRUE/);
    expect(() => roiFormula(215, false)).toThrow(/FALSE/);
  });

  it('marks only the bad cell of a range and computes the rest', () => {
    const result = achievementRateFormula([[true], [45], [new Date(2023, 6, 31)]], 50) as unknown[][];
    expect(String(result[0]![0])).toContain('TRUE');
    expect(result[1]![0]).toBeCloseTo(0.9, 12);
    expect(String(result[2]![0])).toContain('2023-07-31');
  });

  it('gives blank or an error naming the value, never Infinity, when a quotient overflows or a value is absurd', () => {
    expect(roiFormula(1e300, 1e-300)).toBe('');
    expect(roiFormula(1e300, 1e-300, 'net')).toBe('');
    expect(roiFormula(1e300, 1e-300, 'label')).toBe('');
    expect(roiFormula(0.5, 28, 'label')).toBe('1:0.018');
    expect(() => achievementRateFormula(1e300, 1e-300)).toThrow(/too large to be a real figure/);
    expect(() => achievementRateFormula('1e308', 5)).toThrow(/"1e308" is too large/);
    expect(() => achievementRateFormula(215, 1e-9)).toThrow(/beyond any real figure/);
  });
});
