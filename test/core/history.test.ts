import { planReminders } from '../../src/core/digest';
import { exampleGrids } from '../../src/core/example';
import { changesSince, planSnapshot, readSnapshots, snapshotBefore, snapshotRows, weekOverWeek } from '../../src/core/history';
import { readWorkbook } from '../../src/core/model';
import { tabSpec } from '../../src/core/schema';
import { CellValue, dayFromIso, isoFromDay, utcDayOf } from '../../src/core/values';
import { changeSentence } from '../../src/core/weeklyText';

type Grids = Record<string, CellValue[][]>;
const at = (iso: string) => ({ today: dayFromIso(iso), dayOf: utcDayOf });
const example = (iso: string, edit?: (g: Grids) => void) => {
  const grids = exampleGrids('en') as Grids;
  edit?.(grids);
  return readWorkbook(grids, at(iso));
};
const header = tabSpec('history').columns.map((c) => c.header.en);

/** The rows a snapshot appends, as the sheet would hold them (days as ISO text, the write time as text). */
function asSheet(rows: ReturnType<typeof snapshotRows>): CellValue[][] {
  return rows.map((row) => row.map((cell) => {
    if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) return 'day' in cell ? isoFromDay(cell.day) : '2023-07-28 09:00';
    return typeof cell === 'string' && cell.startsWith("'") ? cell.slice(1) : cell;
  }));
}

describe('progress history snapshots', () => {
  it('one line per cycle target on the worked example, with the figures the Goals tab shows', () => {
    const lines = planSnapshot(example('2023-07-28'), dayFromIso('2023-07-28'), []);
    expect(lines.map((l) => l.metric)).toEqual(['New customers', 'East China revenue', 'Customer visits', 'Lead conversion rate']);
    const customers = lines[0]!;
    expect(customers).toMatchObject({ cycle: '2023 Q3', owner: '', target: 50, actual: 10, status: 'off_track' });
    expect(isoFromDay(customers.week)).toBe('2023-07-24');
    expect(customers.expected).toBeCloseTo(15 * 28 / 31, 9);
    expect(customers.progress).toBeCloseTo(10 / (15 * 28 / 31), 9);
  });

  it('no second snapshot for the same day and cycle (a retry, a second run, Check data after the reminders)', () => {
    const workbook = example('2023-07-28');
    const rows = asSheet(snapshotRows(header, planSnapshot(workbook, dayFromIso('2023-07-28'), []), 'en'));
    const recent = readSnapshots([header, ...rows], { dayOf: utcDayOf });
    expect(recent).toHaveLength(4);
    expect(planSnapshot(workbook, dayFromIso('2023-07-28'), recent)).toEqual([]);
    expect(planSnapshot(workbook, dayFromIso('2023-07-31'), recent)).toHaveLength(4);
  });

  it('reads back what it wrote: rates as percentages, the team as a blank owner', () => {
    const rows = asSheet(snapshotRows(header, planSnapshot(example('2023-07-28'), dayFromIso('2023-07-28'), []), 'en'));
    expect(rows[3]![header.indexOf('Target')]).toBe('15%');
    const [customers, , , conversion] = readSnapshots([header, ...rows], { dayOf: utcDayOf });
    expect(customers).toMatchObject({ row: 2, cycle: '2023 Q3', metric: 'New customers', metricKey: 'new_customers', owner: '', actual: 10, status: 'off_track' });
    // Lead conversion to date, from the Weekly log (10 of 120 leads), written as the percentage shown.
    expect(conversion).toMatchObject({ metricKey: 'lead_conversion', target: 0.15, actual: 0.083 });
  });

  it('week over week: the Weekly log recomputed a week back (+2 new customers, 78.7% → 73.8% of expected)', () => {
    const workbook = example('2023-07-28');
    const changes = weekOverWeek(workbook, dayFromIso('2023-07-28'), []);
    const customers = changes.find((c) => c.metricKey === 'new_customers')!;
    expect(customers.delta).toBe(2);
    expect(customers.before!.actual).toBe(8);
    expect(changeSentence(customers, 'en')).toBe('New customers: +2 this week, 78.7% → 73.8% of expected');
    expect(changeSentence(customers, 'zh-CN')).toBe('New customers：本周 +2，进度 78.7% → 73.8%（对比应完成）');
    // In the cycle's first days there is no week before to compare with.
    const first = weekOverWeek(workbook, dayFromIso('2023-07-05'), []).find((c) => c.metricKey === 'new_customers')!;
    expect(first.before).toBeNull();
    expect(changeSentence(first, 'en')).toBe('New customers: 124% of expected (nothing a week earlier to compare with)');
  });

  it('a metric the Weekly log does not add up takes last week\'s figure from the history', () => {
    // Customer satisfaction has no Weekly log figure (lead conversion has one now: new customers ÷ leads).
    const workbook = example('2023-07-28', (g) => { g.goals!.push(['Customer satisfaction', '2023 Q3', '90%', '', '', '', '', '', '', '', '']); });
    const snapshots = readSnapshots([header,
      ['2023-07-17', '2023-07-21', '2023 Q3', 'Customer satisfaction', '', '90%', '88%', '90%', '97.8%', 'At risk', ''],
      ['2023-07-17', '2023-07-14', '2023 Q3', 'Customer satisfaction', '', '90%', '85%', '90%', '94.4%', 'At risk', ''],
      ['2023-07-17', '2023-07-21', '2023 Q2', 'Customer satisfaction', '', '90%', '1%', '90%', '1.1%', 'Off track', ''],
    ], { dayOf: utcDayOf });
    const satisfaction = weekOverWeek(workbook, dayFromIso('2023-07-28'), snapshots).find((c) => c.metricKey === 'satisfaction')!;
    expect(satisfaction.before).toEqual({ actual: 0.88, rate: 0.978 });
    expect(snapshotBefore(snapshots, '2023 Q3', { metric: '客户满意度', metricKey: 'satisfaction' }, '', dayFromIso('2023-07-20'))!.actual).toBe(0.85);
    // A rate the Weekly log gives is recomputed a week back: 8 new customers of 90 leads by 2023-07-21.
    const conversion = weekOverWeek(workbook, dayFromIso('2023-07-28'), []).find((c) => c.metricKey === 'lead_conversion')!;
    expect(conversion.before!.actual).toBeCloseTo(8 / 90, 12);
  });

  it('changesSince: each metric\'s latest snapshot against the latest one a week before (what changed since last week)', () => {
    const snapshots = readSnapshots([header,
      ['2023-07-17', '2023-07-21', '2023 Q3', 'New customers', '', 50, 8, 10.16, 0.787, 'Off target', ''],
      ['2023-07-17', '2023-07-21', '2023 Q3', 'New customers', 'Wang*', 50, 8, 10.16, 0.787, 'Off target', ''],
      ['2023-07-24', '2023-07-28', '2023 Q3', 'New customers', '', 50, 10, 13.55, 0.738, 'Off target', ''],
    ], { dayOf: utcDayOf });
    const changes = changesSince(snapshots, '2023 Q3', dayFromIso('2023-07-21'));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.before.actual).toBe(8);
    expect(changes[0]!.after.actual).toBe(10);
  });
});

describe('needs help in the managers\' summary', () => {
  const flag = (g: Grids, row: number, since: string, note: string, decision = ''): void => {
    const h = g.tracking![0] as string[];
    const line = g.tracking![row - 1]!;
    line[h.indexOf('Needs help')] = 'Yes';
    line[h.indexOf('Help asked for')] = note;
    line[h.indexOf('Flagged on')] = since;
    line[h.indexOf('Decision')] = decision;
  };
  const summaryOf = (edit: (g: Grids) => void) => {
    const grids = exampleGrids('en') as Grids;
    edit(grids);
    const time = at('2023-07-28');
    return planReminders(readWorkbook(grids, time), time, { sheetUrl: 'https://x', tabGids: { tracking: 7 }, sheetLang: 'en', kind: 'weekly' });
  };

  it('goes to the top, with what was asked, by whom, since when and what was decided, until cleared', () => {
    const p = summaryOf((g) => flag(g, 4, '2023-07-25', 'A second trial licence', 'Approved: 30 days'));
    expect(p.summary!.needsHelp).toEqual([{
      row: 4, link: 'https://x#gid=7&range=A4', task: 'Follow up new-customer contracts', owners: ['Wang*'], asked: 'A second trial licence',
      since: dayFromIso('2023-07-25'), days: 3, decision: 'Approved: 30 days',
    }]);
    const mail = p.emails.find((e) => e.role === 'manager')!;
    const help = mail.text.indexOf('Needs your help');
    expect(help).toBeGreaterThan(0);
    expect(help).toBeLessThan(mail.text.indexOf('Targets against what is expected by today'));
    expect(mail.text).toContain('- Follow up new-customer contracts (Wang*): A second trial licence\n  flagged 2023-07-25, 3 day(s) ago · decision: Approved: 30 days');
    const zh = planReminders(readWorkbook(exampleGrids('en') as Grids, at('2023-07-28')), at('2023-07-28'), { sheetUrl: '', sheetLang: 'zh-CN', kind: 'weekly' });
    expect(zh.summary!.needsHelp).toEqual([]);
    const cleared = summaryOf((g) => {
      flag(g, 4, '2023-07-25', 'A second trial licence');
      const h = g.tracking![0] as string[];
      g.tracking![3]![h.indexOf('Needs help')] = 'No';
    });
    expect(cleared.summary!.needsHelp).toEqual([]);
    expect(cleared.emails.find((e) => e.role === 'manager')!.text).not.toContain('Needs your help');
  });

  it('the owner email says how to open My week and links to their first row, not A1', () => {
    const p = summaryOf(() => undefined);
    const wang = p.emails.find((e) => e.to === 'wang@example.com')!;
    expect(wang.text).toContain('open the sheet and choose Market expansion → My week.\nYour rows start at Tracking, row 4: https://x#gid=7&range=A4');
    expect(wang.text).toContain('Open the sheet: https://x#gid=7&range=A4');
    expect(wang.html).toContain('<a href="https://x#gid=7&amp;range=A4">Your rows start at Tracking, row 4</a>');
  });
});
