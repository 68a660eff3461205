/**
 * Least privilege and the entry points that must never leave a person stuck: the manifest's scopes
 * against an allow-list and the README's scope table, onOpen with an unreadable Settings tab, and the
 * lock when Apps Script gives no document lock.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTION_SCOPES, SCOPES, scopesInUse } from '../../src/core/scopes';
import { bundleEmulator, exampleEmulator } from './harness';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'dist', 'appsscript.json'), 'utf8')) as {
  oauthScopes: string[]; dependencies: { enabledAdvancedServices?: { userSymbol: string; serviceId: string; version: string }[] };
};

/** The only scopes the tracker may ever ask for; everything broader is refused by design. */
const ALLOWED = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/script.container.ui',
  'https://www.googleapis.com/auth/documents',
  'https://www.googleapis.com/auth/drive.file',
  'https://www.googleapis.com/auth/script.send_mail',
  'https://www.googleapis.com/auth/script.scriptapp',
  'https://www.googleapis.com/auth/userinfo.email',
  // Chat notifications: UrlFetchApp posts to the team's chat webhook (only when Settings → Chat notifications is on).
  'https://www.googleapis.com/auth/script.external_request',
];

describe('the manifest asks for the least that works', () => {
  it('lists only allowed scopes: no full Drive, no all-spreadsheets, no Gmail', () => {
    expect(manifest.oauthScopes.filter((s) => !ALLOWED.includes(s))).toEqual([]);
    for (const scope of manifest.oauthScopes) {
      expect(scope).not.toMatch(/\/auth\/drive$|\/auth\/drive\.readonly$|\/auth\/spreadsheets$|gmail|mail\.google\.com/);
    }
  });

  it('lists exactly the scopes the entry points check for, and enables the Advanced Drive service (v3) that drive.file works through', () => {
    expect([...manifest.oauthScopes].sort()).toEqual([...scopesInUse()].sort());
    expect(manifest.dependencies.enabledAdvancedServices).toEqual([{ userSymbol: 'Drive', serviceId: 'drive', version: 'v3' }]);
  });

  it('the bundle calls no DriveApp and no GmailApp (their scopes are not in the manifest)', () => {
    const code = readFileSync(join(ROOT, 'dist', 'Code.js'), 'utf8');
    expect(code).not.toMatch(/\bDriveApp\./);
    expect(code).not.toMatch(/\bGmailApp\./);
  });

  it('the README scope table names each scope with the methods that need it', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## OAuth scopes'), readme.indexOf('\n## ', readme.indexOf('## OAuth scopes') + 5));
    const methods: Record<keyof typeof SCOPES, string[]> = {
      sheet: ['SpreadsheetApp.getActiveSpreadsheet'],
      ui: ['Ui.alert', 'Ui.showModalDialog'],
      documents: ['DocumentApp.openById', 'Document.getAs'],
      driveFile: ['Drive.Files.create', 'Drive.Files.get', 'Drive.Files.update'],
      sendMail: ['MailApp.sendEmail', 'MailApp.getRemainingDailyQuota'],
      triggers: ['ScriptApp.newTrigger', 'ScriptApp.getProjectTriggers', 'ScriptApp.deleteTrigger'],
      email: ['Session.getEffectiveUser'],
      fetch: ['UrlFetchApp.fetch'],
    };
    for (const [key, scope] of Object.entries(SCOPES) as [keyof typeof SCOPES, string][]) {
      const row = table.split('\n').find((line) => line.startsWith(`| \`${scope.replace('https://www.googleapis.com/auth/', '')}\``));
      expect(row).toBeDefined();
      for (const method of methods[key]) expect(row).toContain(`\`${method}\``);
    }
    for (const action of Object.keys(ACTION_SCOPES)) expect(action).toMatch(/^\w+$/);
  });
});

describe('never without a menu', () => {
  it('onOpen with an unreadable Settings tab still adds a menu, in both languages, that can set up and check', () => {
    const emulator = exampleEmulator();
    emulator.ui.menus = [];
    emulator.faults.failOn('Range.getValues', { times: 1, message: 'Service Spreadsheets failed while accessing document with id 1ss.' });
    emulator.fireOnOpen();
    expect(emulator.ui.menus).toEqual([{
      caption: 'Market expansion · 市场拓展',
      entries: [
        { kind: 'item', caption: 'Set up or repair sheets · 创建或修复工作表', functionName: 'menuSetupSheets' },
        { kind: 'item', caption: 'Check data · 检查数据', functionName: 'menuCheckData' },
      ],
    }]);
    expect(emulator.logs.some((l) => l.includes('Menu built without Settings: Service Spreadsheets failed'))).toBe(true);
    // The next open, with the sheet readable again, gets the whole menu.
    emulator.fireOnOpen();
    expect(emulator.ui.menus.map((m) => m.caption)).toEqual(['Market expansion · 市场拓展', 'Market expansion']);
  });

  it('the fallback menu works even on a spreadsheet with no tracker tabs at all', () => {
    const emulator = bundleEmulator();
    emulator.faults.failOn('Spreadsheet.getSheets', { times: 1 });
    emulator.fireOnOpen();
    expect(emulator.ui.menus[0]!.caption).toBe('Market expansion · 市场拓展');
    emulator.runMenuItem('Market expansion · 市场拓展', 'Set up or repair sheets · 创建或修复工作表');
    expect(emulator.spreadsheet.getSheetByName('Settings')).not.toBeNull();
  });
});

describe('the lock when Apps Script gives no document lock', () => {
  it('getDocumentLock() is null outside a document context: runs use the script lock instead', () => {
    const emulator = exampleEmulator({ bound: false });
    expect(emulator.services.LockService.getDocumentLock()).toBeNull();
    emulator.call('menuGenerateReport');
    expect(emulator.documents).toHaveLength(1);
    emulator.locks.holdByOther('script');
    emulator.call('menuGenerateReport');
    expect(emulator.documents).toHaveLength(1);
    expect(emulator.ui.alerts.at(-1)?.prompt).toBe('Another run is in progress. Try again in a minute.');
  });
});
