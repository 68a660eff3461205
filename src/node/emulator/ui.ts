/** SpreadsheetApp.getUi(): menus, alerts, prompts, dialogs and sidebars, recorded for tests. */
import type { Returning, Runtime } from './runtime';
import type { EmuHtmlOutput } from './services';

type GUi = GoogleAppsScript.Base.Ui;
type GMenu = GoogleAppsScript.Base.Menu;

export const ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' } as const;
export const Button = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' } as const;
export type ButtonName = keyof typeof Button;

export type MenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; menu: RecordedMenu };

export interface RecordedMenu {
  caption: string;
  entries: MenuEntry[];
}
export interface RecordedAlert {
  title: string;
  prompt: string;
  buttons: string;
  response: ButtonName;
  at: Date;
}
export interface RecordedPrompt extends RecordedAlert {
  responseText: string;
}
export interface RecordedDialog {
  kind: 'modal' | 'modeless' | 'sidebar';
  title: string;
  html: string;
  width?: number;
  height?: number;
  at: Date;
}
/** Apps Script's own consent prompt, shown when ScriptApp.requireScopes finds a scope not granted. */
export interface RecordedAuthPrompt {
  user: string;
  scopes: string[];
  at: Date;
}
export interface RecordedToast {
  message: string;
  title: string;
  timeoutSeconds: number;
  at: Date;
}

/** What the user saw; scripted answers for alerts and prompts. */
export class UiRecorder {
  menus: RecordedMenu[] = [];
  alerts: RecordedAlert[] = [];
  prompts: RecordedPrompt[] = [];
  dialogs: RecordedDialog[] = [];
  toasts: RecordedToast[] = [];
  authPrompts: RecordedAuthPrompt[] = [];
  private alertAnswers: ButtonName[] = [];
  private promptAnswers: Array<{ text: string; button: ButtonName }> = [];

  /** The next alert returns this button (queue). Default: OK for OK sets, YES for YES_NO sets. */
  respondNextAlert(button: ButtonName): void {
    this.alertAnswers.push(button);
  }
  /** The next prompt returns this text and button (default OK). */
  respondNextPrompt(text: string, button: ButtonName = 'OK'): void {
    this.promptAnswers.push({ text, button });
  }
  nextAlertAnswer(buttons: string): ButtonName {
    return this.alertAnswers.shift() ?? (buttons.startsWith('YES') ? 'YES' : 'OK');
  }
  nextPromptAnswer(buttons: string): { text: string; button: ButtonName } {
    return this.promptAnswers.shift() ?? { text: '', button: buttons.startsWith('YES') ? 'YES' : 'OK' };
  }
  /** Finds a menu item's function name: menuItem('Tracker', 'Build report'). Submenus: menuItem('Tracker', 'Sub', 'Item'). */
  menuItem(...captions: string[]): string {
    let menus = this.menus;
    let entries: MenuEntry[] | undefined;
    for (const [i, cap] of captions.entries()) {
      if (i === 0) {
        entries = menus.find((m) => m.caption === cap)?.entries;
      } else {
        const e: MenuEntry | undefined = entries?.find((x) => (x.kind === 'item' && x.caption === cap) || (x.kind === 'submenu' && x.menu.caption === cap));
        if (e?.kind === 'item' && i === captions.length - 1) return e.functionName;
        entries = e?.kind === 'submenu' ? e.menu.entries : undefined;
        menus = [];
      }
      if (!entries) break;
    }
    throw new Error(`No menu item ${captions.join(' > ')}`);
  }
}

export type MenuSlice = Returning<GMenu, 'addItem' | 'addSeparator' | 'addSubMenu', EmuMenu> & Pick<GMenu, 'addToUi'>;

export class EmuMenu implements MenuSlice {
  readonly recorded: RecordedMenu;
  constructor(private readonly rt: Runtime, private readonly ui: UiRecorder, caption: string) {
    this.recorded = { caption, entries: [] };
  }
  addItem(caption: string, functionName: string): this {
    this.rt.hit('Menu.addItem');
    this.recorded.entries.push({ kind: 'item', caption, functionName });
    return this;
  }
  addSeparator(): this {
    this.rt.hit('Menu.addSeparator');
    this.recorded.entries.push({ kind: 'separator' });
    return this;
  }
  addSubMenu(menu: EmuMenu | GMenu): this {
    this.rt.hit('Menu.addSubMenu');
    this.recorded.entries.push({ kind: 'submenu', menu: (menu as EmuMenu).recorded });
    return this;
  }
  addToUi(): void {
    this.rt.hit('Menu.addToUi');
    const i = this.ui.menus.findIndex((m) => m.caption === this.recorded.caption);
    if (i >= 0) this.ui.menus.splice(i, 1, this.recorded);
    else this.ui.menus.push(this.recorded);
  }
}

export class EmuPromptResponse {
  constructor(private readonly rt: Runtime, private readonly text: string, private readonly button: ButtonName) {}
  getResponseText(): string {
    this.rt.hit('PromptResponse.getResponseText');
    return this.text;
  }
  getSelectedButton(): GoogleAppsScript.Base.Button {
    this.rt.hit('PromptResponse.getSelectedButton');
    return this.button as unknown as GoogleAppsScript.Base.Button;
  }
}

export type UiSlice = Returning<GUi, 'createMenu' | 'createAddonMenu', EmuMenu> &
  Returning<GUi, 'alert', GoogleAppsScript.Base.Button> &
  Returning<GUi, 'prompt', EmuPromptResponse> &
  Returning<GUi, 'showModalDialog' | 'showModelessDialog' | 'showSidebar', void>;

export class EmuUi implements UiSlice {
  readonly ButtonSet = ButtonSet;
  readonly Button = Button;
  constructor(private readonly rt: Runtime, private readonly rec: UiRecorder) {}
  createMenu(caption: string): EmuMenu {
    this.rt.hit('Ui.createMenu');
    return new EmuMenu(this.rt, this.rec, caption);
  }
  createAddonMenu(): EmuMenu {
    this.rt.hit('Ui.createAddonMenu');
    return new EmuMenu(this.rt, this.rec, 'Add-ons');
  }
  private args(a: string, b?: unknown, c?: unknown): { title: string; prompt: string; buttons: string } {
    if (c !== undefined) return { title: a, prompt: String(b), buttons: String(c) };
    if (b !== undefined && typeof b !== 'string') return { title: '', prompt: a, buttons: String(b) };
    if (typeof b === 'string') return { title: a, prompt: b, buttons: 'OK' };
    return { title: '', prompt: a, buttons: 'OK' };
  }
  alert(a: string, b?: unknown, c?: GoogleAppsScript.Base.ButtonSet): GoogleAppsScript.Base.Button {
    this.rt.hit('Ui.alert');
    const x = this.args(a, b, c);
    const response = this.rec.nextAlertAnswer(x.buttons);
    this.rec.alerts.push({ ...x, response, at: this.rt.clock.now() });
    return response as unknown as GoogleAppsScript.Base.Button;
  }
  prompt(a: string, b?: unknown, c?: GoogleAppsScript.Base.ButtonSet): EmuPromptResponse {
    this.rt.hit('Ui.prompt');
    const x = this.args(a, b, c);
    if (c === undefined && b === undefined) x.buttons = 'OK';
    const ans = this.rec.nextPromptAnswer(x.buttons);
    this.rec.prompts.push({ ...x, response: ans.button, responseText: ans.text, at: this.rt.clock.now() });
    return new EmuPromptResponse(this.rt, ans.text, ans.button);
  }
  private dialog(kind: RecordedDialog['kind'], out: EmuHtmlOutput, title: string): void {
    const d: RecordedDialog = { kind, title, html: out.content, at: this.rt.clock.now() };
    if (out.width !== undefined) d.width = out.width;
    if (out.height !== undefined) d.height = out.height;
    this.rec.dialogs.push(d);
  }
  showModalDialog(userInterface: object, title: string): void {
    this.rt.hit('Ui.showModalDialog');
    this.dialog('modal', userInterface as EmuHtmlOutput, title);
  }
  showModelessDialog(userInterface: object, title: string): void {
    this.rt.hit('Ui.showModelessDialog');
    this.dialog('modeless', userInterface as EmuHtmlOutput, title);
  }
  showSidebar(userInterface: object): void {
    this.rt.hit('Ui.showSidebar');
    const out = userInterface as EmuHtmlOutput;
    this.dialog('sidebar', out, out.title);
  }
}
