/**
 * The form's other documents from the menu, on the built bundle in the emulator: the strategy plan, the weekly
 * tracking sheet and the playbook manual — each a Doc in the report folder with a PDF beside it, versioned,
 * linked from Log, trashed when a fault stops it midway, in both languages.
 */
import { Emulator, EmuDocument, EmuTable } from '../../src/node/emulator';
import { exampleEmulator } from './harness';

const heading1 = (doc: EmuDocument): string[] => doc.body.outline().filter((l) => l.startsWith('HEADING1: ')).map((l) => l.slice(10));
const tables = (doc: EmuDocument): EmuTable[] => doc.body.children.filter((c): c is EmuTable => c instanceof EmuTable);
const tableWithHeader = (doc: EmuDocument, first: string): string[][] => {
  const found = tables(doc).find((t) => t.rows[0]?.cells[0]?.text === first);
  if (!found) throw new Error(`no table starting with ${first}`);
  return found.texts();
};

function logRows(emulator: Emulator, name: string): unknown[][] {
  const sheet = emulator.spreadsheet.getSheetByName(name)!;
  return sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
}

const live = (emulator: Emulator): string[] => emulator.documents.filter((d) => !d.trashed).map((d) => d.name);

describe('Generate strategy plan (menu)', () => {
  it('makes the plan Doc in the report folder, with the 15 / 18 / 17 breakdown, a PDF, a Log link, and v2 on a second run', () => {
    const emulator = exampleEmulator();
    emulator.fireOnOpen();
    expect(emulator.ui.menuItem('Market expansion', 'Generate 2023 Q3 strategy plan')).toBe('menuGeneratePlan');
    emulator.runMenuFunction('menuGeneratePlan');
    const doc = emulator.documents[0]!;
    expect([doc.name, doc.trashed, doc.saved]).toEqual(['2023 Q3 East China — Market expansion strategy plan', false, true]);
    expect(heading1(doc)).toEqual(['Overview', 'Targets and their breakdown', 'Strategy by channel', 'Lessons carried from the previous cycle', 'Plan review']);
    expect(tableWithHeader(doc, 'Month')).toEqual([
      ['Month', 'Target', 'Owner', 'Share of the cycle'],
      ['2023-07', '15', 'Wang*', '30%'], ['2023-08', '18', 'Wang*', '36%'], ['2023-09', '17', 'Wang*', '34%'], ['Total', '50', 'Wang*', '100%'],
    ]);
    expect(tableWithHeader(doc, 'Channel').map((r) => [r[0], r[2]])).toEqual([
      ['Channel', 'Budget (10k CNY)'], ['Trade shows', '10'], ['Online platforms', '8'], ['Partner referrals', '5'], ['Total', '23'],
    ]);
    expect(doc.folderId).toBe(emulator.properties.document.get('drive.reportFolder'));
    const pdf = [...emulator.drive.items.values()].find((f) => f.name === `${doc.name}.pdf`);
    expect(pdf?.parents).toEqual([doc.folderId]);
    const log = logRows(emulator, 'Log').slice(1);
    expect(log.some((r) => r[1] === 'Generate strategy plan' && String(r[3]).startsWith(`${doc.name} — ${doc.url}`))).toBe(true);
    expect(emulator.ui.dialogs.at(-1)!.title).toBe('Strategy plan ready');

    emulator.runMenuFunction('menuGeneratePlan');
    expect(live(emulator)).toEqual(['2023 Q3 East China — Market expansion strategy plan', '2023 Q3 East China — Market expansion strategy plan v2']);
    // The plan has its own version counter: the first evaluation report is not "v3".
    emulator.runMenuFunction('menuGenerateReport');
    expect(live(emulator).at(-1)).toBe('2023 Q3 East China — Market expansion evaluation report');
  });

  it('after Start next cycle: the Q4 plan carries the Q3 results from the archive, the open actions and the proven practice, and the plan review compares with Q3', () => {
    const emulator = exampleEmulator();
    emulator.clock.set(new Date('2023-10-08T10:00:00+08:00'));
    emulator.ui.respondNextAlert('YES');
    emulator.runMenuFunction('menuStartNextCycle');
    emulator.fireOnOpen();
    expect(emulator.ui.menuItem('Market expansion', 'Generate 2023 Q4 strategy plan')).toBe('menuGeneratePlan');
    emulator.runMenuFunction('menuGeneratePlan');
    const doc = emulator.documents.at(-1)!;
    expect(doc.name).toBe('2023 Q4 East China — Market expansion strategy plan');
    expect(tableWithHeader(doc, 'Month').slice(1, 4).map((r) => r[0])).toEqual(['2023-10', '2023-11', '2023-12']);
    const previous = tableWithHeader(doc, 'Metric').length > 0 ? tables(doc).find((t) => t.rows[0]?.cells[4]?.text === 'Planned now')!.texts() : [];
    expect(previous.slice(1, 3)).toEqual([
      ['New customers', '50', '45', '90%', '50'],
      ['East China revenue', '200', '215', '107.5%', '200'],
    ]);
    const text = doc.body.plainText();
    expect(text).toContain('From the archived tab "Archive 2023 Q3 — Evaluation".');
    expect(text).toContain('Build a lead-to-customer fit scoring model');
    expect(text).toContain('Adopt a CRM to unify follow-up records');
    // 200 against 215 last cycle: below history, with the figure.
    expect(text).toContain('The target 200 for "East China revenue" is 15 (7%) below 2023 Q3\'s actual of 215.');
    // Check data shows the same finding.
    emulator.runMenuFunction('menuCheckData');
    expect(emulator.ui.dialogs.at(-1)!.html).toContain('is 15 (7%) below 2023 Q3&#39;s actual of 215');
  });

  it('a fault midway leaves no half-made plan, gives the version back and says what failed', () => {
    const emulator = exampleEmulator();
    emulator.faults.failOn('Body.appendTable', { after: 2, times: 1 });
    emulator.runMenuFunction('menuGeneratePlan');
    expect(emulator.documents.map((d) => d.trashed)).toEqual([true]);
    expect(emulator.ui.alerts.at(-1)!.prompt).toMatch(/^The strategy plan could not be finished: .* The half-made document was moved to the trash\./);
    emulator.runMenuFunction('menuGeneratePlan');
    expect(live(emulator)).toEqual(['2023 Q3 East China — Market expansion strategy plan']);
  });

  it('in Chinese', () => {
    const emulator = exampleEmulator({ locale: 'zh_CN' });
    emulator.fireOnOpen();
    expect(emulator.ui.menuItem('市场拓展', '生成 2023 Q3 市场拓展策略方案')).toBe('menuGeneratePlan');
    emulator.runMenuFunction('menuGeneratePlan');
    const doc = emulator.documents[0]!;
    expect(doc.name).toBe('2023 Q3 华东区域 — 市场拓展策略方案');
    expect(heading1(doc)).toEqual(['方案概述', '拓展目标与目标拆解', '策略与资源投入', '上一周期的经验与教训', '方案审核']);
    expect(emulator.ui.dialogs.at(-1)!.title).toBe('市场拓展策略方案已生成');
    expect(logRows(emulator, '日志').slice(1).some((r) => r[1] === '生成市场拓展策略方案')).toBe(true);
  });
});

describe('Weekly tracking sheet (menu)', () => {
  it('one document per ISO week: a second run that week is v2 and the first (and its PDF) go to the trash', () => {
    const emulator = exampleEmulator();
    emulator.fireOnOpen();
    expect(emulator.ui.menuItem('Market expansion', 'Weekly tracking sheet')).toBe('menuWeeklySheet');
    emulator.runMenuFunction('menuWeeklySheet');
    const first = emulator.documents[0]!;
    expect(first.name).toBe('2023-W30 East China — Weekly execution tracking sheet');
    expect(heading1(first)).toEqual(['Needs attention', 'Task tracking', 'This week\'s numbers', 'Changes since last week']);
    expect(tableWithHeader(first, 'Stage').map((r) => r[1])).toEqual([
      'Task', 'Follow up new-customer contracts', 'Research East China manufacturing customers', 'Exhibit at the Shanghai trade show',
    ]);
    expect(tableWithHeader(first, 'Stage')[3]!.slice(5)).toEqual(['Lead quality is uneven', 'Add a company-size screening criterion', 'Grade the leads before 15 July (2023-07-15)']);

    emulator.runMenuFunction('menuWeeklySheet');
    expect(live(emulator)).toEqual(['2023-W30 East China — Weekly execution tracking sheet v2']);
    expect(first.trashed).toBe(true);
    const pdfs = [...emulator.drive.items.values()].filter((f) => f.name.endsWith('.pdf'));
    expect(pdfs.map((f) => [f.name, f.trashed])).toEqual([
      ['2023-W30 East China — Weekly execution tracking sheet.pdf', true], ['2023-W30 East China — Weekly execution tracking sheet v2.pdf', false],
    ]);
    expect(emulator.ui.dialogs.at(-1)!.html).toContain('It replaces this week&#39;s earlier version');

    // Next week: a new document, the previous week's stays.
    emulator.clock.set(new Date('2023-08-04T09:00:00+08:00'));
    emulator.runMenuFunction('menuWeeklySheet');
    expect(live(emulator)).toEqual(['2023-W30 East China — Weekly execution tracking sheet v2', '2023-W31 East China — Weekly execution tracking sheet']);
  });

  it('the managers\' summary links this week\'s sheet, or says how to make it', () => {
    const emulator = exampleEmulator();
    emulator.call('menuSendRemindersNow');
    const before = emulator.mail.find((m) => m.to === 'director@example.com')!;
    expect(before.body).toContain('This week\'s tracking sheet for the meeting is not made yet: Market expansion → Weekly tracking sheet makes it.');
    emulator.runMenuFunction('menuWeeklySheet');
    const doc = emulator.documents[0]!;
    // Next Friday's summary, after that week's sheet is made.
    emulator.clock.set(new Date('2023-08-04T08:00:00+08:00'));
    emulator.runMenuFunction('menuWeeklySheet');
    emulator.call('menuSendRemindersNow');
    const after = emulator.mail.filter((m) => m.to === 'director@example.com').at(-1)!;
    const week31 = emulator.documents.at(-1)!;
    expect(week31.name).toBe('2023-W31 East China — Weekly execution tracking sheet');
    expect(after.body).toContain(`This week's tracking sheet for the meeting: ${week31.name}\n${week31.url}`);
    expect(after.body).not.toContain(doc.url);
  });

  it('in Chinese, with the form\'s columns', () => {
    const emulator = exampleEmulator({ locale: 'zh_CN' });
    emulator.fireOnOpen();
    expect(emulator.ui.menuItem('市场拓展', '周度执行跟踪表')).toBe('menuWeeklySheet');
    emulator.runMenuFunction('menuWeeklySheet');
    const doc = emulator.documents[0]!;
    expect(doc.name).toBe('2023-W30 华东区域 — 周度执行跟踪表');
    expect(tableWithHeader(doc, '阶段')[0]).toEqual(['阶段', '任务名称', '责任人', '计划完成时间', '实际完成情况', '遇到问题', '解决措施', '下一步计划']);
  });

  it('a fault midway trashes the half-made sheet and keeps the week\'s earlier version', () => {
    const emulator = exampleEmulator();
    emulator.runMenuFunction('menuWeeklySheet');
    emulator.faults.failOn('Body.appendTable', { after: 1, times: 1 });
    emulator.runMenuFunction('menuWeeklySheet');
    expect(emulator.documents.map((d) => [d.name, d.trashed])).toEqual([
      ['2023-W30 East China — Weekly execution tracking sheet', false], ['2023-W30 East China — Weekly execution tracking sheet v2', true],
    ]);
  });
});

describe('Playbook manual (menu)', () => {
  it('after Start next cycle holds the proven practice with its 20% conversion evidence; each run is a new version', () => {
    const emulator = exampleEmulator();
    emulator.clock.set(new Date('2023-10-08T10:00:00+08:00'));
    emulator.ui.respondNextAlert('YES');
    emulator.runMenuFunction('menuStartNextCycle');
    emulator.fireOnOpen();
    expect(emulator.ui.menuItem('Market expansion', 'Playbook manual')).toBe('menuPlaybookManual');
    emulator.runMenuFunction('menuPlaybookManual');
    emulator.runMenuFunction('menuPlaybookManual');
    expect(live(emulator)).toEqual(['East China — Market expansion playbook', 'East China — Market expansion playbook v2']);
    const text = emulator.documents.at(-1)!.body.plainText();
    expect(text).toContain('Build a lead-to-customer fit scoring model');
    expect(text).toContain('Evidence: Trade shows acquire precisely: 20% conversion');
    expect(text).toContain('Proven in: 2023 Q3 (1 cycle)');
    expect(logRows(emulator, 'Log').slice(1).filter((r) => r[1] === 'Generate playbook manual')).toHaveLength(2);
  });

  it('in Chinese', () => {
    const emulator = exampleEmulator({ locale: 'zh_CN' });
    emulator.clock.set(new Date('2023-10-08T10:00:00+08:00'));
    emulator.ui.respondNextAlert('YES');
    emulator.runMenuFunction('menuStartNextCycle');
    emulator.runMenuFunction('menuPlaybookManual');
    const doc = emulator.documents.at(-1)!;
    expect(doc.name).toBe('华东区域 — 市场拓展操作手册');
    expect(doc.body.plainText()).toContain('依据：行业展会精准获客，转化率达20%');
  });
});
