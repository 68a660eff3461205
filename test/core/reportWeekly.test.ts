import { checkWorkbook } from '../../src/core/checks';
import { readSnapshots } from '../../src/core/history';
import { readWorkbook } from '../../src/core/model';
import { ReportBlock, buildReport } from '../../src/core/report';
import { tabSpec } from '../../src/core/schema';
import { CellValue } from '../../src/core/values';
import { AFTER_CYCLE, exampleRaw } from './reportFixture';

const header = tabSpec('history').columns.map((c) => c.header.en);
const snap = (week: string, date: string, cycle: string, metric: string, actual: number, expected: number, status: string): CellValue[] =>
  [week, date, cycle, metric, '', '', actual, expected, actual / expected, status, ''];

function report(edit?: (raw: ReturnType<typeof exampleRaw>) => void, history: CellValue[][] = []) {
  const raw = exampleRaw('en');
  edit?.(raw);
  const workbook = readWorkbook(raw, AFTER_CYCLE);
  return buildReport(workbook, AFTER_CYCLE, 'en', checkWorkbook(workbook, AFTER_CYCLE), readSnapshots([header, ...history], AFTER_CYCLE));
}
const sectionOf = (model: ReturnType<typeof report>, id: string) => model.sections.find((s) => s.id === id)!;
const tableOf = (blocks: readonly ReportBlock[], id: string) => blocks.find((b): b is Extract<ReportBlock, { kind: 'table' }> => b.kind === 'table' && b.id === id);

describe('the report: resources and escalations', () => {
  it('lists what was asked, by whom, since when and what was decided, until the flag is cleared', () => {
    const model = report((raw) => {
      const h = raw.tracking![0] as string[];
      const set = (row: number, key: string, value: CellValue): void => { raw.tracking![row - 1]![h.indexOf(key)] = value; };
      set(4, 'Needs help', 'Yes'); set(4, 'Help asked for', 'A second trial licence'); set(4, 'Flagged on', '2023-09-25');
      set(4, 'Decision', 'Approved: one more 30-day trial');
      // Flagged once, decided and cleared: no longer listed.
      set(3, 'Needs help', 'No'); set(3, 'Help asked for', 'Two more booth staff'); set(3, 'Decision', 'Approved: marketing lends 2 people');
    });
    const section = sectionOf(model, 'resources');
    expect(section.title).toBe('Resources and escalations');
    expect(tableOf(section.blocks, 'escalations')!.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['Follow up new-customer contracts', 'Wang*', 'A second trial licence', '2023-09-25', 'Approved: one more 30-day trial', 'Open (13 days)'],
    ]);
  });

  it('says plainly when nothing was escalated', () => {
    const section = sectionOf(report(), 'resources');
    expect(section.hasData).toBe(true);
    expect(section.blocks).toEqual([{ kind: 'paragraph', style: 'normal', text: 'No task is escalated to the director.' }]);
  });
});

describe('the report: trends from the progress history, and the cycle against the one before', () => {
  const history = [
    snap('2023-04-03', '2023-04-07', '2023 Q2', 'New customers', 3, 4, 'Off target'),
    snap('2023-06-26', '2023-06-30', '2023 Q2', 'New customers', 38, 40, 'At risk'),
    snap('2023-06-26', '2023-06-30', '2023 Q2', '华东区域销售额', 180, 190, 'At risk'),
    snap('2023-07-17', '2023-07-20', '2023 Q3', 'New customers', 7, 10, 'Off target'),
    snap('2023-07-17', '2023-07-21', '2023 Q3', 'New customers', 8, 10.16, 'Off target'),
    snap('2023-07-24', '2023-07-28', '2023 Q3', 'New customers', 10, 13.55, 'Off target'),
  ];

  it('draws progress against expected week by week (the last snapshot of each week)', () => {
    const section = sectionOf(report(undefined, history), 'trends');
    const chart = section.blocks.find((b): b is Extract<ReportBlock, { kind: 'chart' }> => b.kind === 'chart')!;
    expect(chart).toMatchObject({ id: 'trend', chartKind: 'line', categories: ['2023-07-17', '2023-07-24'] });
    expect(chart.series).toEqual([{ name: 'New customers', color: '#1a73e8', values: [78.7, 73.8] }]);
    expect(tableOf(section.blocks, 'trend')!.rows.map((r) => r.map((c) => c.text))).toEqual([['2023-07-17', '78.7%'], ['2023-07-24', '73.8%']]);
  });

  it('compares each metric with the previous cycle\'s last snapshot (Q3 against Q2), by metric whatever its language', () => {
    const section = sectionOf(report(undefined, history), 'trends');
    expect(section.blocks.some((b) => b.kind === 'heading' && b.text === '2023 Q3 against 2023 Q2')).toBe(true);
    expect(tableOf(section.blocks, 'compare')).toEqual({
      kind: 'table', id: 'compare', header: ['Metric', '2023 Q2', '2023 Q3', 'Change'],
      rows: [
        [{ text: 'New customers' }, { text: '38' }, { text: '45' }, { text: '+18.4%' }],
        [{ text: 'East China revenue' }, { text: '180' }, { text: '215' }, { text: '+19.4%' }],
      ],
    });
  });

  it('without snapshots the section says how they are made', () => {
    const section = sectionOf(report(), 'trends');
    expect(section.hasData).toBe(false);
    expect(section.blocks).toEqual([{ kind: 'paragraph', style: 'note', text: 'The progress history has no snapshots of this cycle yet: they are added by each reminder run and by Check data.' }]);
  });
});
