/**
 * Granular consent: a person may untick any scope on Google's consent screen (Workspace updates, 2025-01-08,
 * "Granular OAuth consent in Google Apps Script"; https://developers.google.com/apps-script/concepts/scopes:
 * scripts should handle it with requireScopes or getAuthorizationInfo). Every menu item checks exactly the
 * scopes it needs first: declining any one of them gives a message naming that permission and how to grant
 * it, Google's consent screen is requested, and nothing is changed or sent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTION_SCOPES, Action, SCOPES, SCOPE_TEXT, ScopeKey } from '../../src/core/scopes';
import { Emulator, MenuEntry } from '../../src/node/emulator';
import { exampleEmulator, snapshot } from './harness';

const MAIN = readFileSync(join(__dirname, '..', '..', 'src', 'main.ts'), 'utf8');
/** Each menu handler's action, from the guard it starts with. */
const HANDLER_ACTION = new Map([...MAIN.matchAll(/export function (menu\w+)\(\): void \{\n {2}if \(hasGrants\('(\w+)'\)\)/g)].map((m) => [m[1]!, m[2] as Action]));

function menuHandlers(emulator: Emulator): string[] {
  const out: string[] = [];
  const walk = (entries: readonly MenuEntry[]): void => entries.forEach((e) => {
    if (e.kind === 'item') out.push(e.functionName);
    else if (e.kind === 'submenu') walk(e.menu.entries);
  });
  for (const menu of emulator.ui.menus) walk(menu.entries);
  return [...new Set(out)];
}

/** Everything a run could change: every tab, mail, documents, triggers and document properties. */
function state(emulator: Emulator): string {
  return JSON.stringify({
    sheets: snapshot(emulator), mail: emulator.mail.length, docs: emulator.documents.length,
    triggers: emulator.triggers.map((t) => t.id), props: [...emulator.properties.document.entries()],
  });
}

describe('every menu handler checks its scopes first', () => {
  it('each handler in src/main.ts starts with hasGrants(<its action>), and every menu item is one of them', () => {
    const handlers = [...MAIN.matchAll(/export function (menu\w+)\(/g)].map((m) => m[1]!);
    expect(handlers.filter((h) => !HANDLER_ACTION.has(h))).toEqual([]);
    const emulator = exampleEmulator();
    emulator.fireOnOpen();
    expect(menuHandlers(emulator).filter((h) => !HANDLER_ACTION.has(h))).toEqual([]);
  });
});

describe.each(Object.keys(SCOPES).filter((k) => k !== 'fetch') as ScopeKey[])('declining "%s"', (scope) => {
  it('gives each menu item that needs it a message naming the permission, asks Google for it, and changes nothing', () => {
    const emulator = exampleEmulator();
    emulator.fireOnOpen();
    const handlers = menuHandlers(emulator).filter((h) => (ACTION_SCOPES[HANDLER_ACTION.get(h)!] as readonly ScopeKey[]).includes(scope));
    expect(handlers.length).toBeGreaterThan(0);
    emulator.scriptOwner.decline(SCOPES[scope]);
    for (const handler of handlers) {
      const before = state(emulator);
      const alerts = emulator.ui.alerts.length;
      const prompts = emulator.ui.authPrompts.length;
      emulator.runMenuFunction(handler);
      expect(state(emulator)).toBe(before);
      expect(emulator.ui.authPrompts.slice(prompts)).toEqual([expect.objectContaining({ scopes: [SCOPES[scope]] })]);
      const said = emulator.ui.alerts.slice(alerts);
      if (scope === 'ui') {
        // No dialog can be shown without it: Google's consent screen is the message.
        expect(said).toEqual([]);
      } else {
        expect(said).toHaveLength(1);
        expect(said[0]!.prompt).toContain(`"${SCOPE_TEXT[scope].consent.en}"`);
        expect(said[0]!.prompt).toContain('Nothing was changed.');
        // Without the spreadsheet scope the sheet's language is unknown: the message is in both.
        if (scope === 'sheet') expect(said[0]!.prompt).toContain(`“${SCOPE_TEXT[scope].consent.zh}”`);
      }
    }
  });
});

describe('the message in the sheet’s language', () => {
  it('names the permission as the Chinese consent screen does, and says how to grant it', () => {
    const emulator = exampleEmulator({ locale: 'zh_CN' });
    emulator.fireOnOpen();
    emulator.scriptOwner.decline(SCOPES.sendMail);
    emulator.runMenuFunction('menuSendRemindersNow');
    expect(emulator.ui.alerts.at(-1)).toMatchObject({ title: '需要授权' });
    expect(emulator.ui.alerts.at(-1)!.prompt).toBe(
      '此操作需要您尚未授予跟踪表的权限：\n• “以您的身份发送电子邮件”——用于发送提醒和主管汇总\n\n' +
      `授权方法：点击“确定”，在随后打开的 Google 页面上勾选上述选项并点击“继续”（或打开 https://script.google.com/macros/d/${emulator.services.ScriptApp.getScriptId()}/authorize），然后再次选择该菜单项。未做任何修改。`,
    );
    expect(emulator.mail).toHaveLength(0);
  });
});
