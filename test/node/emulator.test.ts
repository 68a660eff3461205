import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import {
  EXECUTION_LIMIT_MS, Emulator, MailErrors, PropertyErrors, SheetErrors, TOO_MANY_TRIGGERS,
  formatDate, parseA1,
} from '../../src/node/emulator';
import { evaluateFormulas } from '../../src/node/emulator/formulas';

const T0 = new Date('2025-01-06T01:00:00Z'); // Monday 09:00 in Asia/Shanghai

function emu(opts: ConstructorParameters<typeof Emulator>[0] = {}): Emulator {
  return new Emulator({ now: T0, ...opts });
}

describe('values', () => {
  test('getValues types, empty strings, dates and formulas', () => {
    const e = emu();
    const sh = e.spreadsheet.insertSheet('Data');
    const d = new Date('2025-03-01T00:00:00+08:00');
    sh.getRange(1, 1, 2, 3).setValues([
      ['name', 42, true],
      [d, '', '=A1&"x"'],
    ]);
    const v = sh.getRange('A1:C2').getValues();
    expect(v[0]).toEqual(['name', 42, true]);
    expect(v[1]?.[0]).toBeInstanceOf(Date);
    expect((v[1]?.[0] as Date).getTime()).toBe(d.getTime());
    expect(v[1]?.[1]).toBe('');
    expect(v[1]?.[2]).toBe('namex'); // formulas are current whenever values are read, as in Sheets
    expect(sh.getRange('C2').getFormula()).toBe('=A1&"x"');
    expect(sh.getRange('A1:C1').getFormulas()).toEqual([['', '', '']]);
    expect(sh.getLastRow()).toBe(2);
    expect(sh.getLastColumn()).toBe(3);
  });

  test('apostrophe keeps text; numeric strings become numbers; "@" format keeps text', () => {
    const sh = emu().spreadsheet.insertSheet('S');
    sh.getRange('A1:C1').setValues([["'=1+1", '007', 'TRUE']]);
    expect(sh.getRange('A1:C1').getValues()).toEqual([['=1+1', 7, true]]);
    expect(sh.getRange('A1').getFormula()).toBe('');
    sh.getRange('D1').setNumberFormat('@').setValue('007');
    expect(sh.getRange('D1').getValue()).toBe('007');
  });

  test('setValues size errors match Apps Script text', () => {
    const sh = emu().spreadsheet.insertSheet('S');
    expect(() => sh.getRange(1, 1, 2, 2).setValues([[1, 2]])).toThrow(SheetErrors.rowsMismatch(1, 2));
    expect(() => sh.getRange(1, 1, 2, 2).setValues([[1, 2], [3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(SheetErrors.rowsMismatch(1, 2)).toBe('The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.');
  });

  test('sheet names are unique', () => {
    const ss = emu().spreadsheet;
    ss.insertSheet('Plan');
    expect(() => ss.insertSheet('Plan')).toThrow('A sheet with the name "Plan" already exists. Please enter another name.');
    const other = ss.insertSheet('Other');
    expect(() => other.setName('Plan')).toThrow(/already exists/);
    expect(ss.getSheetByName('Missing')).toBeNull();
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Plan', 'Other']);
    expect(other.getIndex()).toBe(3);
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`);
  });

  test('display values and number formats', () => {
    const sh = emu().spreadsheet.insertSheet('S');
    sh.getRange('A1:C1').setValues([[0.9, 1234.5, new Date('2025-03-01T00:00:00+08:00')]]);
    sh.getRange('A1:C1').setNumberFormats([['0.0%', '#,##0.00', 'yyyy-mm-dd']]);
    expect(sh.getRange('A1:C1').getDisplayValues()).toEqual([['90.0%', '1,234.50', '2025-03-01']]);
    expect(sh.getRange('D1').getNumberFormat()).toBe('General');
  });

  test('insertColumnsAfter shifts content and grows the grid', () => {
    const sh = emu().spreadsheet.insertSheet('S');
    sh.getRange('A1:C1').setValues([['a', 'b', 'c']]);
    sh.insertColumnsAfter(1, 2);
    expect(sh.getRange('A1:E1').getValues()).toEqual([['a', '', '', 'b', 'c']]);
    expect(sh.getMaxColumns()).toBe(28);
  });

  test('copyTo and copy', () => {
    const e = emu();
    const sh = e.spreadsheet.insertSheet('Tpl');
    sh.getRange('A1').setValue('x');
    const c = sh.copyTo(e.spreadsheet);
    expect(c.getName()).toBe('Copy of Tpl');
    const ss2 = e.spreadsheet.copy('Backup');
    expect(e.spreadsheetCopies).toContain(ss2);
    expect(ss2.getSheetByName('Tpl')?.getRange('A1').getValue()).toBe('x');
  });
});

describe('A1 notation', () => {
  test.each([
    ['A1', { row: 1, col: 1, numRows: 1, numCols: 1 }],
    ['B2:D5', { row: 2, col: 2, numRows: 4, numCols: 3 }],
    ['$A$1:$B$2', { row: 1, col: 1, numRows: 2, numCols: 2 }],
    ['B:B', { row: 1, col: 2, numRows: 1000, numCols: 1 }],
    ['2:3', { row: 2, col: 1, numRows: 2, numCols: 26 }],
    ['AA10', { row: 10, col: 27, numRows: 1, numCols: 1 }],
    ['A2:C', { row: 2, col: 1, numRows: 999, numCols: 3 }],
  ])('%s', (a1, ref) => {
    expect(parseA1(a1, 1000, 26)).toEqual(ref);
  });
  test('sheet prefix and round trip', () => {
    expect(parseA1("'My Sheet'!B3", 1000, 26)).toEqual({ row: 3, col: 2, numRows: 1, numCols: 1, sheetName: 'My Sheet' });
    const sh = emu().spreadsheet.insertSheet('S');
    expect(sh.getRange(3, 2, 2, 25).getA1Notation()).toBe('B3:Z4');
    // Like Sheets, a range past the grid (26 columns here) is an error, not a silent growth.
    expect(() => sh.getRange(3, 2, 2, 27)).toThrow(SheetErrors.outOfBounds);
    sh.insertColumnsAfter(26, 2);
    expect(sh.getRange(3, 2, 2, 27).getA1Notation()).toBe('B3:AB4');
    expect(sh.getRange('B:B').getNumRows()).toBe(1000);
    expect(() => sh.getRange(0, 1)).toThrow(SheetErrors.rowTooSmall);
  });
});

describe('bundle, counting, clock', () => {
  const bundle = `
    function setup() { SpreadsheetApp.getActiveSpreadsheet().insertSheet('A'); return 'ok'; }
    function readMany(n) {
      var sh = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('A');
      for (var i = 0; i < n; i++) sh.getRange(1, 1).getValue();
      return n;
    }
    function now() { return [new Date().getTime(), Date.now(), new Date(2020, 0, 1).getFullYear()]; }
    function isDate() { return SpreadsheetApp.getActive().getSheetByName('A').getRange('A1').getValue() instanceof Date; }
    var CONFIG = { name: 'x' };
    const LET_CONST = 5;
    function hasNode() { return [typeof require, typeof process, typeof setTimeout]; }
    function realms() {
      var v = SpreadsheetApp.getActive().getSheetByName('A').getRange('A1:B2').getValues();
      var caught;
      try { SpreadsheetApp.getActive().insertSheet('A'); } catch (err) { caught = err; }
      var te; try { null.x; } catch (err) { te = err; }
      return [v instanceof Array, caught instanceof Error, caught.message, te instanceof Error, te instanceof TypeError, caught instanceof TypeError];
    }
  `;

  test('loadBundle/call/global and call counting', () => {
    const e = emu();
    e.loadBundle(bundle);
    expect(e.call('setup')).toBe('ok');
    expect(e.spreadsheet.getSheetByName('A')).not.toBeNull();
    expect(e.global('CONFIG')).toEqual({ name: 'x' });
    expect(e.global('LET_CONST')).toBe(5);
    expect(e.call('hasNode')).toEqual(['undefined', 'undefined', 'undefined']);
    e.calls.reset();
    e.call('readMany', 10);
    expect(e.calls.snapshot()).toEqual({
      'Range.getValue': 10, 'Sheet.getRange': 10, 'Spreadsheet.getSheetByName': 1, 'SpreadsheetApp.getActiveSpreadsheet': 1,
    });
    expect(e.calls.byService()).toEqual({ Range: 10, Sheet: 10, Spreadsheet: 1, SpreadsheetApp: 1 });
    expect(e.calls.total((k) => k.startsWith('Range.'))).toBe(10);
    expect(e.calls.writes()).toBe(0);
    expect(e.modelledMs()).toBeGreaterThan(0);
    expect(() => e.call('nope')).toThrow('Script function not found: nope');
  });

  test('Date inside the vm uses the virtual clock; host dates are instanceof Date', () => {
    const e = emu();
    e.loadBundle(bundle);
    e.call('setup');
    e.spreadsheet.getSheetByName('A')?.getRange('A1').setValue(new Date());
    expect(e.call('isDate')).toBe(true);
    const [a, b, y] = e.call('now') as number[];
    expect(a).toBeGreaterThanOrEqual(T0.getTime());
    expect(a).toBeLessThan(T0.getTime() + 60000);
    expect(b).toBeGreaterThanOrEqual(a ?? 0);
    expect(y).toBe(2020);
  });

  test('host arrays and errors pass instanceof inside the bundle', () => {
    const e = emu();
    e.loadBundle(bundle);
    e.call('setup');
    expect(e.call('realms')).toEqual([true, true, 'A sheet with the name "A" already exists. Please enter another name.', true, true, false]);
  });

  test('6-minute limit on the virtual clock', () => {
    const e = emu();
    e.loadBundle(bundle);
    e.call('setup');
    // each getValue ~20 ms (getRange is a handle, ~1 ms): 20,000 iterations = 420 s > 360 s
    expect(() => e.call('readMany', 20000)).toThrow('Exceeded maximum execution time');
    expect(e.modelledMs()).toBeGreaterThan(EXECUTION_LIMIT_MS);
    expect(e.call('readMany', 10)).toBe(10); // next run starts fresh
  });

  test('faults', () => {
    const e = emu();
    e.loadBundle(`function mk(){ var out=[]; for (var i=0;i<3;i++){ try { DocumentApp.create('d'+i); out.push('ok'); } catch(err){ out.push(err.message); } } return out; }`);
    e.faults.failOn('DocumentApp.create', { after: 1, times: 1 });
    expect(e.call('mk')).toEqual(['ok', 'Service unavailable: Documents', 'ok']);
    e.faults.clear();
    e.faults.failOn('Range.setValues', { message: 'boom' });
    expect(() => e.spreadsheet.getActiveSheet().getRange('A1').setValues([[1]])).toThrow('boom');
  });

  test('writes() counts mutating calls', () => {
    const e = emu();
    const sh = e.spreadsheet.insertSheet('W');
    sh.getRange('A1').setValue(1);
    sh.setFrozenRows(1);
    sh.getRange('A1').getValue();
    e.services.SpreadsheetApp.newDataValidation().requireValueInList(['a']).build();
    expect(e.calls.writes()).toBe(3); // insertSheet, setValue, setFrozenRows
  });
});

describe('mail', () => {
  test('per-message, invalid and daily limits', () => {
    const e = emu();
    const m = e.services.MailApp;
    m.sendEmail({ to: 'a@example.com', cc: 'b@example.com', subject: 'Hi', body: 'text', htmlBody: '<b>hi</b>', name: 'Tracker' });
    m.sendEmail('c@example.com', 'S2', 'body', { replyTo: 'r@example.com' });
    expect(e.mail).toHaveLength(2);
    expect(e.mail[0]).toMatchObject({ to: 'a@example.com', cc: 'b@example.com', subject: 'Hi', htmlBody: '<b>hi</b>', name: 'Tracker' });
    expect(m.getRemainingDailyQuota()).toBe(97);
    expect(() => m.sendEmail('not-an-address', 's', 'b')).toThrow('Invalid email: not-an-address');
    const many = Array.from({ length: 51 }, (_, i) => `u${i}@example.com`).join(',');
    expect(() => m.sendEmail(many, 's', 'b')).toThrow(MailErrors.perMessage);
    e.faults.setMailQuota(1);
    m.sendEmail('x@example.com', 's', 'b');
    expect(() => m.sendEmail('y@example.com', 's', 'b')).toThrow('Service invoked too many times for one day: email.');
    e.clock.advance(24 * 3600 * 1000);
    expect(m.getRemainingDailyQuota()).toBe(100);
  });
  test('workspace quota', () => {
    expect(emu({ accountType: 'workspace' }).services.MailApp.getRemainingDailyQuota()).toBe(1500);
  });
});

describe('triggers', () => {
  test('limit of 20 and weekly firing in the trigger time zone', () => {
    const e = emu();
    e.loadBundle(`
      var fired = [];
      function weekly(ev) { fired.push(ev['day-of-week'] + '@' + ev.hour); }
      function install() {
        return ScriptApp.newTrigger('weekly').timeBased().onWeekDay(ScriptApp.WeekDay.FRIDAY).atHour(9).inTimezone('Asia/Shanghai').create().getUniqueId();
      }
      function many(n) { for (var i = 0; i < n; i++) ScriptApp.newTrigger('weekly').timeBased().everyDays(1).atHour(3).create(); }
      function count() { return ScriptApp.getProjectTriggers().length; }
    `);
    const id = e.call('install');
    expect(typeof id).toBe('string');
    e.call('many', 19);
    expect(e.call('count')).toBe(20);
    expect(() => e.call('many', 1)).toThrow(TOO_MANY_TRIGGERS);
    // only keep the weekly one
    for (const t of [...e.triggers].slice(1)) e.services.ScriptApp.deleteTrigger(t);
    expect(e.triggers).toHaveLength(1);
    // Monday 09:00 Shanghai: not due
    expect(e.fireTimeTriggers()).toHaveLength(0);
    e.clock.set(new Date('2025-01-10T01:30:00Z')); // Friday 09:30 Shanghai
    expect(e.fireTimeTriggers()).toHaveLength(1);
    expect(e.fireTimeTriggers()).toHaveLength(0); // same slot
    e.clock.set(new Date('2025-01-17T01:05:00Z'));
    expect(e.fireTimeTriggers()).toHaveLength(1);
    expect(e.global('fired')).toEqual(['5@9', '5@9']);
    expect(e.triggers[0]?.getEventType()).toBe('CLOCK');
  });
});

describe('properties and locks', () => {
  test('property limits', () => {
    const e = emu();
    const p = e.services.PropertiesService.getScriptProperties();
    p.setProperty('a', '1');
    expect(p.getProperty('a')).toBe('1');
    expect(p.getProperty('missing')).toBeNull();
    expect(() => p.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow(PropertyErrors.tooLarge);
    for (let i = 0; i < 55; i++) p.setProperty(`k${i}`, 'x'.repeat(9000));
    expect(() => {
      for (let i = 55; i < 60; i++) p.setProperty(`k${i}`, 'x'.repeat(9000));
    }).toThrow('You have exceeded the property storage quota. Please remove some properties and try again.');
    p.setProperties({ only: 'one' }, true);
    expect(p.getKeys()).toEqual(['only']);
    expect(e.properties.script.get('only')).toBe('one');
  });

  test('locks held by another execution', () => {
    const e = emu();
    const lock = e.services.LockService.getDocumentLock()!;
    e.locks.holdByOther('document');
    const t = e.clock.nowMs();
    expect(lock.tryLock(5000)).toBe(false);
    expect(e.clock.nowMs() - t).toBeGreaterThanOrEqual(5000);
    expect(() => lock.waitLock(1000)).toThrow('Lock timeout: another process was holding the lock for too long.');
    e.locks.holdByOther('document', 2000);
    expect(lock.tryLock(5000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
  });
});

describe('ui', () => {
  test('menus, alerts, dialogs, toasts', () => {
    const e = emu();
    e.loadBundle(`
      function onOpen(ev) {
        var ui = SpreadsheetApp.getUi();
        ui.createMenu('Tracker').addItem('Set up', 'setup').addSeparator()
          .addSubMenu(ui.createMenu('More').addItem('Report', 'report')).addToUi();
      }
      function setup() { return SpreadsheetApp.getUi().alert('Confirm', 'Sure?', SpreadsheetApp.getUi().ButtonSet.YES_NO); }
      function report() {
        SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput('<p>hi</p>').setWidth(400), 'Report');
        SpreadsheetApp.getActive().toast('Done', 'Tracker');
        return 'r';
      }
    `);
    e.fireOnOpen();
    expect(e.ui.menus[0]?.caption).toBe('Tracker');
    expect(e.runMenuItem('Tracker', 'More', 'Report')).toBe('r');
    expect(e.ui.dialogs[0]).toMatchObject({ kind: 'modal', title: 'Report', html: '<p>hi</p>', width: 400 });
    expect(e.ui.toasts[0]).toMatchObject({ message: 'Done', title: 'Tracker' });
    expect(e.runMenuItem('Tracker', 'Set up')).toBe('YES');
    e.ui.respondNextAlert('NO');
    expect(e.call('setup')).toBe('NO');
    expect(e.ui.alerts.map((a) => a.response)).toEqual(['YES', 'NO']);
  });

  test('onEdit event', () => {
    const e = emu();
    e.loadBundle(`var last; function onEdit(ev) { last = [ev.range.getA1Notation(), ev.value, ev.oldValue, ev.source.getName()]; }`);
    const r = e.spreadsheet.getActiveSheet().getRange('B2');
    r.setValue('Done');
    e.fireOnEdit(r, 'Open');
    expect(e.global('last')).toEqual(['B2', 'Done', 'Open', 'Market Expansion Tracker']);
  });
});

describe('documents, drive and charts', () => {
  test('doc element order, chart PNG, drive', () => {
    const e = emu();
    e.loadBundle(`
      function build() {
        var doc = DocumentApp.create('Weekly');
        var body = doc.getBody();
        body.appendParagraph('Report').setHeading(DocumentApp.ParagraphHeading.TITLE);
        var t = body.appendTable([['Market', 'Progress'], ['SG', '90%']]);
        t.getRow(0).getCell(0).setBackgroundColor('#eeeeee').editAsText().setBold(true);
        var data = Charts.newDataTable().addColumn(Charts.ColumnType.STRING, 'M').addColumn(Charts.ColumnType.NUMBER, 'P')
          .addRow(['SG', 90]).addRow(['MY', 45]).build();
        var chart = Charts.newColumnChart().setDataTable(data).setDimensions(320, 200).setTitle('Progress by market')
          .setXAxisTitle('Market').setYAxisTitle('Progress (%)').setLegendPosition(Charts.Position.BOTTOM).build();
        body.appendImage(chart.getAs('image/png')).setWidth(300);
        body.appendListItem('note');
        var folder = DriveApp.createFolder('Reports');
        DriveApp.getFileById(doc.getId()).moveTo(folder);
        doc.saveAndClose();
        return doc.getId();
      }
    `);
    const id = e.call('build') as string;
    const doc = e.documents[0];
    expect(doc?.id).toBe(id);
    expect(doc?.body.outline()).toEqual(['NORMAL: ', 'TITLE: Report', 'TABLE 2x2', 'IMAGE 300x200', 'LIST_ITEM: note']);
    expect(doc?.body.getTables()[0]?.texts()).toEqual([['Market', 'Progress'], ['SG', '90%']]);
    expect(doc?.body.getTables()[0]?.rows[0]?.cells[0]?.bold).toBe(true);
    const png = doc?.body.images()[0]?.blob.data as Buffer;
    expect(png.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    // The Charts service draws exactly the dimensions asked for.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([320, 200]);
    expect(doc?.folderId).not.toBe(e.drive.rootId);
    e.services.DriveApp.getFileById(id).setTrashed(true);
    expect(doc?.trashed).toBe(true);
    expect(() => e.services.DriveApp.getFolderById('nope')).toThrow(
      'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.',
    );
  });
});

describe('utilities', () => {
  test('formatDate in time zones', () => {
    const d = new Date('2025-01-05T16:30:05Z'); // Monday 00:30:05 in Shanghai
    expect(formatDate(d, 'Asia/Shanghai', 'yyyy-MM-dd HH:mm:ss EEE u Z')).toBe('2025-01-06 00:30:05 Mon 1 +0800');
    expect(formatDate(d, 'UTC', "yyyy/MM/dd 'at' HH:mm")).toBe('2025/01/05 at 16:30');
    expect(formatDate(d, 'GMT+8', 'E, MMM d')).toBe('Mon, Jan 6');
  });
  test('blob and sleep', () => {
    const e = emu();
    const b = e.services.Utilities.newBlob('héllo', 'text/plain', 'a.txt');
    expect(b.getDataAsString()).toBe('héllo');
    expect(b.getBytes()[1]).toBeLessThan(0); // signed bytes like Apps Script
    const t = e.clock.nowMs();
    e.services.Utilities.sleep(1000);
    expect(e.clock.nowMs() - t).toBeGreaterThanOrEqual(1000);
  });
});

describe('exports', () => {
  test('xlsx reads back with exceljs', async () => {
    const e = emu();
    const sh = e.spreadsheet.insertSheet('Plan');
    sh.getRange('A1:C1').setValues([['Market', 'Target', 'Actual']]).setFontWeight('bold');
    sh.getRange('A2:C2').setValues([['SG', 10, 9]]);
    sh.getRange('D2').setFormula('=C2/B2').setNumberFormat('0.0%');
    sh.getRange('E2').setDataValidation(e.services.SpreadsheetApp.newDataValidation().requireValueInList(['Open', 'Done']).setAllowInvalid(false).build());
    sh.setFrozenRows(1);
    sh.setConditionalFormatRules([
      e.services.SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo('Done').setBackground('#b7e1cd').setRanges([sh.getRange('E2:E10')]).build(),
    ]);
    evaluateFormulas(e.spreadsheet, {}).applyTo();
    expect(sh.getRange('D2').getValue()).toBe(0.9);
    const dir = mkdtempSync(join(tmpdir(), 'emu-'));
    const path = join(dir, 'out.xlsx');
    await e.exportXlsx(path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('Plan');
    expect(ws?.getCell('A2').value).toBe('SG');
    expect(ws?.getCell('A1').font?.bold).toBe(true);
    expect(ws?.getCell('D2').value).toEqual({ formula: 'C2/B2', result: 0.9 });
    expect(ws?.getCell('D2').numFmt).toBe('0.0%');
    expect(ws?.getCell('E2').dataValidation).toMatchObject({ type: 'list', formulae: ['"Open,Done"'] });
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  test('eml has text and html parts', async () => {
    const e = emu();
    e.services.MailApp.sendEmail({ to: 'a@example.com', subject: '周报 Weekly', body: 'plain 文本', htmlBody: '<p>html 文本</p>', name: 'Tracker' });
    const dir = mkdtempSync(join(tmpdir(), 'emu-mail-'));
    const [p] = await e.exportMail(dir);
    const eml = readFileSync(p as string, 'utf8');
    expect(eml).toMatch(/multipart\/alternative/);
    expect(eml).toMatch(/text\/plain; charset=utf-8/);
    expect(eml).toMatch(/text\/html; charset=utf-8/);
    expect(eml).toMatch(/^To: a@example.com/m);
  });
});

describe('HyperFormula evaluation', () => {
  test('custom function plugin with ranges and spilled arrays', () => {
    const e = emu();
    const sh = e.spreadsheet.insertSheet('Calc');
    sh.getRange('A1:B3').setValues([[10, 9], [20, ''], [40, 43]]);
    sh.getRange('C1').setFormula('=RATIO_OF(B1:B3, A1:A3)');
    sh.getRange('D1').setFormula('=SUM(A1:A3)');
    sh.getRange('E1').setFormula('=DOUBLE_ALL(A1:A3)');
    sh.getRange('F1').setFormula('=IF(TRUE, "yes", "no")');
    const seen: unknown[] = [];
    const reader = evaluateFormulas(e.spreadsheet, {
      RATIO_OF: (num: unknown, den: unknown) => {
        seen.push(num);
        const n = (num as unknown[][]).flat().reduce<number>((a, v) => a + (typeof v === 'number' ? v : 0), 0);
        const d = (den as unknown[][]).flat().reduce<number>((a, v) => a + (typeof v === 'number' ? v : 0), 0);
        return n / d;
      },
      DOUBLE_ALL: (r: unknown) => (r as number[][]).map((row) => row.map((v) => v * 2)),
    });
    expect(seen[0]).toEqual([[9], [''], [43]]);
    expect(reader.value('Calc', 'C1')).toBeCloseTo(52 / 70);
    expect(reader.value('Calc', 'D1')).toBe(70);
    expect(reader.values('Calc', 'E1:E3')).toEqual([[20], [40], [80]]);
    expect(reader.value('Calc', 'F1')).toBe('yes');
    expect(reader.errors()).toEqual([]);
    // Reading the cells computes them too (custom functions as the emulator knows them).
    e.defineCustomFunctions({ RATIO_OF: () => 1, DOUBLE_ALL: (r: unknown) => (r as number[][]).map((row) => row.map((v) => v * 2)) });
    expect(sh.getRange('C1:F1').getValues()[0]?.[1]).toBe(70);
    expect(sh.getRange('E1:E3').getValues()).toEqual([[20], [40], [80]]);
    reader.applyTo();
    expect(sh.getRange('E2').getFormula()).toBe('');
  });
});
