/**
 * The emulator is the project's only proof of Apps Script, so each behaviour the product relies on is
 * checked here against its source: Google's reference pages and guides, and the public
 * brucemcpherson/gas-fakes tests (written to pass on real Apps Script). Where neither settles a detail the
 * emulator takes the strict side, and the README's "Verify on a real Sheet" checklist names it.
 * Each test names its source.
 */
import { Emulator, SCOPE } from '../../src/node/emulator';

/** An emulator running a small script of its own (top-level functions, as Apps Script sees a project). */
function project(code: string, opts: ConstructorParameters<typeof Emulator>[0] = {}): Emulator {
  const emulator = new Emulator({ now: new Date('2023-07-28T08:00:00+08:00'), accountType: 'workspace', ...opts });
  emulator.loadManifest({ oauthScopes: Object.values(SCOPE).filter((s) => s !== SCOPE.drive && s !== SCOPE.driveReadonly && s !== SCOPE.sheets), dependencies: { enabledAdvancedServices: [{ userSymbol: 'Drive', serviceId: 'drive', version: 'v3' }] } });
  emulator.loadBundle(code);
  return emulator;
}

const error = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return '(no error)';
};

describe('triggers belong to their creator', () => {
  // https://developers.google.com/apps-script/reference/script/script-app#getProjectTriggers():
  // "Gets all installable triggers associated with the current project and current user."
  it('getProjectTriggers returns only the current user\'s triggers', () => {
    const emulator = project(`function install() { ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); }
      function mine() { return ScriptApp.getProjectTriggers().length; } function tick() {}`);
    emulator.addUser('b@example.com');
    emulator.call('install');
    emulator.as('b@example.com', () => emulator.call('install'));
    expect(emulator.triggers).toHaveLength(2);
    expect(emulator.call('mine')).toBe(1);
    expect(emulator.as('b@example.com', () => emulator.call('mine'))).toBe(1);
  });

  // https://developers.google.com/apps-script/guides/triggers/installable#restrictions: "Installable triggers
  // always run under the account of the person who created them." Session.getEffectiveUser reference: "If the
  // script is running under an installable trigger, this is the account of the user who created the trigger."
  it('a time-driven trigger runs as its owner, whoever is at the keyboard, and mails from the owner\'s account', () => {
    const emulator = project(`function install() { ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); }
      function tick() { MailApp.sendEmail('x@example.com', 'hi', Session.getEffectiveUser().getEmail()); }`);
    emulator.addUser('b@example.com');
    emulator.as('b@example.com', () => emulator.call('install'));
    emulator.clock.set(new Date('2023-07-28T09:00:00+08:00'));
    emulator.fireTimeTriggers();
    expect(emulator.mail.map((m) => [m.from, m.body])).toEqual([['b@example.com', 'b@example.com']]);
  });

  // A deleted or suspended account runs nothing: its triggers stop (strict side; see the checklist).
  it('a departed owner\'s trigger does not run', () => {
    const emulator = project(`function install() { ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); } function tick() {}`);
    emulator.call('install');
    emulator.scriptOwner.left = true;
    emulator.clock.set(new Date('2023-07-28T09:00:00+08:00'));
    expect(emulator.fireTimeTriggers().map((r) => r.skipped)).toEqual(['owner left']);
  });
});

describe('execution contexts', () => {
  const code = `
    function onOpen() { SpreadsheetApp.getUi().createMenu('M').addItem('x', 'x').addToUi(); SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange('A1').setValue('opened'); seen = Session.getActiveUser().getEmail(); }
    function onEdit() { SpreadsheetApp.getUi().alert('hello'); }
    var seen = null;
    function who() { return seen; }
    function mail() { MailApp.sendEmail('x@example.com', 's', 'b'); }
    function ui() { return SpreadsheetApp.getUi().alert('hi'); }
    function install() { ScriptApp.newTrigger('ui').timeBased().everyHours(1).create(); }
    function slow() { Utilities.sleep(29000); Utilities.sleep(2000); }
    /** @customfunction */
    function WRITE(x) { SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange('B1').setValue(x); return x; }
    /** @customfunction */
    function READ() { return SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange('A1').getValue(); }
    /** @customfunction */
    function MAILER() { MailApp.sendEmail('x@example.com', 's', 'b'); return 1; }
    /** @customfunction */
    function WHO() { return Session.getActiveUser().getEmail(); }
    /** @customfunction */
    function KIND(x) { return Object.prototype.toString.call(x) + ':' + (x instanceof Date ? x.getFullYear() : String(x)); }
  `;

  // https://developers.google.com/apps-script/guides/triggers#restrictions: simple triggers "cannot access
  // services that require authorization", "can modify the file they are bound to", "cannot run for longer than
  // 30 seconds"; AuthMode.LIMITED (reference: AuthMode) allows "a limited subset of services" — menus included.
  it('a simple trigger runs LIMITED: it may change its spreadsheet and add menus, nothing that needs authorization', () => {
    const emulator = project(code);
    emulator.fireOnOpen();
    expect(emulator.ui.menus.map((m) => m.caption)).toEqual(['M']);
    expect(emulator.spreadsheet.getActiveSheet().getRange('A1').getValue()).toBe('opened');
    const sheet = emulator.spreadsheet.getActiveSheet();
    // No dialogs from a simple trigger (strict side: checklist).
    expect(() => emulator.fireOnEdit(sheet.getRange('A1'))).toThrow('You do not have permission to call Ui.alert. Required permissions: https://www.googleapis.com/auth/script.container.ui');
  });

  // https://developers.google.com/apps-script/reference/base/user#getEmail(): "not available in any context
  // that allows a script to run without that user's authorization, like a simple onOpen(e) or onEdit(e)
  // trigger, a custom function … these restrictions generally do not apply if the developer runs the script
  // themselves or belongs to the same Google Workspace domain as the user."
  it('the active user\'s email is blank in simple triggers and custom functions, and for a consumer who is not the developer', () => {
    const emulator = project(code, { userEmail: 'owner@example.com' });
    emulator.fireOnOpen();
    expect(emulator.call('who')).toBe('');
    expect(emulator.customFunction('WHO')).toBe('');
    const consumer = emulator.addUser('friend@gmail.com');
    emulator.as(consumer.email, () => {
      expect(emulator.services.Session.getActiveUser().getEmail()).toBe('friend@gmail.com'); // outside any execution
      expect(emulator.call('who')).toBe('');
    });
    const colleague = emulator.addUser('colleague@example.com');
    expect(emulator.as(colleague.email, () => {
      emulator.call('onOpen');
      return emulator.call('who');
    })).toBe('colleague@example.com');
  });

  // https://developers.google.com/apps-script/guides/sheets/functions (Using Apps Script services): custom
  // functions "can only use services that don't require access to personal data"; Spreadsheet is read only;
  // "A custom function cannot … set values in other cells"; they time out after 30 seconds.
  it('a custom function reads the spreadsheet but cannot write, mail or show UI', () => {
    const emulator = project(code);
    emulator.spreadsheet.getActiveSheet().getRange('A1').setValue('data');
    expect(emulator.customFunction('READ')).toBe('data');
    expect(error(() => emulator.customFunction('WRITE', 1))).toBe('You do not have permission to call setValue');
    expect(error(() => emulator.customFunction('MAILER'))).toBe('You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail');
  });

  // Same guide, Data types: "Dates in Sheets are passed as Date objects"; empty cells as ''; booleans as booleans.
  it('a formula passes what Sheets passes: a Date for a date cell, booleans, \'\' for empty', () => {
    const emulator = project(code);
    const sheet = emulator.spreadsheet.getActiveSheet();
    sheet.getRange('A1:A3').setValues([[new Date('2023-07-20T00:00:00+08:00')], [true], ['']]);
    sheet.getRange('B1:B3').setFormulas([['=KIND(A1)'], ['=KIND(A2)'], ['=KIND(A3)']]);
    expect(sheet.getRange('B1:B3').getValues()).toEqual([['[object Date]:2023'], ['[object Boolean]:true'], ['[object String]:']]);
  });

  // Limits: https://developers.google.com/apps-script/guides/services/quotas — custom functions and simple
  // triggers 30 seconds per execution, scripts 6 minutes.
  it('30 seconds for simple triggers and custom functions, 6 minutes otherwise', () => {
    const emulator = project(`${code}\nfunction onOpen() { Utilities.sleep(29000); Utilities.sleep(2000); }`);
    expect(() => emulator.fireOnOpen()).toThrow('Exceeded maximum execution time');
    expect(() => emulator.call('slow')).not.toThrow();
  });

  // Time-driven triggers run with nobody at a screen; SpreadsheetApp.getUi() there throws
  // "Cannot call SpreadsheetApp.getUi() from this context." (the message Apps Script gives; checklist).
  it('a time-driven run has no UI', () => {
    const emulator = project(code);
    emulator.call('install');
    emulator.clock.set(new Date('2023-07-28T09:00:00+08:00'));
    expect(emulator.fireTimeTriggers().map((r) => r.error?.message)).toEqual(['Cannot call SpreadsheetApp.getUi() from this context.']);
  });

  // https://developers.google.com/apps-script/concepts/scopes: with explicit oauthScopes, a method whose scope
  // the manifest does not list cannot run ("Specified permissions are not sufficient to call …").
  it('a method whose scope the manifest does not list is refused', () => {
    const emulator = project('function open() { return SpreadsheetApp.openById("x"); }');
    expect(error(() => emulator.call('open'))).toBe('Specified permissions are not sufficient to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets');
  });
});

describe('granular consent', () => {
  // https://developers.google.com/apps-script/reference/script/script-app#getAuthorizationInfo(AuthMode,String)
  // and #requireScopes(AuthMode,String); AuthorizationInfo.getAuthorizedScopes: "returns the authorized scopes
  // from the specified list"; Workspace updates 2025-01-08 "Granular OAuth consent in Google Apps Script".
  it('getAuthorizationInfo tells granted from missing scopes; requireScopes ends an interactive run with the consent screen', () => {
    const emulator = project(`function info() { var i = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL, ['${SCOPE.sendMail}', '${SCOPE.sheetCurrent}']);
      return [i.getAuthorizationStatus(), i.getAuthorizedScopes()]; }
      var after = false; function need() { ScriptApp.requireScopes(ScriptApp.AuthMode.FULL, ['${SCOPE.sendMail}']); after = true; } function wasAfter() { return after; }
      function mail() { MailApp.sendEmail('x@example.com', 's', 'b'); }`);
    expect(emulator.call('info')).toEqual(['NOT_REQUIRED', [SCOPE.sendMail, SCOPE.sheetCurrent]]);
    emulator.scriptOwner.decline(SCOPE.sendMail);
    expect(emulator.call('info')).toEqual(['REQUIRED', [SCOPE.sheetCurrent]]);
    emulator.call('need');
    expect(emulator.call('wasAfter')).toBe(false);
    expect(emulator.ui.authPrompts.map((p) => p.scopes)).toEqual([[SCOPE.sendMail]]);
    expect(error(() => emulator.call('mail'))).toBe(`You do not have permission to call MailApp.sendEmail. Required permissions: ${SCOPE.sendMail}`);
  });
});

describe('LockService', () => {
  // https://developers.google.com/apps-script/reference/lock/lock-service#getDocumentLock(): "If this method is
  // called outside of the context of a containing document (such as from a standalone script or webapp), null
  // is returned." gas-fakes test/testlock.js: tryLock on a held lock is true; releaseLock drops it.
  it('getDocumentLock is null outside a document; a held lock can be tried again', () => {
    expect(new Emulator({ bound: false }).services.LockService.getDocumentLock()).toBeNull();
    const lock = new Emulator().services.LockService.getScriptLock();
    expect(lock.tryLock(10000)).toBe(true);
    expect(lock.tryLock(10000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
  });
});

describe('writing values', () => {
  // gas-fakes test/testsheetsvalues.js: "gas automatically detects and converts types" on setValues, unlike the
  // Sheets API with RAW input; Sheets' USER_ENTERED parsing. A plain-text format keeps text; an apostrophe too.
  it('setValue(s) parse strings as typed: dates, grouped numbers, percentages, booleans; plain text and an apostrophe keep text', () => {
    const emulator = new Emulator({ timeZone: 'Asia/Shanghai' });
    const sheet = emulator.spreadsheet.getActiveSheet();
    sheet.getRange('A1:F1').setValues([['2023-07-20', '1,200', '12%', 'TRUE', '7/31/2023', '2023-07-10-12']]);
    expect(sheet.getRange('A1:F1').getValues()).toEqual([[new Date('2023-07-20T00:00:00+08:00'), 1200, 0.12, true, new Date('2023-07-31T00:00:00+08:00'), '2023-07-10-12']]);
    expect(sheet.getRange('C1').getNumberFormat()).toBe('0%');
    sheet.getRange('A2').setNumberFormat('@');
    sheet.getRange('A2:B2').setValues([['1,200', "'12%"]]);
    expect(sheet.getRange('A2:B2').getValues()).toEqual([['1,200', '12%']]);
  });

  // Sheets shows formulas' values current at all times; a script reading a range gets them computed.
  it('formulas are current whenever values are read', () => {
    const emulator = new Emulator();
    const sheet = emulator.spreadsheet.getActiveSheet();
    sheet.getRange('A1:B1').setValues([[2, '=A1*10']]);
    expect(sheet.getRange('B1').getValue()).toBe(20);
    sheet.getRange('A1').setValue(3);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[3, 30]]);
  });

  // gas-fakes test/testsheets.js "Range.copyTo" and test/testassist.js prepareTarget: a smaller target gets the
  // whole source; a larger one as many whole copies as fit (at least one).
  it('Range.copyTo follows the destination size', () => {
    const emulator = new Emulator();
    const sheet = emulator.spreadsheet.getActiveSheet();
    sheet.getRange('A1:B2').setValues([['V1', 'V2'], ['V3', 'V4']]);
    sheet.getRange('A1:B2').copyTo(sheet.getRange('G1'));
    expect(sheet.getRange('G1:H2').getValues()).toEqual([['V1', 'V2'], ['V3', 'V4']]);
    sheet.getRange('A1:B2').copyTo(sheet.getRange('J1:L5'));
    expect(sheet.getRange('J1:L5').getValues()).toEqual([['V1', 'V2', ''], ['V3', 'V4', ''], ['V1', 'V2', ''], ['V3', 'V4', ''], ['', '', '']]);
  });
});

describe('protections', () => {
  // gas-fakes test/testsheets.js "Protection" and test/testsheetspermissions.js: Sheet.protect(),
  // Range.protect(), setUnprotectedRanges, editors, getProtections(type). A non-editor's write is refused with
  // Apps Script's message; the owner and editors may write; a warning-only protection does not refuse.
  it('refuse writes by people who are not editors', () => {
    const emulator = project(`function write(a1) { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Log').getRange(a1).setValue('x'); }
      function addRow() { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Log').insertRowsAfter(1, 1); }`, { userEmail: 'owner@example.com' });
    const log = emulator.spreadsheet.insertSheet('Log');
    const p = emulator.as('owner@example.com', () => log.protect().setDescription('Log'));
    p.setUnprotectedRanges([log.getRange('D1:D10')]);
    emulator.addUser('rep@example.com');
    expect(error(() => emulator.as('rep@example.com', () => emulator.call('write', 'A1')))).toBe(
      'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    );
    expect(error(() => emulator.as('rep@example.com', () => emulator.call('addRow')))).toContain('protected cell or object');
    expect(error(() => emulator.as('rep@example.com', () => emulator.call('write', 'D2')))).toBe('(no error)');
    expect(error(() => emulator.call('write', 'A1'))).toBe('(no error)');
    p.addEditor('rep@example.com');
    expect(error(() => emulator.as('rep@example.com', () => emulator.call('write', 'A1')))).toBe('(no error)');
    expect(emulator.spreadsheet.getProtections('SHEET').map((x) => x.getDescription())).toEqual(['Log']);
    p.remove();
    expect(emulator.spreadsheet.getProtections('SHEET')).toEqual([]);
  });
});
