import { TABS } from '../../src/core/schema';
import { RecordedMenu } from '../../src/node/emulator';
import { bundleEmulator, exampleEmulator, formulaReader, snapshot } from './harness';

const captions = (menu: RecordedMenu): string[] =>
  menu.entries.flatMap((e) => (e.kind === 'item' ? [e.caption] : e.kind === 'submenu' ? [e.menu.caption, ...captions(e.menu)] : []));

const writes = (emulator: ReturnType<typeof bundleEmulator>): number =>
  emulator.calls.writes((key) => !key.startsWith('Ui.') && !key.startsWith('Menu.') && !key.startsWith('HtmlService.') && !key.startsWith('HtmlOutput.'));

function headerRow(emulator: ReturnType<typeof bundleEmulator>, name: string): unknown[] {
  const sheet = emulator.spreadsheet.getSheetByName(name)!;
  return sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!;
}

describe('Set up or repair sheets', () => {
  it('creates every tab with headers, frozen header row, drop-downs, formats and formulas on an empty spreadsheet', () => {
    const emulator = bundleEmulator();
    emulator.call('menuSetupSheets');
    const names = emulator.spreadsheet.getSheets().map((s) => s.getName());
    for (const tab of TABS) expect(names).toContain(tab.name.en);
    const tracking = emulator.spreadsheet.getSheetByName('Tracking')!;
    expect(headerRow(emulator, 'Tracking')).toEqual(TABS.find((t) => t.key === 'tracking')!.columns.map((c) => c.header.en));
    expect(tracking.getFrozenRows()).toBe(1);
    const status = tracking.getRange('E2').getDataValidation();
    expect(status?.getCriteriaValues()[0]).toEqual(['Not started', 'In progress', 'Done', 'Blocked']);
    expect(tracking.getRange('D2').getNumberFormat()).toBe('yyyy-mm-dd');
    const evaluation = emulator.spreadsheet.getSheetByName('Evaluation')!;
    expect(evaluation.getRange('G2').getFormula()).toBe("=ACHIEVEMENT_RATE(F2:F1000, E2:E1000, D2:D1000, C2:C1000, B2:B1000, 'Settings'!$B$8)");
    expect(evaluation.getRange('H2').getFormula()).toContain('ARRAYFORMULA');
    expect(evaluation.getConditionalFormatRules().length).toBe(7); // one colour per status word
    const costs = emulator.spreadsheet.getSheetByName('Costs')!;
    expect(costs.getRange('F1').getValue()).toBe('Total cost');
    expect(costs.getRange('G3').getFormula()).toBe('=ROI(G2, G1)');
    expect(emulator.ui.alerts.at(-1)?.prompt ?? '').toMatch(/set up/i);
  });

  it('changes nothing on a second run', () => {
    const emulator = bundleEmulator();
    emulator.call('menuSetupSheets');
    const before = snapshot(emulator);
    emulator.calls.reset();
    emulator.call('menuSetupSheets');
    expect(writes(emulator)).toBe(0);
    expect(snapshot(emulator)).toEqual(before);
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe('Everything is already set up; nothing was changed.');
  });

  it('sets up in Chinese when the spreadsheet locale is Chinese', () => {
    const emulator = bundleEmulator({ locale: 'zh_CN' });
    emulator.call('menuSetupSheets');
    expect(emulator.spreadsheet.getSheetByName('执行跟踪')).not.toBeNull();
    expect(headerRow(emulator, '效果评估').slice(0, 3)).toEqual(['评估维度', '核心指标', '单位']);
    emulator.call('menuLanguageAuto');
    const settings = emulator.spreadsheet.getSheetByName('设置')!;
    const language = settings.getRange(1, 1, settings.getLastRow(), 2).getValues().find((r) => r[0] === '语言')!;
    expect(language[1]).toBe('自动');
    const log = emulator.spreadsheet.getSheetByName('日志')!;
    expect(log.getRange(log.getLastRow(), 2, 1, 3).getValues()[0]).toEqual(['语言', 'director@example.com', '自动']);
  });

  it('keeps reordered, respelt, other-language and added columns, and every typed value', () => {
    const emulator = bundleEmulator();
    const sheet = emulator.spreadsheet.insertSheet('Tracking');
    const typed = [
      ['  owner ', '任务名称', 'Region note', 'STATUS', 'Planned Date'],
      ['王*', '新增客户签约跟进', 'Shanghai', 'In progress', '2023-07-31'],
      ['李*', 'Exhibit at the Shanghai trade show', 'Hangzhou', 'Done', '2023-07-10-12'],
    ];
    sheet.getRange(1, 1, typed.length, typed[0]!.length).setValues(typed);
    // As typed into Sheets: '2023-07-31' is a date (USER_ENTERED), '2023-07-10-12' stays text.
    const stored = sheet.getRange(1, 1, 3, 5).getValues();
    expect(stored[1]![4]).toEqual(new Date('2023-07-31T00:00:00+08:00'));
    expect(stored[2]![4]).toBe('2023-07-10-12');
    emulator.call('menuSetupSheets');
    const after = sheet.getRange(1, 1, 3, 5).getValues();
    // Data rows untouched; headers respelt exactly (language kept), the team's own column kept in place.
    expect(after.slice(1)).toEqual(stored.slice(1));
    expect(after[0]).toEqual(['Owner', '任务名称', 'Region note', 'Status', 'Planned date']);
    const header = headerRow(emulator, 'Tracking');
    expect(header.slice(5)).toEqual(['Stage', 'Progress', 'Problem', 'Solution', 'Next step', 'Next step due', 'Frequency', 'Updated', 'Needs help', 'Help asked for', 'Flagged on', 'Decision']);
    emulator.calls.reset();
    emulator.call('menuSetupSheets');
    expect(writes(emulator)).toBe(0);
  });

  it('loads the example, and the template formulas compute the seed figures', () => {
    const emulator = exampleEmulator();
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe('Example data (East China, 2023 Q3) loaded.');
    const reader = formulaReader(emulator);
    const rates = reader.values('Evaluation', 'G2:G7').map((r) => r[0]);
    expect(rates[0]).toBeCloseTo(0.9, 10);
    expect(rates[1]).toBeCloseTo(1.075, 10);
    expect(rates[2]).toBeCloseTo(1.1, 10);
    expect(rates[3]).toBeCloseTo(0.8, 10);
    expect(rates[4]).toBeCloseTo(30 / 28, 10);
    // On 2023-07-28 (day 28 of 92) the totals typed as the cycle's are ahead of what is expected by today; a rate
    // (conversion, 80%) is compared as it stands; the cost of 28 is far over the budget expected by today (9.1).
    expect(reader.values('Evaluation', 'H2:H7').map((r) => r[0])).toEqual(['On track', 'On track', 'On track', 'At risk', 'Off track', 'On track']);
    expect(emulator.spreadsheet.getSheetByName('Costs')!.getRange('G1').getFormula()).toBe("=IF(SUM_AMOUNTS(C:C, 'Settings'!$B$8, 1)=\"\", SUM_AMOUNTS('Weekly log'!H:H, 'Settings'!$B$8, 1), SUM_AMOUNTS(C:C, 'Settings'!$B$8, 1))");
    expect(reader.value('Costs', 'G1')).toBe(28);
    expect(reader.value('Costs', 'G2')).toBe(215);
    expect(reader.value('Costs', 'G3')).toBeCloseTo(215 / 28, 10);
    expect(reader.value('Costs', 'G4')).toBe('1:7.7');
    expect(reader.value('Costs', 'G5')).toBeCloseTo((215 - 28) / 28, 10);
    expect(reader.errors()).toEqual([]);
  });

  it('a second run restores template formulas a person typed over, quoting the typed values in its message and the Log', () => {
    const emulator = exampleEmulator();
    const ss = emulator.spreadsheet;
    const evaluation = ss.getSheetByName('Evaluation')!;
    const costs = ss.getSheetByName('Costs')!;
    const achievement = evaluation.getRange('G2').getFormula();
    const total = costs.getRange('G1').getFormula();
    // Someone pastes figures over the formulas (as the report used to be typed by hand).
    evaluation.getRange('G2').setValue(0.95);
    costs.getRange('G1').setValue(30);
    // Check data names both cells, the typed values and the fix.
    emulator.call('menuCheckData');
    const html = emulator.ui.dialogs.at(-1)!.html;
    expect(html).toContain('G2 holds the typed value &quot;0.95&quot; where the Achievement formula belongs, so this figure is not computed.');
    expect(html).toContain('G1 holds the typed value &quot;30&quot; where the Total cost formula belongs');
    expect(html).toContain('Run menu → Set up or repair sheets: it puts the formula back and keeps the typed value in the Log.');
    emulator.call('menuSetupSheets');
    expect(evaluation.getRange('G2').getFormula()).toBe(achievement);
    expect(costs.getRange('G1').getFormula()).toBe(total);
    const told = emulator.ui.alerts.at(-1)!.prompt;
    expect(told).toContain('"Evaluation": restored the Achievement formula in G2 (the value typed over it was "0.95", kept in this Log entry)');
    expect(told).toContain('"Costs": restored the Total cost formula in G1 (the value typed over it was "30", kept in this Log entry)');
    const log = ss.getSheetByName('Log')!;
    const detail = String(log.getRange(log.getLastRow(), 4).getValue());
    expect(detail).toContain('the value typed over it was "0.95"');
    expect(detail).toContain('the value typed over it was "30"');
    // The figures are the formulas' again: 90% and 28.
    const reader = formulaReader(emulator);
    expect(reader.value('Evaluation', 'G2')).toBeCloseTo(0.9, 10);
    expect(reader.value('Costs', 'G1')).toBe(28);
    // And a third run finds nothing to do; Check data no longer lists them.
    emulator.call('menuSetupSheets');
    expect(emulator.ui.alerts.at(-1)!.prompt).not.toContain('restored');
    emulator.call('menuCheckData');
    expect(emulator.ui.dialogs.at(-1)!.html).not.toContain('where the');
  });

  it('counts cost rows added below the original grid in the totals', () => {
    const emulator = exampleEmulator();
    const costs = emulator.spreadsheet.getSheetByName('Costs')!;
    costs.insertRowsAfter(costs.getMaxRows(), 10);
    costs.getRange(costs.getMaxRows(), 1, 1, 3).setValues([['Other', 'Gifts', 2]]);
    const reader = formulaReader(emulator);
    expect(reader.value('Costs', 'G1')).toBe(30);
    expect(reader.value('Costs', 'G4')).toBe('1:7.2');
  });

  it('refuses to load the example over data a person typed', () => {
    const emulator = bundleEmulator();
    emulator.call('menuSetupSheets');
    emulator.spreadsheet.getSheetByName('Team')!.getRange('A2').setValue('Chen');
    emulator.call('menuLoadExample');
    expect(emulator.ui.alerts.at(-1)?.prompt).toMatch(/not loaded.*Team/);
    expect(emulator.spreadsheet.getSheetByName('Team')!.getLastRow()).toBe(2);
  });

  it('keeps a typed formula-looking or script text inert', () => {
    const emulator = exampleEmulator();
    const tracking = emulator.spreadsheet.getSheetByName('Tracking')!;
    tracking.getRange('B5:C5').setValues([['\'=HYPERLINK("http://x","y")', '<script>alert(1)</script>']]);
    emulator.call('menuCheckData');
    const html = emulator.ui.dialogs.at(-1)!.html;
    expect(html).not.toContain('<script>alert(1)</script>');
    // The owner cell is split at "/" into two names; both are shown escaped.
    expect(html).toContain('Owner &quot;&lt;script&gt;alert(1)&lt;&quot; is not in Team.');
    expect(tracking.getRange('B5').getFormula()).toBe('');
  });
});

describe('Check data in the sheet', () => {
  it('finds nothing on the clean example, and each planted problem with its tab, row and value', () => {
    const emulator = exampleEmulator();
    emulator.call('menuCheckData');
    expect(emulator.ui.dialogs.at(-1)!.html).toContain('No problems found.');
    const goals = emulator.spreadsheet.getSheetByName('Goals')!;
    goals.getRange('C4').setValue(20); // August target: 15 + 20 + 17 ≠ 50
    const team = emulator.spreadsheet.getSheetByName('Team')!;
    team.getRange('B3').setValue('li-at-example');
    const weekly = emulator.spreadsheet.getSheetByName('Weekly log')!;
    weekly.getRange('G2').setValue('a lot');
    emulator.call('menuCheckData');
    const html = emulator.ui.dialogs.at(-1)!.html;
    expect(html).toContain('3 problems found.');
    expect(html).toContain('Monthly targets for &quot;New customers&quot; add up to 52, but the cycle target is 50.');
    expect(html).toContain('&quot;li-at-example&quot; is not an email address.');
    expect(html).toContain('&quot;a lot&quot; is not a number');
    const log = emulator.spreadsheet.getSheetByName('Log')!;
    expect(log.getRange(log.getLastRow(), 4).getValue()).toBe('3 problems found.');
  });
});

describe('On-edit stamp on a row a person empties', () => {
  it('clears the stamp instead of leaving a half-filled row behind', () => {
    const emulator = exampleEmulator();
    const tracking = emulator.spreadsheet.getSheetByName('Tracking')!;
    const cell = tracking.getRange('F4');
    cell.setValue('13 signed');
    emulator.fireOnEdit(cell, '12 signed (target 15)');
    expect(tracking.getRange('L4').getValue()).toBeInstanceOf(Date);
    const row = tracking.getRange('A4:K4');
    row.setValues([new Array(11).fill('')]);
    emulator.fireOnEdit(row);
    expect(tracking.getRange('L4').getValue()).toBe('');
    emulator.call('menuCheckData');
    expect(emulator.ui.dialogs.at(-1)!.html).toContain('No problems found.');
  });
});

describe('Goals progress', () => {
  it('is brought up to date when the sheet opens, and a second open writes nothing', () => {
    const emulator = exampleEmulator();
    emulator.fireOnOpen();
    const goals = emulator.spreadsheet.getSheetByName('Goals')!;
    expect(goals.getRange('F1:K1').getValues()[0]).toEqual(['Actual to date', 'Expected by today', 'Progress vs expected', 'Status vs expected', 'Run-rate projection', 'Needed per week']);
    expect(goals.getRange('F2:K2').getValues()[0]).toEqual([10, 13.55, 10 / (15 * 28 / 31), 'Off track', 32.86, 4.38]);
    expect(goals.getRange('H2').getNumberFormat()).toBe('0.0%');
    expect(goals.getRange('I2').getDataValidation()).toBeNull();
    emulator.calls.reset();
    emulator.fireOnOpen();
    expect(writes(emulator)).toBe(0);
    emulator.clock.set(new Date('2023-08-16T09:00:00+08:00'));
    emulator.call('menuCheckData');
    expect(goals.getRange('G2').getValue()).toBe(Math.round((15 + 18 * 16 / 31) * 100) / 100);
  });
});

describe('Check data with a protected tab', () => {
  it('still shows the list, and says what it could not update', () => {
    const emulator = exampleEmulator();
    emulator.faults.failOn('Range.setValues', { times: 4, message: 'You are trying to edit a protected cell or object.' });
    emulator.call('menuCheckData');
    const html = emulator.ui.dialogs.at(-1)!.html;
    expect(html).toContain('No problems found.');
    expect(html).toContain('The Goals progress columns could not be updated: You are trying to edit a protected cell or object.');
    expect(html).toContain('The Roll-up data tab (for a director&#39;s roll-up) could not be updated: You are trying to edit a protected cell or object.');
    expect(html).toContain('Today&#39;s snapshot could not be added to the progress history: You are trying to edit a protected cell or object.');
    expect(html).toContain('This check could not be written to Log: You are trying to edit a protected cell or object.');
    emulator.faults.clear();
    emulator.faults.failOn('Range.setValues', { times: 1, message: 'You are trying to edit a protected cell or object.' });
    emulator.fireOnOpen();
    expect(emulator.ui.menus.at(-1)!.caption).toBe('Market expansion');
  });
});

describe('Menu and on-edit stamp', () => {
  it('builds the menu in the sheet language with the cycle in the report item', () => {
    const emulator = exampleEmulator();
    emulator.fireOnOpen();
    const menu = emulator.ui.menus.at(-1)!;
    expect(menu.caption).toBe('Market expansion');
    expect(captions(menu)).toContain('Generate 2023 Q3 report');
    expect(captions(menu)).toEqual(expect.arrayContaining(['Check data', 'Start next cycle', 'Set up or repair sheets', 'Load example data']));
    emulator.call('menuLanguageChinese');
    emulator.fireOnOpen();
    const zh = emulator.ui.menus.at(-1)!;
    expect(zh.caption).toBe('市场拓展');
    expect(captions(zh)).toContain('生成 2023 Q3 评估报告');
    expect(captions(zh)).toContain('开启周五提醒');
    expect(captions(menu)).toContain('Turn Friday reminders on');
    const settings = emulator.spreadsheet.getSheetByName('Settings')!;
    const row = settings.getRange(1, 1, settings.getLastRow(), 1).getValues().findIndex((r) => r[0] === 'Reminder weekday') + 1;
    settings.getRange(row, 2).setValue('星期一');
    emulator.fireOnOpen();
    expect(captions(emulator.ui.menus.at(-1)!)).toContain('开启周一提醒');
  });

  it('stamps Updated on the tracking row that changed, and nowhere else', () => {
    const emulator = exampleEmulator();
    const tracking = emulator.spreadsheet.getSheetByName('Tracking')!;
    const cell = tracking.getRange('F4');
    cell.setValue('13 signed');
    emulator.fireOnEdit(cell, '12 signed (target 15)');
    const updated = tracking.getRange('L2:L4').getValues().map((r) => r[0]);
    expect(updated[0]).toBe('');
    expect(updated[1]).toBe('');
    expect(updated[2]).toBeInstanceOf(Date);
    // The emulator's clock advances by each service call's modelled latency, so allow a minute.
    expect(Math.abs((updated[2] as Date).getTime() - Date.parse('2023-07-28T01:00:00Z'))).toBeLessThan(60_000);
  });
});
