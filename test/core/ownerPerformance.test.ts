/**
 * Per-owner performance on the worked example (ownerPerformance.ts): each owner's targets with the Goals tab's
 * own progress figures, open and overdue tasks by the one overdue rule, and the last check-in.
 */
import { weeklyFunnel } from '../../src/core/derived';
import { RawWorkbook, readWorkbook } from '../../src/core/model';
import { ownerPerformance } from '../../src/core/ownerPerformance';
import { targetProgress } from '../../src/core/progress';
import { CellValue, dayFromIso, isoFromDay, utcDayOf } from '../../src/core/values';
import { AFTER_CYCLE, exampleRaw, reportOf } from './reportFixture';

const MID = { today: dayFromIso('2023-08-15'), dayOf: utcDayOf };
const round = (n: number | null): number | null => (n === null ? null : Math.round(n * 1000) / 1000);

function column(raw: RawWorkbook, tab: keyof RawWorkbook, header: string): number {
  const at = raw[tab]![0]!.map(String).indexOf(header);
  expect(at).toBeGreaterThanOrEqual(0);
  return at;
}

function set(raw: RawWorkbook, tab: keyof RawWorkbook, header: string, row: number, value: CellValue): void {
  (raw[tab]![row] as CellValue[])[column(raw, tab, header)] = value;
}

/** The example with the team's new-customer target (no owner) split into Wang*'s 30 and Li*'s 20. */
function withShares(): RawWorkbook {
  const raw = exampleRaw('en');
  set(raw, 'goals', 'Owner', 1, '');
  const template = raw.goals![1]!;
  for (const [owner, target] of [['Wang*', 30], ['Li*', 20]] as const) {
    const row = [...template];
    row[column(raw, 'goals', 'Owner')] = owner;
    row[column(raw, 'goals', 'Target')] = target;
    row[column(raw, 'goals', 'Note')] = '';
    raw.goals!.push(row);
  }
  return raw;
}

describe('per-owner performance', () => {
  it('gives each owner of the example their targets (the team targets they answer for), tasks and last week reported', () => {
    const workbook = readWorkbook(exampleRaw('en'), AFTER_CYCLE);
    const owners = ownerPerformance(workbook, AFTER_CYCLE.today);
    expect(owners.map((o) => [o.owner, o.targets.map((t) => [t.metric, t.scope, t.target, round(t.actual), round(t.rate), t.status]), o.openTasks, o.overdueTasks,
      o.lastWeek === null ? null : isoFromDay(o.lastWeek)])).toEqual([
      ['Zhang*', [['East China revenue', 'team', 200, 215, 1.075, 'met']], 0, 0, '2023-09-18'],
      ['Li*', [['Lead conversion rate', 'team', 0.15, 0.12, 0.8, 'missed']], 0, 0, '2023-09-11'],
      ['Wang*', [['New customers', 'team', 50, 45, 0.9, 'missed'], ['Customer visits', 'team', 200, 220, 1.1, 'met']], 1, 1, '2023-09-25'],
    ]);
    // Zhao* (Team, retrospective only) and the Director have neither a target, a task nor a Weekly log row.
    expect(owners.map((o) => o.owner)).not.toContain('Zhao*');
  });

  it("counts an owner's share on their own Weekly log rows, as the Goals tab's progress columns do, against what is expected by today", () => {
    const workbook = readWorkbook(withShares(), MID);
    const owners = ownerPerformance(workbook, MID.today);
    const share = (name: string) => owners.find((o) => o.owner === name)!.targets.find((t) => t.metric === 'New customers')!;
    const wang = share('Wang*');
    const li = share('Li*');
    expect([wang.scope, wang.target, li.scope, li.target]).toEqual(['share', 30, 'share', 20]);
    // Actual to date: only the rows each owner is on, weeks up to today.
    const own = (name: string): number | null => weeklyFunnel(workbook, { until: MID.today, withinCycle: true, owners: [name] }).cycle.newCustomers.value;
    expect([wang.actual, li.actual]).toEqual([own('Wang*'), own('Li*')]);
    // Wang*: 3 (week of 3 July) + 2 (24 July) + 4 (14 August); Li*: 3 (10 July) + 2 (31 July).
    expect([wang.actual, li.actual]).toEqual([9, 5]);
    // Expected by today: the share pro rata (46 of 92 days by 15 August).
    expect([wang.expected, li.expected]).toEqual([15, 10]);
    expect([wang.rate, wang.status, li.rate, li.status]).toEqual([0.6, 'off_track', 0.5, 'off_track']);
    // The same figures as targetProgress gives the Goals rows.
    const rows = targetProgress(workbook, MID.today).filter((p) => p.owner !== null).map((p) => [p.goalRow, p.actual, p.rate]);
    expect(rows).toEqual([[9, wang.actual, wang.rate], [10, li.actual, li.rate]]);
  });

  it('counts open and overdue tasks by the one overdue rule, a task of two owners for each, and the latest Updated stamp', () => {
    const raw = exampleRaw('en');
    set(raw, 'tracking', 'Owner', 1, 'Zhang*、Wang*');
    set(raw, 'tracking', 'Status', 1, 'In progress');
    set(raw, 'tracking', 'Updated', 1, '2023-08-02 10:00');
    set(raw, 'tracking', 'Updated', 3, '2023-08-09 09:30');
    const workbook = readWorkbook(raw, MID);
    const owners = ownerPerformance(workbook, MID.today);
    const of = (name: string) => owners.find((o) => o.owner === name)!;
    // Zhang*'s research task (due 3 July) is now open and late; Wang*'s own task was due 10 August (next step).
    expect([of('Zhang*').openTasks, of('Zhang*').overdueTasks, of('Wang*').openTasks, of('Wang*').overdueTasks, of('Wang*').tasks]).toEqual([1, 1, 2, 2, 2]);
    expect([isoFromDay(of('Zhang*').lastUpdated!), isoFromDay(of('Wang*').lastUpdated!)]).toEqual(['2023-08-02', '2023-08-09']);
    expect(of('Li*').lastUpdated).toBeNull();
    // Weeks after today are not yet reported: Wang*'s last week by 15 August is 14 August.
    expect(isoFromDay(of('Wang*').lastWeek!)).toBe('2023-08-14');
  });

  it('says check data for a share whose Weekly log cell cannot be read, never a partial sum', () => {
    const raw = withShares();
    set(raw, 'weekly', 'New customers', 1, 'five');
    const workbook = readWorkbook(raw, MID);
    const wang = ownerPerformance(workbook, MID.today).find((o) => o.owner === 'Wang*')!.targets.find((t) => t.metric === 'New customers')!;
    expect([wang.actual, wang.rate, wang.status]).toEqual([null, null, 'check_data']);
    const table = reportOf('en', raw, MID).sections.find((s) => s.id === 'execution')!.blocks.find((b) => b.kind === 'table' && b.id === 'owner-performance');
    const rows = table && table.kind === 'table' ? table.rows.map((r) => r.map((c) => c.text)) : [];
    expect(rows.find((r) => r[0] === 'Wang*' && r[1] === 'New customers')).toEqual(['Wang*', 'New customers', '30', 'check data', '15', '—', 'Check data', '', '', '']);
  });

  it('is the report\'s per-owner table, in both languages', () => {
    const table = (lang: 'en' | 'zh-CN') => {
      const block = reportOf(lang).sections.find((s) => s.id === 'execution')!.blocks.find((b) => b.kind === 'table' && b.id === 'owner-performance');
      return block && block.kind === 'table' ? [block.header, ...block.rows.map((r) => r.map((c) => c.text))] : [];
    };
    expect(table('en')).toEqual([
      ['Owner', 'Metric', 'Target', 'Actual to date', 'Expected by today', 'Progress', 'Status', 'Open tasks', 'Overdue', 'Last check-in'],
      ['Zhang*', 'East China revenue (10k CNY, team target)', '200', '215', '200', '107.5%', 'Met', '0', '0', 'numbers for the week of 2023-09-18'],
      ['Li*', 'Lead conversion rate (team target)', '15%', '12%', '15%', '80%', 'Missed', '0', '0', 'numbers for the week of 2023-09-11'],
      ['Wang*', 'New customers (team target)', '50', '45', '50', '90%', 'Missed', '1', '1', 'numbers for the week of 2023-09-25'],
      ['Wang*', 'Customer visits (team target)', '200', '220', '200', '110%', 'Met', '', '', ''],
    ]);
    expect(table('zh-CN')[1]).toEqual(['张*', '华东区域销售额（万元，团队目标）', '200', '215', '200', '107.5%', '已达成', '0', '0', '已填 2023-09-18 当周周报']);
  });
});
