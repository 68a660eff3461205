/**
 * IMPORTRANGE across emulated spreadsheets, as Google's IMPORTRANGE help describes it: #REF! until a person who
 * can view the source allows access once, then the source's values (not its formulas), spilling from the cell;
 * Loading... while loading; #REF! for a missing sheet, or when the result would overwrite typed cells.
 */
import { Emulator, SheetsWorld } from '../../src/node/emulator';

function book(id: string, owner: string): Emulator {
  return new Emulator({ spreadsheetId: `1${id}${'x'.repeat(40)}`, userEmail: owner });
}

describe('IMPORTRANGE in the emulator', () => {
  const world = new SheetsWorld();
  const source = book('source', 'lead@example.com');
  const data = source.spreadsheet.insertSheet('Roll-up data');
  data.getRange(1, 1, 2, 2).setValues([['Record', 'Value'], ['region', 'East China']]);
  world.add(source.spreadsheet, 'lead@example.com', ['director@example.com']);
  const rollup = book('rollup', 'director@example.com');
  const sheet = rollup.spreadsheet.insertSheet('Region imports');
  const url = source.spreadsheet.getUrl();
  sheet.getRange('A2').setFormula(`=IFERROR(IMPORTRANGE("${url}", "'Roll-up data'!A1:B2"), IMPORTRANGE("${url}", "'汇总数据'!A1:B2"))`);

  it('is #REF! until access is allowed by someone who can view the source', () => {
    world.recalculate(rollup.spreadsheet);
    expect(sheet.getRange('A2').getValue()).toBe('#REF!');
    expect(world.allowAccess(rollup.spreadsheet, url, 'stranger@example.com')).toBe(false);
    expect(world.allowAccess(rollup.spreadsheet, url, 'director@example.com')).toBe(true);
    world.recalculate(rollup.spreadsheet);
    expect(sheet.getRange('A2:B3').getValues()).toEqual([['Record', 'Value'], ['region', 'East China']]);
    // The spilled cells hold values, not formulas.
    expect(sheet.getRange('B3').getFormula()).toBe('');
  });

  it('follows the source when it changes, shows Loading... while loading', () => {
    data.getRange('B2').setValue('华东区域');
    world.recalculate(rollup.spreadsheet);
    expect(sheet.getRange('B3').getValue()).toBe('华东区域');
    world.setLoading(source.spreadsheet, true);
    world.recalculate(rollup.spreadsheet);
    expect(sheet.getRange('A2').getValue()).toBe('Loading...');
    world.setLoading(source.spreadsheet, false);
  });

  it('is #REF! for a sheet the source does not have, or a result that would overwrite typed cells', () => {
    sheet.getRange('D2').setFormula(`=IMPORTRANGE("${url}", "Nope!A1:B2")`);
    sheet.getRange('G2').setFormula(`=IMPORTRANGE("${url}", "'Roll-up data'!A1:B2")`);
    sheet.getRange('H3').setValue('typed');
    world.recalculate(rollup.spreadsheet);
    expect(sheet.getRange('D2').getValue()).toBe('#REF!');
    expect(sheet.getRange('G2').getValue()).toBe('#REF!');
    expect(sheet.getRange('H3').getValue()).toBe('typed');
  });
});
