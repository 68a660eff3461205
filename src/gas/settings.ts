import { matchesSetting } from '../core/model';
import { SETTINGS_TAB, SettingSpec, TabKey } from '../core/schema';
import { normalizeLabel } from '../core/options';
import { asLiteral, mapHeaders } from '../core/table';
import { readGrid } from './spreadsheet';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Writes one setting's value in place (appending its row when missing); the label stays as typed. */
export function writeSetting(tabs: Map<TabKey, Sheet>, spec: SettingSpec, value: string | number | Date): void {
  const sheet = tabs.get('settings');
  if (!sheet) throw new Error(`The Settings tab is missing. Run Set up or repair sheets. / 缺少“设置”工作表，请运行“创建或修复工作表”。`);
  const grid = readGrid(sheet);
  const header = mapHeaders(SETTINGS_TAB, grid[0] ?? []);
  const labelColumn = header.index.get('setting') ?? 0;
  const valueColumn = header.index.get('value') ?? 1;
  const rowIndex = grid.findIndex((row, i) => i > 0 && matchesSetting(spec, row[labelColumn]));
  const target = rowIndex > 0 ? rowIndex + 1 : Math.max(grid.length, 1) + 1;
  // A missing row gets its label in the tab's own language (a Chinese sheet has a 设置 tab).
  const chinese = normalizeLabel(sheet.getName()) === normalizeLabel(SETTINGS_TAB.name.zh);
  if (rowIndex <= 0) sheet.getRange(target, labelColumn + 1).setValue(chinese ? spec.label.zh : spec.label.en);
  sheet.getRange(target, valueColumn + 1).setValue(typeof value === 'string' ? asLiteral(value) : value);
}
