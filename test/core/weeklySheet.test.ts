import { checkWorkbook } from '../../src/core/checks';
import { DocBlock } from '../../src/core/document';
import { Lang } from '../../src/core/i18n';
import { RawWorkbook, TimeContext, readWorkbook } from '../../src/core/model';
import { Snapshot } from '../../src/core/history';
import { WeeklySheetModel, buildWeeklySheet, isoWeekLabel } from '../../src/core/weeklySheet';
import { CellValue, dayFromIso, utcDayOf } from '../../src/core/values';
import { exampleRaw } from './reportFixture';

const W30: TimeContext = { today: dayFromIso('2023-07-28'), dayOf: utcDayOf };

function sheetOf(lang: Lang, raw: RawWorkbook = exampleRaw(lang), time: TimeContext = W30, history: readonly Snapshot[] = []): WeeklySheetModel {
  const workbook = readWorkbook(raw, time);
  return buildWeeklySheet(workbook, time, lang, checkWorkbook(workbook, time), history);
}

type Table = Extract<DocBlock, { kind: 'table' }>;
const table = (model: WeeklySheetModel, id: string): string[][] => {
  const found = model.sections.flatMap((s) => [...s.blocks]).find((b): b is Table => b.kind === 'table' && b.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return [found.header.map(String), ...found.rows.map((r) => r.map((c) => c.text))];
};

function edit(raw: RawWorkbook, tab: keyof RawWorkbook, row: number, header: string, value: CellValue): void {
  const grid = raw[tab]!;
  const col = grid[0]!.indexOf(header);
  if (col < 0) throw new Error(`no column ${header}`);
  grid[row]![col] = value;
}

describe('weekly tracking sheet for 2023-W30 on the worked example', () => {
  it('is named with its ISO week and lists the example\'s tasks in the form\'s columns, with their problems and fixes', () => {
    const sheet = sheetOf('en');
    expect(isoWeekLabel(dayFromIso('2023-07-24'))).toBe('2023-W30');
    expect(isoWeekLabel(dayFromIso('2023-07-30'))).toBe('2023-W30');
    expect(sheet.week).toBe('2023-W30');
    expect(sheet.documentName).toBe('2023-W30 East China — Weekly execution tracking sheet');
    expect(sheet.subtitle).toBe('East China sales team · cycle 2023 Q3 · week 2023-W30 (2023-07-24 – 2023-07-30) · as of 2023-07-28');
    expect(sheet.sections.map((s) => s.title)).toEqual(['Needs attention', 'Task tracking', 'This week\'s numbers', 'Changes since last week']);
    expect(table(sheet, 'weekly-tasks')).toEqual([
      ['Stage', 'Task', 'Owner', 'Planned date', 'Done this week', 'Problem', 'Solution', 'Next step'],
      ['Execute', 'Follow up new-customer contracts', 'Wang*', '2023-07-31', 'In progress: 12 signed (target 15)', '3 customers have long decision cycles', 'Weekly progress sync and trial support', 'Get the remaining 2 signed before 10 August (2023-08-10)'],
      ['Plan', 'Research East China manufacturing customers', 'Zhang*', '2023-07-03', 'Done', 'Some companies\' data is not transparent', 'Obtain it through the industry association', 'Write the Customer Needs Report'],
      ['Execute', 'Exhibit at the Shanghai trade show', 'Li*', '2023-07-10 – 12', 'Done, 80 leads collected', 'Lead quality is uneven', 'Add a company-size screening criterion', 'Grade the leads before 15 July (2023-07-15)'],
    ]);
  });

  it('the week\'s numbers by owner and channel, with the total', () => {
    expect(table(sheetOf('en'), 'weekly-numbers')).toEqual([
      ['Owner', 'Channel', 'Visits', 'Leads', 'New customers', 'Revenue (10k CNY)', 'Cost (10k CNY)', 'Event participants'],
      ['Wang*', 'Trade shows', '16', '30', '2', '12', '—', '24'],
      ['Total', '', '16', '30', '2', '12', '—', '24'],
    ]);
  });

  it('puts overdue and needs-help tasks first, with why and what was asked', () => {
    const raw = exampleRaw('en');
    edit(raw, 'tracking', 3, 'Planned date', '2023-07-20');
    edit(raw, 'tracking', 3, 'Next step due', '');
    edit(raw, 'tracking', 1, 'Status', 'In progress');
    edit(raw, 'tracking', 1, 'Needs help', 'Yes');
    edit(raw, 'tracking', 1, 'Help asked for', 'Introduction to the industry association');
    edit(raw, 'tracking', 1, 'Flagged on', '2023-07-26');
    const sheet = sheetOf('en', raw);
    expect(table(sheet, 'weekly-attention')).toEqual([
      ['Task', 'Owner', 'Due', 'Why it is here', 'Help asked for', 'Decision'],
      ['Research East China manufacturing customers', 'Zhang*', '2023-07-03', 'overdue 25 days; needs help since 2023-07-26', 'Introduction to the industry association', 'no decision yet'],
      ['Follow up new-customer contracts', 'Wang*', '2023-07-20', 'overdue 8 days', '', ''],
    ]);
    expect(table(sheet, 'weekly-tasks').slice(1).map((r) => r[1])).toEqual([
      'Research East China manufacturing customers', 'Follow up new-customer contracts', 'Exhibit at the Shanghai trade show',
    ]);
  });

  it('what changed since last week: the week\'s change of each target (recomputed, else from the history)', () => {
    const snapshot = (row: number, date: string, actual: number, expected: number): Snapshot => ({
      row, week: dayFromIso('2023-07-17'), date: dayFromIso(date), cycle: '2023 Q3', metric: 'Customer visits', metricKey: 'visits', owner: '',
      target: 200, actual, expected, progress: actual / expected, status: null,
    });
    const sheet = sheetOf('en', exampleRaw('en'), W30, [snapshot(2, '2023-07-21', 48, 44)]);
    const bullets = sheet.sections[3]!.blocks.filter((b) => b.kind === 'paragraph' && b.style === 'bullet').map((b) => (b as { text: string }).text);
    expect(bullets.some((t) => /^New customers: \+2 this week/.test(t))).toBe(true);
    expect(bullets.some((t) => /^Customer visits: \+16 this week/.test(t))).toBe(true);
  });

  it('reads as Chinese in Chinese, with the form\'s column names', () => {
    const sheet = sheetOf('zh-CN');
    expect(sheet.documentName).toBe('2023-W30 华东区域 — 周度执行跟踪表');
    expect(table(sheet, 'weekly-tasks')[0]).toEqual(['阶段', '任务名称', '责任人', '计划完成时间', '实际完成情况', '遇到问题', '解决措施', '下一步计划']);
    expect(table(sheet, 'weekly-tasks')[1]).toEqual([
      '执行', '新增客户签约跟进', '王*', '2023-07-31', '进行中：签约12家（目标15家）', '3家客户决策周期长', '每周同步项目进度，提供试用支持', '8月10日前推动剩余2家签约（2023-08-10）',
    ]);
  });
});
