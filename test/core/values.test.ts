import {
  dayFromIso,
  dayFromParts,
  daysInMonth,
  isNoData,
  isoFromDay,
  monthOf,
  parseDate,
  parseDirection,
  parseNumber,
  partsOfDay,
  splitOwners,
  utcDayOf,
  weekdayOf,
  type CellValue,
  type DateSpan,
  type Parsed,
} from '../../src/core/values';
import { bi, fill, pick, resolveLang } from '../../src/core/i18n';
import { DIRECTION } from '../../src/core/options';

function valueOf<T>(parsed: Parsed<T>): T | null {
  if (!parsed.ok) throw new Error(`expected ok, got error: ${parsed.error.en}`);
  return parsed.value;
}

function errorOf<T>(parsed: Parsed<T>): { en: string; zh: string } {
  if (parsed.ok) throw new Error(`expected an error, got ${JSON.stringify(parsed.value)}`);
  return parsed.error;
}

const span = (v: CellValue): { start: string; end: string } | null => {
  const s: DateSpan | null = valueOf(parseDate(v, utcDayOf));
  return s && { start: isoFromDay(s.start), end: isoFromDay(s.end) };
};

describe('i18n', () => {
  it('picks the language and fills placeholders in both', () => {
    const text = fill(bi('{n} tasks are overdue', '{n} 项任务已逾期'), { n: 3 });
    expect(pick(text, 'en')).toBe('3 tasks are overdue');
    expect(pick(text, 'zh-CN')).toBe('3 项任务已逾期');
    expect(fill(bi('{missing}', '{missing}'), {}).en).toBe('{missing}');
  });

  it.each([
    ['en', 'zh-CN', 'en'],
    ['English', 'zh-CN', 'en'],
    ['zh', 'en_US', 'zh-CN'],
    ['zh-CN', null, 'zh-CN'],
    ['中文', 'en', 'zh-CN'],
    ['auto', 'zh_CN', 'zh-CN'],
    ['', 'zh-TW', 'zh-CN'],
    [null, 'en_GB', 'en'],
    [undefined, undefined, 'en'],
    ['auto', 'de', 'en'],
  ] as const)('resolveLang(%p, %p) is %p', (setting, locale, expected) => {
    expect(resolveLang(setting, locale)).toBe(expected);
  });
});

describe('isNoData', () => {
  it.each(['', '   ', '-', '—', '–', 'N/A', 'n/a', 'NA', '无', '／', null, undefined])('%p is no data', (v) => {
    expect(isNoData(v)).toBe(true);
  });
  it.each([0, '0', 'abc', false, new Date(0)])('%p is data', (v) => {
    expect(isNoData(v)).toBe(false);
  });
});

describe('parseNumber', () => {
  it.each<[CellValue, number]>([
    [45, 45],
    ['45家', 45],
    ['45 customers', 45],
    ['215万元', 2_150_000],
    ['215万', 2_150_000],
    ['1.1万', 11_000],
    ['3亿', 300_000_000],
    ['1.2k', 1200],
    ['2M', 2_000_000],
    ['1,200', 1200],
    ['1，200', 1200],
    [' 12 % ', 0.12],
    ['12%', 0.12],
    ['１２％', 0.12],
    ['¥3,500', 3500],
    ['￥3,500', 3500],
    ['$1,234.5', 1234.5],
    ['RMB 300', 300],
    ['300 CNY', 300],
    ['80条', 80],
    ['1:7.7', 7.7],
    ['1：7.7', 7.7],
    ['-5', -5],
    ['(5)', -5],
    ['1e5', 100_000],
    ['０.５', 0.5],
  ])('%p reads as %p', (input, expected) => {
    expect(valueOf(parseNumber(input))).toBe(expected);
  });

  it.each(['', '  ', '-', '—', 'N/A', '无', null, undefined])('%p is blank, not zero', (input) => {
    expect(valueOf(parseNumber(input))).toBeNull();
  });

  it('names the offending text in both languages', () => {
    const error = errorOf(parseNumber('abc'));
    expect(error.en).toBe('"abc" is not a number. Type a number such as 45, 12%, 215万 or 1:7.7, or leave the cell empty.');
    expect(error.zh).toBe('“abc” 不是数字。请填写数字，例如 45、12%、215万 或 1:7.7，或留空。');
  });

  it.each<CellValue>(['abc', '十五', '12 or 13', '12 abc', '1,2', '5m', '1.2.3', '--5', true, new Date(0), NaN, Infinity])(
    '%p is an error, never a wrong number',
    (input) => {
      expect(parseNumber(input).ok).toBe(false);
    },
  );
});

describe('calendar days', () => {
  it('counts days from 1970-01-01 without time zones', () => {
    expect(dayFromParts(1970, 1, 1)).toBe(0);
    expect(dayFromIso('2023-07-01')).toBe(19539);
    expect(isoFromDay(19539)).toBe('2023-07-01');
    expect(isoFromDay(dayFromParts(1900, 3, 1))).toBe('1900-03-01');
    expect(partsOfDay(dayFromIso('2024-02-29'))).toEqual({ year: 2024, month: 2, day: 29 });
    expect(monthOf(dayFromIso('2023-08-16'))).toBe('2023-08');
  });

  it('knows weekdays and month lengths', () => {
    expect(weekdayOf(dayFromIso('2023-07-07'))).toBe(5); // a Friday
    expect(weekdayOf(dayFromIso('1969-12-28'))).toBe(0); // a Sunday before the epoch
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2023, 12)).toBe(31);
  });

  it('rejects a non-strict ISO date', () => {
    expect(() => dayFromIso('2023-7-1')).toThrow(RangeError);
    expect(() => dayFromIso('2023-02-30')).toThrow(RangeError);
  });

  it('takes the UTC day of a Date', () => {
    expect(utcDayOf(new Date(Date.UTC(2023, 6, 31, 23, 59)))).toBe(dayFromIso('2023-07-31'));
  });
});

describe('parseDate', () => {
  it.each<[CellValue, string, string]>([
    ['2023-07-31', '2023-07-31', '2023-07-31'],
    ['2023/7/31', '2023-07-31', '2023-07-31'],
    ['2023.7.31', '2023-07-31', '2023-07-31'],
    ['7/31/2023', '2023-07-31', '2023-07-31'],
    ['2023年7月31日', '2023-07-31', '2023-07-31'],
    ['2023-07-31T00:00:00', '2023-07-31', '2023-07-31'],
    ['２０２３－０７－３１', '2023-07-31', '2023-07-31'],
    ['2023-07-10-12', '2023-07-10', '2023-07-12'],
    ['2023-07-10~12', '2023-07-10', '2023-07-12'],
    ['2023-07-10～12', '2023-07-10', '2023-07-12'],
    ['2023-07-10 to 2023-07-12', '2023-07-10', '2023-07-12'],
    ['2023-07-10 至 2023-07-12', '2023-07-10', '2023-07-12'],
    ['2023-07-10 - 2023-07-12', '2023-07-10', '2023-07-12'],
    ['2023/7/10-7/12', '2023-07-10', '2023-07-12'],
    ['2023年7月10日-12日', '2023-07-10', '2023-07-12'],
    ['2023-07-31 - 2023-08-02', '2023-07-31', '2023-08-02'],
    [45108, '2023-07-01', '2023-07-01'],
    [45138.75, '2023-07-31', '2023-07-31'],
    [new Date(Date.UTC(2023, 6, 31)), '2023-07-31', '2023-07-31'],
  ])('%p is %s to %s', (input, start, end) => {
    expect(span(input)).toEqual({ start, end });
  });

  it('uses the given dayOf for Date values (the spreadsheet time zone)', () => {
    const shanghaiMidnight = new Date(Date.UTC(2023, 6, 30, 16)); // 2023-07-31 00:00 in UTC+8
    const shanghaiDayOf = (d: Date): number => utcDayOf(new Date(d.getTime() + 8 * 3_600_000));
    expect(valueOf(parseDate(shanghaiMidnight, shanghaiDayOf))).toEqual({ start: dayFromIso('2023-07-31'), end: dayFromIso('2023-07-31') });
  });

  it.each(['', '-', 'N/A', '无', null, undefined])('%p is blank', (input) => {
    expect(valueOf(parseDate(input, utcDayOf))).toBeNull();
  });

  it('rejects impossible dates, naming the text', () => {
    const error = errorOf(parseDate('2023-02-30', utcDayOf));
    expect(error.en).toContain('"2023-02-30"');
    expect(error.en).toContain('28 days');
    expect(error.zh).toContain('“2023-02-30”');
    expect(parseDate('2023-13-01', utcDayOf).ok).toBe(false);
  });

  it('rejects a range that ends before it starts', () => {
    const error = errorOf(parseDate('2023-07-12 to 2023-07-10', utcDayOf));
    expect(error.en).toContain('ends before it starts');
    expect(error.zh).toContain('结束日期早于开始日期');
  });

  it.each<CellValue>(['tomorrow', '2023-07', '2023-07-10 and more', true, 0, NaN])('%p is an error naming the accepted forms', (input) => {
    const error = errorOf(parseDate(input, utcDayOf));
    expect(error.en).toContain('2023-07-31');
    expect(error.zh).toContain('2023年7月31日');
  });
});

describe('splitOwners', () => {
  it.each<[CellValue, string[]]>([
    ['张、赵', ['张', '赵']],
    ['Zhang, Zhao', ['Zhang', 'Zhao']],
    ['Zhang / Zhao', ['Zhang', 'Zhao']],
    ['张，赵；李', ['张', '赵', '李']],
    ['Zhang and Zhao & Li', ['Zhang', 'Zhao', 'Li']],
    ['张和赵', ['张', '赵']],
    ['张\n赵', ['张', '赵']],
    [' 王* ', ['王*']],
    ['张、张、 ', ['张']],
    ['', []],
    [null, []],
  ])('%p → %p', (input, expected) => {
    expect(splitOwners(input)).toEqual(expected);
  });
});

describe('parseDirection', () => {
  it.each<[CellValue, string]>([
    ['higher', 'higher'],
    [' Lower ', 'lower'],
    ['NONE', 'none'],
    ['up', 'higher'],
    ['down', 'lower'],
    ['越高越好', 'higher'],
    ['越低越好', 'lower'],
    ['无', 'none'],
    ['-', 'none'],
    ['n/a', 'none'],
    ['', 'higher'],
    [null, 'higher'],
    ['越小越好', 'lower'],
    ['越少越好', 'lower'],
    ['低', 'lower'],
    ['反向', 'lower'],
    ['↓', 'lower'],
    ['low', 'lower'],
    ['Lower is better', 'lower'],
    ['ＬＯＷＥＲ', 'lower'],
    ['\u3000越小越好\u3000', 'lower'],
    ['越大越好', 'higher'],
    ['↑', 'higher'],
    ['正向', 'higher'],
    ['higher is better', 'higher'],
    ['不适用', 'none'],
    ['\u2212', 'none'],
    ['—', 'none'],
    ['NA', 'none'],
    ['\u3000', 'higher'],
  ])('%p → %p', (input, expected) => {
    expect(valueOf(parseDirection(input))).toBe(expected);
  });

  it('reads every word of the DIRECTION option set (the one list the sheet formula uses too) as its option', () => {
    for (const option of DIRECTION.options) {
      for (const word of [option.key, option.label.en, option.label.zh, ...(option.aliases ?? [])]) {
        expect([word, valueOf(parseDirection(word))]).toEqual([word, option.key]);
      }
    }
  });

  it('rejects other words, naming them', () => {
    const error = errorOf(parseDirection('sideways'));
    expect(error.en).toContain('"sideways"');
    expect(error.zh).toContain('“sideways”');
  });
});
