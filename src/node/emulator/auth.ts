/**
 * Who runs the script, in which execution context, with which grants — and what Apps Script refuses.
 *
 * Accounts: several people share one spreadsheet; each has an email (Workspace or consumer), the scopes
 * they granted on the consent screen (granular consent: any subset of the manifest's), their own mail
 * quota, user properties and triggers. An account that left the company keeps nothing running.
 *
 * Execution contexts, as Apps Script has them (sources cited in test/node/strict.test.ts):
 * - 'menu' / 'editor': FULL authorization as the person clicking; UI available.
 * - 'timeDriven' / 'installable': FULL as the trigger's owner; a time-driven run has no UI
 *   ("Cannot call SpreadsheetApp.getUi() from this context.").
 * - 'simpleTrigger' (onOpen, onEdit): LIMITED — no service that needs authorization except the bound
 *   spreadsheet itself and menus; no dialogs; 30 seconds; the active user's email is blank.
 * - 'customFunction': CUSTOM_FUNCTION — the spreadsheet read-only, no service that needs authorization,
 *   no UI; 30 seconds; the active user's email is blank.
 */

export const SCOPE = {
  sheetCurrent: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  sheets: 'https://www.googleapis.com/auth/spreadsheets',
  ui: 'https://www.googleapis.com/auth/script.container.ui',
  documents: 'https://www.googleapis.com/auth/documents',
  driveFile: 'https://www.googleapis.com/auth/drive.file',
  drive: 'https://www.googleapis.com/auth/drive',
  driveReadonly: 'https://www.googleapis.com/auth/drive.readonly',
  sendMail: 'https://www.googleapis.com/auth/script.send_mail',
  triggers: 'https://www.googleapis.com/auth/script.scriptapp',
  email: 'https://www.googleapis.com/auth/userinfo.email',
  fetch: 'https://www.googleapis.com/auth/script.external_request',
} as const;

export type ExecutionKind = 'editor' | 'menu' | 'simpleTrigger' | 'customFunction' | 'timeDriven' | 'installable';
export type AuthModeName = 'FULL' | 'LIMITED' | 'CUSTOM_FUNCTION';

/** Execution time limits: 6 minutes, 30 seconds for simple triggers and custom functions (Quotas for Google Services). */
export const LIMIT_MS: Record<ExecutionKind, number> = {
  editor: 360_000, menu: 360_000, timeDriven: 360_000, installable: 360_000, simpleTrigger: 30_000, customFunction: 30_000,
};

export function authModeOf(kind: ExecutionKind): AuthModeName {
  return kind === 'simpleTrigger' ? 'LIMITED' : kind === 'customFunction' ? 'CUSTOM_FUNCTION' : 'FULL';
}

/** Consumer mail domains: accounts there are personal Google accounts, not a company's Workspace. */
const CONSUMER_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

export interface AccountOptions {
  /** 'workspace' (a company's Google Workspace) or 'consumer' (a personal account). Default: consumer for gmail.com, else workspace. */
  kind?: 'consumer' | 'workspace';
  /** The scopes this person ticked on the consent screen; default every scope of the manifest. */
  grants?: readonly string[];
}

export class Account {
  readonly domain: string;
  readonly kind: 'consumer' | 'workspace';
  /** null: everything the manifest asks for (a person who ticked every box). */
  granted: Set<string> | null;
  /** The account was deleted or suspended (the person left): nothing runs as it any more. */
  left = false;
  readonly userProperties = new Map<string, string>();
  constructor(readonly email: string, opts: AccountOptions = {}) {
    this.domain = email.split('@')[1]?.toLowerCase() ?? '';
    this.kind = opts.kind ?? (CONSUMER_DOMAINS.has(this.domain) ? 'consumer' : 'workspace');
    this.granted = opts.grants ? new Set(opts.grants) : null;
  }
  /** Untick a scope (granular consent) or revoke it later in the Google Account settings. */
  decline(...scopes: string[]): this {
    this.granted ??= new Set(Object.values(SCOPE));
    for (const s of scopes) this.granted.delete(s);
    return this;
  }
  grant(...scopes: string[]): this {
    if (this.granted) for (const s of scopes) this.granted.add(s);
    return this;
  }
  has(scope: string, manifest: readonly string[] | null): boolean {
    if (manifest && !manifest.includes(scope)) return false;
    return this.granted === null || this.granted.has(scope);
  }
}

export interface Execution {
  readonly kind: ExecutionKind;
  /** Whose authority the script runs under (Session.getEffectiveUser). */
  readonly effective: Account;
  /** The person at the keyboard, if any (Session.getActiveUser). */
  readonly active: Account;
  readonly name: string;
}

/**
 * The scopes (any one suffices) a method needs, by the `Service.method` key every emulated call records;
 * null when it needs none. From the "Authorization" section of each method's reference page.
 */
export function requiredScopes(key: string): readonly string[] | null {
  const [service = '', method = ''] = key.split('.');
  if (service === 'SpreadsheetApp') {
    if (method === 'getUi' || method.startsWith('new') || method === 'flush') return null;
    if (method === 'openById' || method === 'openByUrl' || method === 'open' || method === 'create') return [SCOPE.sheets];
    return [SCOPE.sheetCurrent, SCOPE.sheets];
  }
  if (['Spreadsheet', 'Sheet', 'Range', 'DataValidation', 'ConditionalFormatRule', 'BooleanCondition', 'Protection'].includes(service)) {
    return [SCOPE.sheetCurrent, SCOPE.sheets];
  }
  if (service === 'Ui') return ['alert', 'prompt', 'showModalDialog', 'showModelessDialog', 'showSidebar'].includes(method) ? [SCOPE.ui] : null;
  if (['DocumentApp', 'Document', 'Body', 'Paragraph', 'ListItem', 'Table', 'TableRow', 'TableCell', 'InlineImage', 'Text'].includes(service)) {
    return [SCOPE.documents];
  }
  if (['DriveApp', 'File', 'Folder'].includes(service)) return [SCOPE.drive];
  if (service === 'Drive') return [SCOPE.driveFile, SCOPE.drive];
  if (service === 'MailApp') return [SCOPE.sendMail];
  if (service === 'UrlFetchApp') return method === 'fetch' || method === 'fetchAll' ? [SCOPE.fetch] : null;
  if (service === 'ScriptApp') return ['newTrigger', 'getProjectTriggers', 'deleteTrigger', 'getUserTriggers'].includes(method) ? [SCOPE.triggers] : null;
  if (['Trigger', 'TriggerBuilder', 'ClockTriggerBuilder', 'SpreadsheetTriggerBuilder'].includes(service)) return [SCOPE.triggers];
  if (service === 'User' && method === 'getEmail') return [SCOPE.email];
  return null;
}

const SPREADSHEET_SERVICES = new Set(['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range', 'DataValidation', 'ConditionalFormatRule', 'BooleanCondition', 'Protection']);
const SPREADSHEET_WRITE = /^(set|insert|delete|append|clear|copy|move|hide|show|merge|sort|auto|activate|protect|remove|add|toast|rename|duplicate)/;

export const AuthErrors = {
  noPermission: (key: string, scopes: readonly string[]) => `You do not have permission to call ${key}. Required permissions: ${scopes.join(' || ')}`,
  notInManifest: (key: string, scopes: readonly string[]) => `Specified permissions are not sufficient to call ${key}. Required permissions: ${scopes.join(' || ')}`,
  readOnly: (key: string) => `You do not have permission to call ${key.split('.')[1] ?? key}`,
  noUi: 'Cannot call SpreadsheetApp.getUi() from this context.',
};

/**
 * Throws what Apps Script throws when `key` is called in `exec` (null: outside any execution, as a test
 * calling services directly). `manifest` is the project's oauthScopes (null: not loaded, nothing limited).
 */
export function guard(exec: Execution | null, key: string, manifest: readonly string[] | null): void {
  if (exec === null) return;
  const service = key.split('.')[0] ?? '';
  const method = key.split('.')[1] ?? '';
  if (key === 'SpreadsheetApp.getUi' && (exec.kind === 'timeDriven' || exec.kind === 'customFunction')) throw new Error(AuthErrors.noUi);
  const needs = requiredScopes(key);
  if (needs === null) return;
  if (exec.kind === 'customFunction') {
    // Custom functions read the spreadsheet without authorization; nothing else that needs it.
    if (SPREADSHEET_SERVICES.has(service) && needs.includes(SCOPE.sheetCurrent)) {
      if (SPREADSHEET_WRITE.test(method)) throw new Error(AuthErrors.readOnly(key));
      return;
    }
    if (key === 'User.getEmail') return; // blank, see Session
    throw new Error(AuthErrors.noPermission(key, needs));
  }
  if (exec.kind === 'simpleTrigger') {
    // A simple trigger may change the file it is bound to, and build menus; nothing else needing authorization.
    if (SPREADSHEET_SERVICES.has(service) && needs.includes(SCOPE.sheetCurrent)) return;
    if (key === 'User.getEmail') return;
    throw new Error(AuthErrors.noPermission(key, needs));
  }
  if (manifest && !needs.some((s) => manifest.includes(s))) throw new Error(AuthErrors.notInManifest(key, needs));
  if (!needs.some((s) => exec.effective.has(s, manifest))) throw new Error(AuthErrors.noPermission(key, needs));
}

/** Whether Apps Script reveals the active user's email here (User.getEmail reference). */
export function activeEmailVisible(exec: Execution | null, scriptOwner: Account): boolean {
  if (exec === null) return true;
  if (exec.kind === 'simpleTrigger' || exec.kind === 'customFunction') return false;
  const user = exec.active;
  if (user === scriptOwner) return true;
  return user.kind === 'workspace' && scriptOwner.kind === 'workspace' && user.domain === scriptOwner.domain;
}
