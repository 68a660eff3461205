/**
 * Granular consent (2025): a person may tick only some of the manifest's scopes. Every entry point checks
 * the scopes it needs (core/scopes.ts ACTION_SCOPES) before it does anything: a menu item explains what is
 * missing and why, in the sheet's language (both when the sheet cannot be read), then lets Apps Script show
 * its consent screen (ScriptApp.requireScopes ends the run there); a trigger cannot ask anyone, so the
 * reminder run uses missingScopes and stops itself cleanly (see reminders.ts).
 */
import { ACCESS, missingList } from '../core/accessText';
import { Lang, fill, pick } from '../core/i18n';
import { ACTION_SCOPES, Action, SCOPES, ScopeKey } from '../core/scopes';
import { openWorkbook } from './spreadsheet';
import { spreadsheetUi } from './run';

/** ScriptApp's authorization API as of 2025 (getAuthorizationInfo with scopes, getAuthorizedScopes); the typings predate it. */
interface AuthorizationInfo {
  getAuthorizationUrl(): string | null;
  getAuthorizedScopes(): string[] | null;
}
interface ScopedScriptApp {
  getAuthorizationInfo(authMode: GoogleAppsScript.Script.AuthMode, oAuthScopes: string[]): AuthorizationInfo;
  requireScopes(authMode: GoogleAppsScript.Script.AuthMode, oAuthScopes: string[]): void;
}

function scriptApp(): ScopedScriptApp {
  return ScriptApp as unknown as ScopedScriptApp;
}

/** Which of `keys` the effective user has not granted, and the link that grants them. */
export function missingScopes(keys: readonly ScopeKey[]): { missing: ScopeKey[]; url: string } {
  const unique = [...new Set(keys)];
  const info = scriptApp().getAuthorizationInfo(ScriptApp.AuthMode.FULL, unique.map((k) => SCOPES[k]));
  const granted = new Set(info.getAuthorizedScopes() ?? []);
  const missing = unique.filter((k) => !granted.has(SCOPES[k]));
  return { missing, url: missing.length > 0 ? info.getAuthorizationUrl() ?? '' : '' };
}

/** The sheet's language, or null (say it in both) when the sheet cannot be read. */
function sheetLang(canRead: boolean): Lang | null {
  if (!canRead) return null;
  try {
    return openWorkbook(SpreadsheetApp.getActiveSpreadsheet(), []).lang;
  } catch {
    return null;
  }
}

function say(lang: Lang | null, missing: readonly ScopeKey[], url: string): string {
  const text = (l: Lang): string => pick(fill(ACCESS.missing, { list: missingList(missing, l), url }), l);
  return lang === null ? `${text('en')}\n\n${text('zh-CN')}` : text(lang);
}

/**
 * True when the person granted every scope `action` needs (plus `also`, e.g. a scope a setting turns
 * on). Otherwise says which permission is missing and how to grant it, asks Apps Script for its consent
 * screen, and returns false: the caller does nothing.
 */
export function hasGrants(action: Action, also: readonly ScopeKey[] = []): boolean {
  const { missing, url } = missingScopes([...ACTION_SCOPES[action], ...also]);
  if (missing.length === 0) return true;
  // Without the dialog scope no message can be shown: Google's own consent screen says it.
  if (!missing.includes('ui')) {
    const lang = sheetLang(!missing.includes('sheet'));
    const ui = spreadsheetUi();
    ui.alert(lang === null ? `${pick(ACCESS.missingTitle, 'en')} · ${pick(ACCESS.missingTitle, 'zh-CN')}` : pick(ACCESS.missingTitle, lang), say(lang, missing, url), ui.ButtonSet.OK);
  }
  scriptApp().requireScopes(ScriptApp.AuthMode.FULL, missing.map((k) => SCOPES[k]));
  return false;
}
