import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator, EmuDocument, EmuTable } from '../../src/node/emulator';
import { exportDocumentDocx } from '../../src/node/emulator/docExport';
import { PNG_SIGNATURE } from '../../src/node/emulator/png';
import { docxTexts, unzip } from '../node/zip';
import { bundleEmulator } from './harness';

/** Set up, load the example and move the clock a week past the cycle's end. */
function exampleEmulator(locale = 'en_US'): Emulator {
  const emulator = bundleEmulator({ locale });
  emulator.call('menuSetupSheets');
  emulator.call('menuLoadExample');
  emulator.clock.set(new Date('2023-10-08T10:00:00+08:00'));
  return emulator;
}

const heading1 = (doc: EmuDocument): string[] => doc.body.outline().filter((l) => l.startsWith('HEADING1: ')).map((l) => l.slice(10));
const tables = (doc: EmuDocument): EmuTable[] => doc.body.children.filter((c): c is EmuTable => c instanceof EmuTable);
const tableWithHeader = (doc: EmuDocument, first: string, index = 0): EmuTable => {
  const found = tables(doc).filter((t) => t.rows[0]?.cells[0]?.text === first);
  const table = found[index];
  if (!table) throw new Error(`no table starting with ${first}`);
  return table;
};

function logRows(emulator: Emulator, name: string): unknown[][] {
  const sheet = emulator.spreadsheet.getSheetByName(name)!;
  return sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
}

function setSetting(emulator: Emulator, tab: string, label: string, value: string): void {
  const sheet = emulator.spreadsheet.getSheetByName(tab)!;
  const grid = sheet.getRange(1, 1, sheet.getLastRow(), 2).getValues();
  const row = grid.findIndex((r) => r[0] === label);
  if (row < 0) throw new Error(`no setting ${label}`);
  sheet.getRange(row + 1, 2).setValue(value);
}

describe('Generate report (built bundle in the emulator)', () => {
  it('the menu item carries the cycle; the Doc has every section in order, the right tables, two images and a Log row with its link', async () => {
    const emulator = exampleEmulator();
    emulator.call('onOpen');
    expect(emulator.ui.menuItem('Market expansion', 'Generate 2023 Q3 report')).toBe('menuGenerateReport');
    emulator.call('menuGenerateReport');

    expect(emulator.documents).toHaveLength(1);
    const doc = emulator.documents[0]!;
    expect(doc.name).toBe('2023 Q3 East China — Market expansion evaluation report');
    expect(doc.trashed).toBe(false);
    expect(doc.saved).toBe(true);
    expect(doc.body.outline().slice(0, 2)).toEqual([
      'TITLE: 2023 Q3 East China — Market expansion evaluation report',
      'SUBTITLE: East China sales team · cycle 2023 Q3 (2023-07-01 – 2023-09-30) · figures as of 2023-10-08',
    ]);
    expect(heading1(doc)).toEqual([
      'Summary', 'Result metrics', 'Process metrics', 'Customer feedback', 'Input and output', 'Target analysis',
      'Execution summary', 'Highlights, problems and improvement suggestions', 'Data-quality notes', 'Charts',
    ]);

    const result = tableWithHeader(doc, 'Metric', 0);
    expect(result.texts()).toEqual([
      ['Metric', 'Target', 'Actual', 'Achievement', 'Status', 'Analysis'],
      ['New customers', '50', '45', '90%', 'At risk', "A competitor's August promotion delayed 5 customers' signing"],
      ['East China revenue (10k CNY)', '200', '215', '107.5%', 'On target', 'Key-industry breakthroughs beat expectations: 2 new major accounts'],
    ]);
    expect(result.rows[0]!.cells.every((c) => c.bold)).toBe(true);
    expect(result.rows[1]!.cells[4]!.backgroundColor).toBe('#fff2cc');
    expect(result.rows[2]!.cells[4]!.backgroundColor).toBe('#d9ead3');
    expect(tableWithHeader(doc, 'Metric', 1).texts().slice(1).map((r) => r[3])).toEqual(['110%', '80%']);
    expect(tableWithHeader(doc, 'Figure').texts().slice(0, 5).map((r) => r.slice(0, 2))).toEqual([
      ['Figure', 'Value'], ['Total cost', '28'], ['Budget', '30'], ['Revenue', '215'], ['Input-output ratio', '1:7.7'],
    ]);
    expect(tableWithHeader(doc, 'Month').texts()).toEqual([
      ['Month', 'Target', 'Actual', 'Achievement', 'Status'],
      ['2023-07', '15', '12', '80%', 'At risk'], ['2023-08', '18', '14', '77.8%', 'Off target'], ['2023-09', '17', '19', '111.8%', 'On target'],
      ['Total', '50', '45', '90%', ''],
    ]);
    expect(tableWithHeader(doc, 'Module').texts().slice(1).map((r) => [r[0], r[4], r[5]])).toEqual([
      ['Strategy effectiveness', 'Li*', '2023-08-15'], ['Teamwork', 'Zhang, Zhao', '2023-08-20'], ['Resource use', 'Wang*', '2023-09-01'],
    ]);

    const images = doc.body.images();
    expect(images).toHaveLength(2);
    for (const image of images) expect(image.blob.data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);

    const log = logRows(emulator, 'Log');
    expect(log.at(-1)?.slice(1)).toEqual(['Generate report', 'director@example.com', `${doc.name} — ${doc.url}`]);
    const dialog = emulator.ui.dialogs.at(-1)!;
    expect(dialog.title).toBe('Report ready');
    expect(dialog.html).toContain(`<a href="${doc.url}" target="_blank" rel="noopener">2023 Q3 East China — Market expansion evaluation report</a>`);

    // The emulator exports the Doc as .docx with the same content.
    const path = join(mkdtempSync(join(tmpdir(), 'report-')), 'report.docx');
    await exportDocumentDocx(doc, path);
    const entries = unzip(readFileSync(path));
    const texts = docxTexts(entries.get('word/document.xml')!.toString('utf8'));
    expect(texts).toEqual(expect.arrayContaining(['Result metrics', '90%', '107.5%', '1:7.7', 'Zhang, Zhao']));
    expect([...entries.keys()].filter((k) => k.startsWith('word/media/'))).toHaveLength(2);
  });

  it('a second run for the same cycle makes v2 and leaves the first document alone', () => {
    const emulator = exampleEmulator();
    emulator.call('menuGenerateReport');
    emulator.call('menuGenerateReport');
    expect(emulator.documents.map((d) => [d.name, d.trashed])).toEqual([
      ['2023 Q3 East China — Market expansion evaluation report', false],
      ['2023 Q3 East China — Market expansion evaluation report v2', false],
    ]);
    expect(emulator.documents[0]!.body.outline().length).toBe(emulator.documents[1]!.body.outline().length);
    expect(logRows(emulator, 'Log').filter((r) => r[1] === 'Generate report')).toHaveLength(2);
  });

  it('a fault midway leaves no half-made document and tells the person what failed and what to do', () => {
    const emulator = exampleEmulator();
    emulator.faults.failOn('Body.appendTable', { after: 2, times: 1 });
    emulator.call('menuGenerateReport');
    expect(emulator.documents).toHaveLength(1);
    expect(emulator.documents[0]!.trashed).toBe(true);
    expect(emulator.ui.dialogs).toHaveLength(0);
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe(
      'The report could not be finished: Service unavailable: Documents (while writing the document). The half-made document was moved to the trash. ' +
        'Try again in a few minutes; if it fails again, run Check data and look at the Log tab.',
    );
    expect(logRows(emulator, 'Log').at(-1)?.slice(1, 3)).toEqual(['Generate report failed', 'director@example.com']);
    // The failed run does not use up a version: the retry is named without v2.
    emulator.call('menuGenerateReport');
    expect(emulator.documents.map((d) => [d.name, d.trashed])).toEqual([
      ['2023 Q3 East China — Market expansion evaluation report', true],
      ['2023 Q3 East China — Market expansion evaluation report', false],
    ]);
  });

  it('a chart failure is reported as such, and the lock is released for the next run', () => {
    const emulator = exampleEmulator();
    emulator.faults.failOn('Chart.getAs', { times: 1, message: 'Charts quota exceeded' });
    emulator.call('menuGenerateReport');
    expect(emulator.documents[0]!.trashed).toBe(true);
    expect(emulator.ui.alerts.at(-1)?.prompt).toContain('Charts quota exceeded (while drawing the charts)');
    emulator.call('menuGenerateReport');
    expect(emulator.documents[1]!.trashed).toBe(false);
  });

  it('saves into the Settings report folder, or keeps the report in My Drive and says why', () => {
    const emulator = exampleEmulator();
    const folder = emulator.drive.addFolder('Reports');
    setSetting(emulator, 'Settings', 'Report folder', `https://drive.google.com/drive/folders/${folder.id}?usp=sharing`);
    emulator.call('menuGenerateReport');
    expect(emulator.documents[0]!.folderId).toBe(folder.id);

    setSetting(emulator, 'Settings', 'Report folder', 'no-such-folder');
    emulator.call('menuGenerateReport');
    const doc = emulator.documents[1]!;
    expect(doc.trashed).toBe(false);
    expect(doc.folderId).toBe(emulator.drive.rootId);
    expect(emulator.ui.dialogs.at(-1)!.html).toContain('The report folder in Settings (&quot;no-such-folder&quot;) could not be opened');
  });

  it('writes the report in Chinese for a Chinese sheet', () => {
    const emulator = exampleEmulator('zh_CN');
    emulator.call('onOpen');
    expect(emulator.ui.menuItem('市场拓展', '生成 2023 Q3 评估报告')).toBe('menuGenerateReport');
    emulator.call('menuGenerateReport');
    const doc = emulator.documents[0]!;
    expect(doc.name).toBe('2023 Q3 华东区域 — 市场拓展效果评估报告');
    expect(heading1(doc)).toEqual(['总体概述', '结果指标', '过程指标', '客户反馈', '投入产出评估', '目标达成率分析', '执行情况汇总', '亮点、问题与优化建议', '数据质量说明', '图表']);
    expect(tableWithHeader(doc, '核心指标').texts()[1]).toEqual(['新增客户数（家）', '50', '45', '90%', '有风险', '受竞品8月促销活动影响，5家客户延迟签约']);
    expect(doc.body.images()).toHaveLength(2);
    expect(emulator.ui.dialogs.at(-1)!.title).toBe('报告已生成');
    expect(logRows(emulator, '日志').at(-1)?.[1]).toBe('生成评估报告');
    emulator.call('menuGenerateReport');
    expect(emulator.documents[1]!.name).toBe('2023 Q3 华东区域 — 市场拓展效果评估报告 v2');
  });

  it('an empty spreadsheet still gets a report that says which sections have no data', () => {
    const emulator = bundleEmulator();
    emulator.call('menuGenerateReport');
    const doc = emulator.documents[0]!;
    expect(doc.trashed).toBe(false);
    expect(doc.name).toBe('Market expansion evaluation report');
    expect(heading1(doc)).toHaveLength(10);
    expect(doc.body.plainText()).toContain('No data: the Evaluation tab is missing.');
    expect(doc.body.images()).toHaveLength(0);
  });
});
