/** SpreadsheetApp.getUi(): menus, alerts, prompts, dialogs and sidebars, recorded for tests. */
import type { Returning, Runtime } from './runtime';
import type { JSDOM } from 'jsdom';
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

/* ------------------------------------------------------------------ HtmlService pages in a browser */

/**
 * A dialog or sidebar as the person's browser runs it: its HTML loaded in jsdom with scripts on, and a
 * `google.script.run` that calls the bundle's top-level functions the way the client API does
 * (https://developers.google.com/apps-script/guides/html/reference/run and guides/html/communication):
 * asynchronous; withSuccessHandler / withFailureHandler / withUserObject each return a new runner; parameters
 * must be primitives, null, or objects and arrays of them — a Date, a function or a DOM element fails the
 * request ("Failed due to illegal value in property: …"), undefined array items arrive as null and the
 * server gets a copy; a server function whose name ends in `_` is private and cannot be called; what the
 * server returns reaches the success handler as a copy, and a return value holding a Date arrives as null
 * (tanaikech's measurements of the transfer, gist 9927dc5c12ebca118ff8f3f4d539c95d).
 */
export interface ServerCall {
  readonly name: string;
  readonly args: readonly unknown[];
  readonly result?: unknown;
  readonly error?: string;
}

type ServerInvoker = (name: string, args: unknown[]) => unknown;

function illegal(path: string): Error {
  return new Error(`Failed due to illegal value in property: ${path}`);
}

/** A parameter as google.script.run sends it, or an error naming the first illegal value. */
function transferArgument(value: unknown, path: string, seen: Set<unknown>): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value === undefined) return null;
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') throw illegal(path);
  if (Object.prototype.toString.call(value) === '[object Date]') throw illegal(path);
  if (typeof value === 'object' && typeof (value as { nodeType?: unknown }).nodeType === 'number') throw illegal(path);
  if (seen.has(value)) throw illegal(path);
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item, i) => transferArgument(item, `${path}.${i}`, seen));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === undefined) continue;
      out[key] = transferArgument(item, path === '' ? key : `${path}.${key}`, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function holdsDate(value: unknown): boolean {
  if (Object.prototype.toString.call(value) === '[object Date]') return true;
  if (Array.isArray(value)) return value.some(holdsDate);
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsDate);
  return false;
}

/** A server return value as the client receives it: a copy; one holding a Date arrives as null. */
function transferResult(value: unknown): unknown {
  if (value === undefined || holdsDate(value)) return value === undefined ? undefined : null;
  return JSON.parse(JSON.stringify(value)) as unknown;
}

export class HtmlPage {
  readonly dom: JSDOM;
  readonly calls: ServerCall[] = [];
  private pending = 0;
  private waiters: (() => void)[] = [];

  constructor(html: string, private readonly invoke: ServerInvoker) {
    // Loaded on first use: only the tests and the demo that open a page pay for jsdom.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { JSDOM: Dom } = require('jsdom') as typeof import('jsdom');
    this.dom = new Dom(html, {
      runScripts: 'dangerously',
      beforeParse: (window) => {
        this.window = window;
        (window as unknown as { google: unknown }).google = { script: { run: this.runner({}), host: { close: () => { this.closed = true; } } } };
      },
    });
  }

  closed = false;
  // The page's window, known before its scripts run (they may call the server while the page loads).
  private window!: import('jsdom').DOMWindow;

  get document(): Document {
    return this.dom.window.document;
  }

  private runner(handlers: { success?: (v: unknown, u?: unknown) => void; failure?: (e: Error, u?: unknown) => void; user?: unknown }): unknown {
    const withHandlers = (more: typeof handlers): unknown => this.runner({ ...handlers, ...more });
    const send = (name: string, args: unknown[]): void => this.send(name, args, handlers);
    return new Proxy({}, {
      get(_target, name: string | symbol): unknown {
        if (typeof name !== 'string') return undefined;
        if (name === 'withSuccessHandler') return (f: (v: unknown, u?: unknown) => void) => withHandlers({ success: f });
        if (name === 'withFailureHandler') return (f: (e: Error, u?: unknown) => void) => withHandlers({ failure: f });
        if (name === 'withUserObject') return (u: unknown) => withHandlers({ user: u });
        return (...args: unknown[]): void => send(name, args);
      },
    });
  }

  private send(name: string, args: unknown[], handlers: { success?: (v: unknown, u?: unknown) => void; failure?: (e: Error, u?: unknown) => void; user?: unknown }): void {
    const window = this.window;
    this.pending++;
    window.setTimeout(() => {
      let outcome: { ok: true; value: unknown } | { ok: false; error: Error };
      let sent: unknown[] = [];
      try {
        sent = args.map((a, i) => transferArgument(a, String(i), new Set()));
        if (name.endsWith('_')) throw new Error(`Script function not found: ${name}`);
        const value = this.invoke(name, sent);
        outcome = { ok: true, value: transferResult(value) };
        this.calls.push({ name, args: sent, result: outcome.value });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        outcome = { ok: false, error: new window.Error(message) };
        this.calls.push({ name, args: sent, error: message });
      }
      try {
        if (outcome.ok) handlers.success?.(outcome.value, handlers.user);
        else handlers.failure?.(outcome.error, handlers.user);
      } finally {
        this.pending--;
        if (this.pending === 0) for (const done of this.waiters.splice(0)) done();
      }
    }, 0);
  }

  /** Resolves once every server call made so far (and any they started) has answered. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  element<T extends Element = HTMLElement>(id: string): T {
    const found = this.document.getElementById(id);
    if (!found) throw new Error(`No element #${id} in the page`);
    return found as unknown as T;
  }

  /** Types into a field as a person does: sets the value and fires input and change. */
  type(id: string, value: string): void {
    const field = this.element<HTMLInputElement>(id);
    field.value = value;
    field.dispatchEvent(new this.dom.window.Event('input', { bubbles: true }));
    field.dispatchEvent(new this.dom.window.Event('change', { bubbles: true }));
  }

  /** Picks an option of a select, or ticks / unticks a checkbox. */
  choose(id: string, value: string | boolean): void {
    const field = this.element<HTMLInputElement>(id);
    if (typeof value === 'boolean') field.checked = value;
    else field.value = value;
    field.dispatchEvent(new this.dom.window.Event('change', { bubbles: true }));
    field.dispatchEvent(new this.dom.window.Event('input', { bubbles: true }));
  }

  click(id: string): void {
    this.element(id).dispatchEvent(new this.dom.window.MouseEvent('click', { bubbles: true }));
  }

  /** What the person reads on the page. */
  text(): string {
    const body = this.document.body.cloneNode(true) as HTMLElement;
    for (const hidden of [...body.querySelectorAll('script, style')]) hidden.remove();
    return (body.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  close(): void {
    this.dom.window.close();
  }
}
