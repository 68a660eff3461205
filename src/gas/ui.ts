import { Bilingual, Lang, fill, pick } from '../core/i18n';
import { spreadsheetUi } from './run';

/** A modal dialog with HTML the caller has already escaped. */
export function showDialog(title: string, html: string, width = 720, height = 480): void {
  const output = HtmlService.createHtmlOutput(`<div style="font:13px Arial,sans-serif">${html}</div>`).setWidth(width).setHeight(height);
  spreadsheetUi().showModalDialog(output, title);
}

export function alertText(lang: Lang, text: Bilingual, params: Record<string, string | number> = {}): void {
  spreadsheetUi().alert(pick(fill(text, params), lang));
}

/** The message of whatever an Apps Script service threw (an Error, or occasionally a bare string). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
