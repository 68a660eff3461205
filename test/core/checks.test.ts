import { checkWorkbook } from '../../src/core/checks';
import { exampleGrids } from '../../src/core/example';
import { Lang } from '../../src/core/i18n';
import { readWorkbook } from '../../src/core/model';
import { CellValue, dayFromIso, utcDayOf } from '../../src/core/values';

const at = (iso: string) => ({ today: dayFromIso(iso), dayOf: utcDayOf });

function check(lang: Lang, today: string, edit?: (grids: Record<string, CellValue[][]>) => void) {
  const grids = exampleGrids(lang) as Record<string, CellValue[][]>;
  edit?.(grids);
  return checkWorkbook(readWorkbook(grids, at(today)), at(today));
}

describe('Check data', () => {
  it.each<Lang>(['en', 'zh-CN'])('finds nothing wrong in the clean example during the cycle (%s)', (lang) => {
    expect(check(lang, '2023-07-28')).toEqual([]);
  });

  it('finds each planted problem with tab, row, value and a fix, and nothing else', () => {
    const problems = check('en', '2023-08-20', (g) => {
      g.goals![3]![2] = 20; // monthly targets 15 + 20 + 17 = 52, cycle target 50
      g.tracking![3]![2] = 'Chen'; // owner not in Team
      g.tracking![3]![3] = '2023-02-30'; // impossible date
      g.tracking!.push(['Execute', 'Call back ten prospects', '', '2023-08-01', 'In progress', '', '', '', '', '', 'Weekly', '']); // no owner, overdue
      g.tracking!.push(['Execute', 'Visit Hangzhou dealers', 'Wang*', '2023-09-30', 'In progress', '', '', '', '', '', 'Weekly', '2023-08-01']); // stale
      g.team![1]![1] = 'zhang-at-example.com'; // bad email
      g.weekly![2]![6] = 'lots'; // not a number
      g.evaluation![1]![5] = '45家'; // text with a unit is fine
    });
    const found = problems.map((p) => [p.code, p.tab, p.row, p.value]);
    expect(found).toEqual([
      ['bad_email', 'team', 2, 'zhang-at-example.com'],
      ['monthly_sum_mismatch', 'goals', 2, '50'],
      ['bad_date', 'tracking', 4, '2023-02-30'],
      ['owner_not_in_team', 'tracking', 4, 'Chen'],
      ['task_overdue', 'tracking', 4, '2023-08-10'], // the Next step due date it quotes
      ['missing_owner', 'tracking', 5, ''],
      ['task_overdue', 'tracking', 5, '2023-08-01'],
      ['task_stale', 'tracking', 6, '2023-08-01'],
      ['bad_number', 'weekly', 3, 'lots'],
    ]);
    for (const p of problems) {
      expect(p.message.en).not.toBe('');
      expect(p.message.zh).not.toBe('');
      expect(p.fix.en).not.toBe('');
      expect(p.fix.zh).not.toBe('');
    }
    const sum = problems.find((p) => p.code === 'monthly_sum_mismatch')!;
    expect(sum.message.en).toBe('Monthly targets for "New customers" add up to 52, but the cycle target is 50.');
    expect(sum.fix.en).toBe('Change the monthly targets (rows 3, 4, 5) or the cycle target so they agree.');
  });

  it('reports a missing cycle in Settings', () => {
    const problems = check('zh-CN', '2023-07-28', (g) => {
      g.settings![3]![1] = '';
    });
    expect(problems.map((p) => p.code)).toEqual(['setting_invalid']);
    expect(problems[0]!.message.zh).toContain('周期');
  });

  it('matches owners written as several names in one cell, with or without the anonymising star', () => {
    const problems = check('zh-CN', '2023-07-28', (g) => {
      g.tracking![1]![2] = '张、赵';
      g.tracking![2]![2] = 'Zhang / 王';
    });
    expect(problems.map((p) => [p.code, p.value])).toEqual([['owner_not_in_team', 'Zhang']]);
  });
});

describe('the cycle in Settings', () => {
  it('names what is missing in one language at a time, on the right row', () => {
    const problems = check('en', '2023-07-28', (g) => {
      g.settings![4]![1] = ''; // Cycle start
      g.settings![5]![1] = ''; // Cycle end
    });
    expect(problems.map((p) => [p.code, p.row])).toEqual([['setting_invalid', 5]]);
    expect(problems[0]!.message.en).toBe('The cycle is not set: Cycle start, Cycle end.');
    expect(problems[0]!.message.zh).toBe('未设置周期：周期开始、周期结束。');
  });

  it('reports an unreadable date once, on its own row', () => {
    const problems = check('en', '2023-07-28', (g) => {
      g.settings![4]![1] = 'July 1st';
    });
    expect(problems.map((p) => [p.code, p.row, p.value])).toEqual([['setting_invalid', 5, 'July 1st']]);
  });

  it('says when the cycle ends before it starts', () => {
    const problems = check('zh-CN', '2023-07-28', (g) => {
      g.settings![5]![1] = '2023-06-30';
    });
    expect(problems.map((p) => p.message.zh)).toEqual(['周期结束日（2023-06-30）早于开始日（2023-07-01）。']);
  });
});

describe('a task without a name', () => {
  it('is named by its row in every message', () => {
    const problems = check('en', '2023-08-20', (g) => {
      g.tracking!.push(['Execute', '', 'Wang*', '2023-08-01', 'In progress', '', '', '', '', '', 'Weekly', '']);
    });
    const row5 = problems.filter((p) => p.row === 5);
    expect(row5.map((p) => p.message.en)).toEqual(['Task is empty.', '"row 5" was due 2023-08-01 (Planned date) and is not done (19 days overdue).']);
    expect(row5[1]!.message.zh).toBe('“第 5 行”应于 2023-08-01（计划完成时间）完成，尚未完成（逾期 19 天）。');
  });
});

describe('an owner without an email', () => {
  it('is flagged once whatever they own, since reminders cannot reach them', () => {
    const problems = check('en', '2023-07-28', (g) => {
      g.team![4]![1] = ''; // Zhao*: owns only a Retrospective action (row 3, with Zhang)
    });
    expect(problems.map((p) => [p.code, p.tab, p.row])).toEqual([['owner_without_email', 'team', 5]]);
    expect(problems[0]!.message.en).toBe('Zhao* has no email address, so gets no reminders.');
  });
});
