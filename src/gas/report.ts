import { UI } from '../core/messages';
import { languageOf } from './spreadsheet';
import { notYet } from './ui';

// Placeholder until the feature lands: the menu item explains instead of failing.
export function runGenerateReport(): void {
  notYet(languageOf(SpreadsheetApp.getActiveSpreadsheet(), null), UI.generateReportNoCycle);
}
