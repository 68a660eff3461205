import { checkWorkbook } from '../../src/core/checks';
import { exampleGrids } from '../../src/core/example';
import { readWorkbook } from '../../src/core/model';
import { CellValue, dayFromIso, isoFromDay, utcDayOf } from '../../src/core/values';

const time = { today: dayFromIso('2023-07-28'), dayOf: utcDayOf };

describe('reading the workbook', () => {
  it('reads the worked example in both languages to the same numbers', () => {
    const en = readWorkbook(exampleGrids('en'), time);
    const zh = readWorkbook(exampleGrids('zh-CN'), time);
    for (const wb of [en, zh]) {
      expect(wb.problems).toEqual([]);
      expect(wb.settings.cycle).toBe('2023 Q3');
      expect(isoFromDay(wb.settings.cycleStart!)).toBe('2023-07-01');
      expect(isoFromDay(wb.settings.cycleEnd!)).toBe('2023-09-30');
      expect(wb.settings.reminderWeekday).toBe(5);
      expect(wb.settings.reminderHour).toBe(9);
      expect(wb.settings.atRiskThreshold).toBe(0.8);
      expect(wb.settings.managerEmails).toEqual(['director@example.com']);
      expect(wb.evaluation.map((e) => [e.metricKey, e.direction, e.target, e.actual])).toEqual([
        ['new_customers', 'higher', 50, 45],
        ['revenue', 'higher', 200, 215],
        ['visits', 'higher', 200, 220],
        ['lead_conversion', 'higher', 0.15, 0.12],
        ['total_cost', 'lower', 30, 28],
        ['roi', 'higher', 6, 7.7],
      ]);
      expect(wb.tasks.map((t) => [t.status, t.frequency, t.planned && isoFromDay(t.planned.end)])).toEqual([
        ['done', 'weekly', '2023-07-03'], ['done', 'daily', '2023-07-12'], ['in_progress', 'weekly', '2023-07-31'],
      ]);
      expect(wb.retrospective.map((r) => [r.owners.length, r.status])).toEqual([[1, 'proven'], [2, 'open'], [1, 'open']]);
      expect(wb.weekly.reduce((s, w) => s + (w.newCustomers ?? 0), 0)).toBe(45);
      expect(wb.weekly.reduce((s, w) => s + (w.revenue ?? 0), 0)).toBe(215);
      expect(wb.costs.reduce((s, c) => s + (c.amount ?? 0), 0)).toBe(28);
      expect(wb.goals.filter((g) => g.period?.kind === 'month').map((g) => [g.period, g.target])).toEqual([
        [{ kind: 'month', month: '2023-07' }, 15], [{ kind: 'month', month: '2023-08' }, 18], [{ kind: 'month', month: '2023-09' }, 17],
      ]);
    }
  });

  it('reports bad settings with the row and keeps a usable default', () => {
    const grids = exampleGrids('en');
    const settings = grids.settings as CellValue[][];
    const hourRow = settings.findIndex((r) => r[0] === 'Reminder hour');
    settings[hourRow]![1] = '25';
    const thresholdRow = settings.findIndex((r) => r[0] === 'At-risk threshold');
    settings[thresholdRow]![1] = 'high';
    const wb = readWorkbook(grids, time);
    expect(wb.settings.reminderHour).toBe(9);
    expect(wb.settings.atRiskThreshold).toBe(0.8);
    expect(wb.problems.map((p) => [p.code, p.tab, p.row, p.value])).toEqual([
      ['setting_invalid', 'settings', hourRow + 1, '25'],
      ['setting_invalid', 'settings', thresholdRow + 1, 'high'],
    ]);
    expect(wb.problems[0]!.message.en).toBe('Setting "Reminder hour" has "25": use a whole number from 0 to 23');
    expect(wb.problems[1]!.message.zh).toContain('风险阈值');
  });

  it('says which tabs are missing and still reads the rest', () => {
    const { settings, tracking } = exampleGrids('zh-CN');
    const wb = readWorkbook({ settings, tracking }, time);
    expect(wb.tasks).toHaveLength(3);
    expect(wb.missingTabs).toEqual(['team', 'goals', 'strategy', 'weekly', 'evaluation', 'costs', 'retrospective', 'playbook', 'history']);
    expect(wb.problems.every((p) => p.code === 'missing_tab')).toBe(true);
    expect(wb.problems[0]!.message.zh).toBe('缺少工作表“团队”。');
  });
});

describe('a bad setting says how to fix it', () => {
  it('names what to type, where, and what is used meanwhile, in both languages', () => {
    const grids = exampleGrids('en');
    const settings = grids.settings as CellValue[][];
    settings[settings.findIndex((r) => r[0] === 'Reminder weekday')]![1] = 'Fri.';
    settings[settings.findIndex((r) => r[0] === 'Reminder hour')]![1] = 25;
    const [weekday, hour] = readWorkbook(grids, time).problems;
    expect(weekday!.fix.en).toBe('Pick one of: Monday / Tuesday / Wednesday / Thursday / Friday / Saturday / Sunday in Settings → Reminder weekday. Until then, Friday is used.');
    expect(weekday!.fix.zh).toBe('请选择：星期一 / 星期二 / 星期三 / 星期四 / 星期五 / 星期六 / 星期日（“设置”→“提醒日”）。在此之前使用 星期五。');
    expect(hour!.fix.en).toBe('Type a whole hour from 0 to 23, e.g. 9 in Settings → Reminder hour. Until then, 9 is used.');
  });
});

describe('a missing column', () => {
  it('is reported once, not as an empty cell on every row, and essential columns count too', () => {
    const grids = exampleGrids('en');
    const tracking = grids.tracking as CellValue[][];
    const ownerAt = tracking[0]!.indexOf('Owner');
    grids.tracking = tracking.map((row) => row.filter((_, i) => i !== ownerAt));
    grids.tracking[0]![1] = 'Task name'; // not a header the schema knows
    const evaluation = grids.evaluation as CellValue[][];
    const targetAt = evaluation[0]!.indexOf('Target');
    grids.evaluation = evaluation.map((row) => row.filter((_, i) => i !== targetAt));
    const wb = readWorkbook(grids, time);
    const problems = checkWorkbook(wb, time);
    expect(problems.map((p) => [p.code, p.tab, p.row, p.column])).toEqual([
      ['missing_column', 'tracking', 1, 'task'],
      ['missing_column', 'tracking', 1, 'owner'],
      ['missing_column', 'evaluation', 1, 'target'],
    ]);
    expect(problems[1]!.message.zh).toBe('缺少列“责任人”。');
  });
});

describe('the reminder hour', () => {
  it('must be a whole hour, not silently rounded', () => {
    const grids = exampleGrids('en');
    const settings = grids.settings as CellValue[][];
    settings[settings.findIndex((r) => r[0] === 'Reminder hour')]![1] = 9.5;
    const wb = readWorkbook(grids, time);
    expect(wb.settings.reminderHour).toBe(9);
    expect(wb.problems.map((p) => p.message.en)).toEqual(['Setting "Reminder hour" has "9.5": use a whole number from 0 to 23']);
  });
});
