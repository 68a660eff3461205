import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmuDataTableBuilder, Emulator, EmuDocument, EmuTable } from '../../src/node/emulator';
import { exportDocumentDocx } from '../../src/node/emulator/docExport';
import { docxTexts, unzip } from '../node/zip';
import { bundleEmulator, exampleEmulator as setUpAndExample } from './harness';

/** Set up, load the example and move the clock a week past the cycle's end. */
function exampleEmulator(locale = 'en_US'): Emulator {
  const emulator = setUpAndExample({ locale });
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
      'Charts', 'Trends and comparison', 'Execution summary', 'Resources and escalations', 'Highlights, problems and improvement suggestions',
      'Conclusion and proposals for the next cycle', 'Data-quality notes',
    ]);

    const result = tableWithHeader(doc, 'Metric', 0);
    expect(result.texts()).toEqual([
      ['Metric', 'Target', 'Actual', 'Achievement', 'Status', 'Analysis'],
      ['New customers', '50', '45', '90%', 'Missed', "A competitor's August promotion delayed 5 customers' signing"],
      ['East China revenue (10k CNY)', '200', '215', '107.5%', 'Met', 'Key-industry breakthroughs beat expectations: 2 new major accounts'],
    ]);
    expect(result.rows[0]!.cells.every((c) => c.bold)).toBe(true);
    expect(result.rows[0]!.cells.every((c) => c.backgroundColor === '#e8eaed')).toBe(true);
    expect(result.rows[1]!.cells[4]!.backgroundColor).toBe('#f4cccc');
    expect(result.rows[2]!.cells[4]!.backgroundColor).toBe('#d9ead3');
    expect(tableWithHeader(doc, 'Metric', 1).texts().slice(1).map((r) => r[3])).toEqual(['110%', '80%']);
    expect(tableWithHeader(doc, 'Figure').texts().slice(0, 5).map((r) => r.slice(0, 2))).toEqual([
      ['Figure', 'Value'], ['Total cost (10k CNY)', '28'], ['Budget (10k CNY)', '30'], ['Revenue (10k CNY)', '215'], ['Input-output ratio', '1:7.7'],
    ]);
    expect(tableWithHeader(doc, 'Month').texts()).toEqual([
      ['Month', 'Target', 'Actual', 'Achievement', 'Status'],
      ['2023-07', '15', '12', '80%', 'Missed'], ['2023-08', '18', '14', '77.8%', 'Missed'], ['2023-09', '17', '19', '111.8%', 'Met'],
      ['Total', '50', '45', '90%', ''],
    ]);
    expect(tableWithHeader(doc, 'Module').texts().slice(1).map((r) => [r[0], r[4], r[5]])).toEqual([
      ['Strategy effectiveness', 'Li*', '2023-08-15'], ['Teamwork', 'Zhang, Zhao', '2023-08-20'], ['Resource use', 'Wang*', '2023-09-01'],
    ]);

    // Input and output: each channel's funnel and the plan against the result (哪些策略有效), one table each.
    const withSecond = (second: string): string[][] => tables(doc).find((t) => t.rows[0]?.cells[1]?.text === second)!.texts();
    expect(withSecond('Visits')[3]).toEqual(['Partner referrals', '68', '114', '167.6%', '14', '12.3%', '67', '3', '0.21', '1:22.3']);
    expect(withSecond('Budget (10k CNY)').slice(1).map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      ['Trade shows', '10', '10', '100%'], ['Online platforms', '8', '8', '100%'], ['Partner referrals', '5', '3', '60%'],
    ]);
    expect(doc.body.plainText()).toContain('Lowest acquisition cost: Partner referrals (0.21 (10k CNY) per new customer); highest: Online platforms (0.62 (10k CNY)).');
    // Execution: each owner's targets, open and overdue tasks and last check-in.
    expect(withSecond('Metric').filter((r) => r[0] === 'Wang*')).toEqual([
      ['Wang*', 'New customers (team target)', '50', '45', '50', '90%', 'Missed', '1', '1', 'numbers for the week of 2023-09-25'],
      ['Wang*', 'Customer visits (team target)', '200', '220', '200', '110%', 'Met', '', '', ''],
    ]);

    const images = doc.body.images();
    expect(images).toHaveLength(4);
    for (const image of images) expect(image.blob.data.subarray(1, 4).toString('latin1')).toBe('PNG');
    // Each chart carries its words through the Charts service: title, axis titles, one legend entry per series.
    const charts = emulator.services.Charts.built;
    expect(charts.map((c) => c.options.title)).toEqual([
      'Target vs actual per metric', 'New customers by month vs monthly target', 'New customers: cumulative actual vs expected pace',
      'Costs by channel and acquisition cost per new customer',
    ]);
    expect(charts.map((c) => [c.options.xAxisTitle, c.options.yAxisTitle, c.options.legendPosition])).toEqual([
      ['Metric', 'Achievement (% of target)', 'BOTTOM'], ['Month', 'New customers (customers)', 'BOTTOM'],
      ['Week starting', 'New customers, cumulative (customers)', 'BOTTOM'], ['Channel', 'Cost (10k CNY)', 'BOTTOM'],
    ]);
    expect(charts.map((c) => c.options.data!.columns.slice(1).map((col) => col.label))).toEqual([
      ['Target', 'Actual: met', 'Actual: missed'], ['Target', 'Actual: met', 'Actual: missed'],
      ['Expected by then', 'Actual to date'], ['Cost', 'Acquisition cost per new customer'],
    ]);
    expect(charts[3]!.options.advanced.vAxes).toEqual({ 0: { title: 'Cost (10k CNY)' }, 1: { title: 'Acquisition cost per new customer (10k CNY)' } });
    // A4 portrait with margins, the report's name in the header.
    expect(doc.body.page).toEqual(expect.objectContaining({ width: 595.28, height: 841.89 }));
    expect(doc.header?.plainText()).toBe('2023 Q3 East China — Market expansion evaluation report');

    const log = logRows(emulator, 'Log');
    // A PDF copy is saved next to the Doc (drive.file), linked from the Log row and the dialog.
    expect(log.at(-1)?.slice(0, 3).slice(1)).toEqual(['Generate report', 'director@example.com']);
    const pdfLink = /\(PDF: (https:\/\/\S+)\)$/.exec(String(log.at(-1)?.[3]))?.[1] ?? '';
    expect(String(log.at(-1)?.[3])).toBe(`${doc.name} — ${doc.url} (PDF: ${pdfLink})`);
    expect(pdfLink).toMatch(/^https:\/\/drive\.google\.com\/file\/d\/[\w-]+\/view$/);
    expect(emulator.ui.dialogs.at(-1)!.html).toContain(`<a href="${pdfLink}" target="_blank" rel="noopener">PDF</a>`);
    expect(emulator.ui.dialogs.at(-1)!.html).toContain(`A PDF copy is saved next to it: ${doc.name}.pdf.`);
    const dialog = emulator.ui.dialogs.at(-1)!;
    expect(dialog.title).toBe('Report ready');
    expect(dialog.html).toContain(`<a href="${doc.url}" target="_blank" rel="noopener">2023 Q3 East China — Market expansion evaluation report</a>`);

    // The emulator exports the Doc as .docx with the same content.
    const path = join(mkdtempSync(join(tmpdir(), 'report-')), 'report.docx');
    await exportDocumentDocx(doc, path);
    const entries = await unzip(readFileSync(path));
    const texts = docxTexts(entries.get('word/document.xml')!.toString('utf8'));
    expect(texts).toEqual(expect.arrayContaining(['Result metrics', '90%', '107.5%', '1:7.7', 'Zhang, Zhao']));
    expect([...entries.keys()].filter((k) => k.startsWith('word/media/'))).toHaveLength(4);
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

  it('keeps reports in a folder it creates itself (drive.file reaches nothing else) and shows it in Settings', () => {
    const emulator = exampleEmulator();
    emulator.call('menuGenerateReport');
    const folderId = emulator.properties.document.get('drive.reportFolder')!;
    const folder = emulator.drive.items.get(folderId)!;
    expect(folder).toMatchObject({ name: 'Market expansion reports — Market Expansion Tracker', isFolder: true, parents: [emulator.drive.rootId] });
    expect(emulator.documents[0]!.folderId).toBe(folderId);
    expect(emulator.ui.dialogs.at(-1)!.html).toContain(
      `Reports are kept in the folder &quot;Market expansion reports — Market Expansion Tracker&quot;, which the tracker created in your Drive: https://drive.google.com/drive/folders/${folderId}`,
    );
    const settings = logRows(emulator, 'Settings');
    expect(settings.find((r) => r[0] === 'Report folder')?.[1]).toBe(`https://drive.google.com/drive/folders/${folderId}`);
    // The next report goes to the same folder, without a note.
    emulator.call('menuGenerateReport');
    expect(emulator.documents[1]!.folderId).toBe(folderId);
    expect(emulator.ui.dialogs.at(-1)!.html).not.toContain('Reports are kept');
  });

  it('a folder typed into Settings that the tracker did not create is out of reach: the report goes to its own folder and the note says why', () => {
    const emulator = exampleEmulator();
    const theirs = emulator.drive.addFolder('Team reports', undefined, false);
    setSetting(emulator, 'Settings', 'Report folder', `https://drive.google.com/drive/folders/${theirs.id}?usp=sharing`);
    emulator.call('menuGenerateReport');
    const doc = emulator.documents[0]!;
    expect(doc.trashed).toBe(false);
    expect(doc.folderId).toBe(emulator.properties.document.get('drive.reportFolder'));
    expect(emulator.ui.dialogs.at(-1)!.html).toContain(
      `is not one the tracker can save into (GoogleJsonResponseException: API call to drive.files.get failed with error: File not found: ${theirs.id}.): it may only use folders it created itself`,
    );
    // What the person typed stays.
    expect(logRows(emulator, 'Settings').find((r) => r[0] === 'Report folder')?.[1]).toContain(theirs.id);
  });

  it('writes the report in Chinese for a Chinese sheet', () => {
    const emulator = exampleEmulator('zh_CN');
    emulator.call('onOpen');
    expect(emulator.ui.menuItem('市场拓展', '生成 2023 Q3 评估报告')).toBe('menuGenerateReport');
    emulator.call('menuGenerateReport');
    const doc = emulator.documents[0]!;
    expect(doc.name).toBe('2023 Q3 华东区域 — 市场拓展效果评估报告');
    expect(heading1(doc)).toEqual(['总体概述', '结果指标', '过程指标', '客户反馈', '投入产出评估', '目标达成率分析', '图表', '趋势与对比', '执行情况汇总', '资源协调与上报', '亮点、问题与优化建议', '结论与下一周期建议', '数据质量说明']);
    expect(tableWithHeader(doc, '核心指标').texts()[1]).toEqual(['新增客户数（家）', '50', '45', '90%', '未达成', '受竞品8月促销活动影响，5家客户延迟签约']);
    expect(doc.body.images()).toHaveLength(4);
    expect(emulator.ui.dialogs.at(-1)!.title).toBe('报告已生成');
    expect(logRows(emulator, '日志').at(-1)?.[1]).toBe('生成评估报告');
    emulator.call('menuGenerateReport');
    expect(emulator.documents[1]!.name).toBe('2023 Q3 华东区域 — 市场拓展效果评估报告 v2');
  });

  it('a spreadsheet with none of the tracker tabs gets no document, but a pointer to Set up or repair sheets', () => {
    const emulator = bundleEmulator();
    emulator.call('menuGenerateReport');
    expect(emulator.documents).toHaveLength(0);
    expect(emulator.properties.document.size).toBe(0);
    expect(emulator.ui.dialogs).toHaveLength(0);
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe(
      "This spreadsheet has none of the tracker's tabs yet, so there is nothing to report and no document was created. " +
        'Run Market expansion → Set up or repair sheets first, then fill in the tabs (or run Load example data to try it out).',
    );
    const zh = bundleEmulator({ locale: 'zh_CN' });
    zh.call('menuGenerateReport');
    expect(zh.documents).toHaveLength(0);
    expect(zh.ui.alerts.at(-1)?.prompt).toBe(
      '此表格还没有跟踪表的任何工作表，无法生成报告，未创建文档。请先运行“市场拓展 → 创建或修复工作表”，再填写各工作表（或运行“载入示例数据”试用）。',
    );
  });

  it('missing or empty tabs: the report still comes out saying which sections have no data', () => {
    const emulator = exampleEmulator();
    for (const name of ['Costs', 'Retrospective']) emulator.spreadsheet.deleteSheet(emulator.spreadsheet.getSheetByName(name)!);
    emulator.call('menuGenerateReport');
    const doc = emulator.documents[0]!;
    expect(doc.trashed).toBe(false);
    expect(heading1(doc)).toHaveLength(13);
    const text = doc.body.plainText();
    expect(text).toContain('No data: the Retrospective tab is missing.');
    expect(text).toContain('No data: the Costs tab is missing.');
    expect(text).toContain('Sections without data: Customer feedback, Trends and comparison, Highlights, problems and improvement suggestions.');
    expect(doc.body.images()).toHaveLength(3);
  });
});

describe('Generate report: the data-quality notes are Check data\'s one list', () => {
  it('a value typed over a template formula is in the report\'s notes as Check data shows it', () => {
    const emulator = exampleEmulator();
    emulator.spreadsheet.getSheetByName('Evaluation')!.getRange('G2').setValue(0.95);
    emulator.call('menuCheckData');
    expect(emulator.ui.dialogs.at(-1)!.html).toContain('G2 holds the typed value &quot;0.95&quot; where the Achievement formula belongs');
    emulator.call('menuGenerateReport');
    const quality = tableWithHeader(emulator.documents[0]!, 'Tab', 0).texts();
    expect(quality.some((row) => row[0] === 'Evaluation' && row[1] === '2' && row[2]!.includes('G2 holds the typed value "0.95" where the Achievement formula belongs'))).toBe(true);
  });
});

describe('Generate report: what happens after the Doc is saved', () => {
  const NAME = '2023 Q3 East China — Market expansion evaluation report';
  const PROTECTED = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

  it('a protected Log tab: the person still gets the link, and a note that the Log row is missing; the next run is v2', () => {
    const emulator = exampleEmulator();
    const logLength = logRows(emulator, 'Log').length;
    const alerts = emulator.ui.alerts.length;
    // After reading, the only sheet write of a report run is its Log row.
    emulator.faults.failOn('Range.setValues', { message: PROTECTED, times: 1 });
    emulator.call('menuGenerateReport');
    const doc = emulator.documents[0]!;
    expect([doc.name, doc.trashed, doc.saved]).toEqual([NAME, false, true]);
    expect(emulator.ui.alerts).toHaveLength(alerts);
    const dialog = emulator.ui.dialogs.at(-1)!;
    expect(dialog.title).toBe('Report ready');
    expect(dialog.html).toContain(`<a href="${doc.url}" target="_blank" rel="noopener">${NAME}</a>`);
    expect(dialog.html).toContain(
      `<p>The report could not be recorded in the Log tab (${PROTECTED}); keep the link above. ` +
        'If the Log tab is protected, let yourself edit it (Data → Protect sheets and ranges).</p>',
    );
    expect(logRows(emulator, 'Log')).toHaveLength(logLength);
    emulator.call('menuGenerateReport');
    expect(emulator.documents.map((d) => d.name)).toEqual([NAME, `${NAME} v2`]);
  });

  it('says the same in Chinese', () => {
    const emulator = exampleEmulator('zh_CN');
    emulator.faults.failOn('Range.setValues', { message: 'protected', times: 1 });
    emulator.call('menuGenerateReport');
    expect(emulator.documents[0]!.trashed).toBe(false);
    expect(emulator.ui.dialogs.at(-1)!.html).toContain(
      '<p>报告未能记入“日志”工作表（protected）；请保存上面的链接。如“日志”工作表受保护，请在“数据 → 保护工作表和范围”中允许自己编辑。</p>',
    );
  });

  it('the version number cannot be recorded: no document is made (so no name can repeat), and the person is told why', () => {
    const emulator = exampleEmulator();
    emulator.call('menuGenerateReport');
    emulator.faults.failOn('Properties.setProperty', { times: 1, message: 'Properties quota exceeded' });
    emulator.call('menuGenerateReport');
    expect(emulator.documents.map((d) => d.name)).toEqual([NAME]);
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe(
      'The report was not made: its version number could not be recorded (Properties quota exceeded), and without it a later report could take the same name. ' +
        'No document was created. Try again in a few minutes.',
    );
    expect(logRows(emulator, 'Log').at(-1)?.slice(1)).toEqual([
      'Generate report failed', 'director@example.com', 'recording the version number: Properties quota exceeded',
    ]);
    emulator.call('menuGenerateReport');
    expect(emulator.documents.map((d) => [d.name, d.trashed])).toEqual([[NAME, false], [`${NAME} v2`, false]]);

    const zh = exampleEmulator('zh_CN');
    zh.faults.failOn('Properties.setProperty', { times: 1, message: 'quota' });
    zh.call('menuGenerateReport');
    expect(zh.documents).toHaveLength(0);
    expect(zh.ui.alerts.at(-1)?.prompt).toBe('报告未生成：无法记录报告版本号（quota），否则之后的报告可能重名。未创建任何文档。请几分钟后重试。');
  });

  it('names never repeat: a failed run whose version cannot be given back makes the retry skip a number', () => {
    const emulator = exampleEmulator();
    emulator.faults.failOn('Body.appendTable', { after: 2, times: 1 });
    // The first setProperty reserves v1, the second records the report folder; the third (giving v1 back) fails.
    emulator.faults.failOn('Properties.setProperty', { after: 2, times: 1 });
    emulator.call('menuGenerateReport');
    expect(emulator.documents[0]!.trashed).toBe(true);
    emulator.call('menuGenerateReport');
    emulator.call('menuGenerateReport');
    const live = emulator.documents.filter((d) => !d.trashed).map((d) => d.name);
    expect(live).toEqual([`${NAME} v2`, `${NAME} v3`]);
  });

  it('the dialog cannot be shown: an alert still gives the link', () => {
    const emulator = exampleEmulator();
    emulator.faults.failOn('Ui.showModalDialog', { times: 1 });
    emulator.call('menuGenerateReport');
    const doc = emulator.documents[0]!;
    expect(doc.trashed).toBe(false);
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe(
      `The report is ready: ${NAME}\n${doc.url}\n\nReports are kept in the folder "Market expansion reports — Market Expansion Tracker", which the tracker created in your Drive: ` +
        `https://drive.google.com/drive/folders/${doc.folderId}\n\nA PDF copy is saved next to it: ${NAME}.pdf.\n\nData problems listed under Data-quality notes: 1.`,
    );
    expect(logRows(emulator, 'Log').at(-1)?.[1]).toBe('Generate report');
  });
});

describe('Generate report: charts and document calls', () => {
  it('draws a month without Weekly log rows as missing (null), not as 0', () => {
    const emulator = exampleEmulator();
    const weekly = emulator.spreadsheet.getSheetByName('Weekly log')!;
    const weeks = weekly.getRange(2, 1, weekly.getLastRow() - 1, 1).getDisplayValues().map((r) => String(r[0]));
    const first = weeks.findIndex((w) => w.startsWith('2023-09'));
    expect(first).toBeGreaterThan(0);
    weekly.deleteRows(first + 2, weeks.length - first);
    const rows: unknown[][] = [];
    const addRow = EmuDataTableBuilder.prototype.addRow;
    const spy = jest.spyOn(EmuDataTableBuilder.prototype, 'addRow').mockImplementation(function (this: EmuDataTableBuilder, values: unknown[]) {
      rows.push([...values]);
      return addRow.call(this, values);
    });
    try {
      emulator.call('menuGenerateReport');
    } finally {
      spy.mockRestore();
    }
    const monthly = emulator.services.Charts.built.find((c) => c.options.title === 'New customers by month vs monthly target')!;
    // One series per status the months show (July and August are over and missed); September has no bar at all.
    expect(monthly.options.data!.columns.map((c) => c.label)).toEqual(['Month', 'Target', 'Actual: missed']);
    expect(monthly.options.data!.rows).toEqual([['2023-07', 15, 12], ['2023-08', 18, 14], ['2023-09', 17, null]]);
    expect(rows.length).toBeGreaterThan(3);
    const doc = emulator.documents[0]!;
    expect(doc.trashed).toBe(false);
    expect(tableWithHeader(doc, 'Month').texts()[3]).toEqual(['2023-09', '17', '—', '—', 'No data']);
    expect(doc.body.plainText()).toContain('No bar for 2023-09: the Weekly log has no rows in these months yet.');
  });

  it('with 200 metrics the chart holds 20 of them and each header row takes one attribute map', () => {
    const emulator = exampleEmulator();
    const sheet = emulator.spreadsheet.getSheetByName('Evaluation')!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map(String);
    const plain = header.indexOf('Actual') + 1;
    sheet.getRange(2, 1, sheet.getLastRow() - 1, plain).clearContent();
    const rows = Array.from({ length: 200 }, (_, i) => header.slice(0, plain).map((h) => (
      { Dimension: 'Result', Metric: `Metric ${i + 1}`, Unit: 'units', Direction: 'Higher', Target: 100, Actual: 50 + (i % 100) } as Record<string, unknown>
    )[h] ?? ''));
    if (sheet.getMaxRows() < 201) sheet.insertRowsAfter(sheet.getMaxRows(), 201 - sheet.getMaxRows());
    sheet.getRange(2, 1, 200, plain).setValues(rows);
    emulator.calls.reset();
    emulator.call('menuGenerateReport');
    const doc = emulator.documents[0]!;
    expect(doc.trashed).toBe(false);
    const calls = emulator.calls.snapshot();
    // 20 metric rows in the first chart, 3 months in the second, 3 channels in the costs chart (no pacing: these metrics are not cumulative).
    expect(calls['DataTableBuilder.addRow']).toBe(26);
    const headerRows = tables(doc).filter((t) => t.rows[0]!.cells.every((c) => c.bold && c.backgroundColor === '#e8eaed')).length;
    expect(headerRows).toBeGreaterThan(5);
    expect(calls['TableRow.setAttributes']).toBe(headerRows);
    expect(calls['TableCell.setAttributes'] ?? 0).toBe(0);
    // A cell background only where a status needs it: one per status cell of the metric tables, none per figure.
    expect(calls['Paragraph.setAlignment'] ?? 0).toBeLessThanOrEqual(2);
    expect(calls['TableCell.setBackgroundColor']).toBeLessThan(2 * 200 + 20);
    expect(calls['Text.setBold'] ?? 0).toBe(0);
    expect(doc.body.plainText()).toContain('The chart shows the 20 metrics furthest from their target, of 200; every metric is in the tables above.');
  });
});
