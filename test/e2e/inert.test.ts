import { exampleEmulator } from './harness';

const FORMULA_TEXT = '=HYPERLINK("http://x","y")';
const SCRIPT_TEXT = '<script>alert(1)</script>';

/** The example plus two overdue tasks whose names a browser or Sheets would execute if they were not kept inert. */
function plantedSheet() {
  const emulator = exampleEmulator({ now: new Date('2023-07-28T08:00:00+08:00') });
  const tracking = emulator.spreadsheet.getSheetByName('Tracking')!;
  // A person types these; the apostrophe is how Sheets keeps a leading "=" as text.
  tracking.getRange(5, 1, 2, 5).setValues([
    ['Execute', `'${FORMULA_TEXT}`, 'Wang*', '2023-07-20', 'In progress'],
    ['Execute', SCRIPT_TEXT, 'Wang*', '2023-07-21', 'In progress'],
  ]);
  return { emulator, tracking };
}

describe('text that looks like a formula or a script stays inert everywhere', () => {
  it('in the Check data dialog', () => {
    const { emulator } = plantedSheet();
    emulator.call('menuCheckData');
    const html = emulator.ui.dialogs.at(-1)!.html;
    expect(html).not.toContain(SCRIPT_TEXT);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)');
  });

  it('in the reminder preview and the emails', () => {
    const { emulator } = plantedSheet();
    emulator.call('menuPreviewReminders');
    expect(emulator.ui.dialogs.at(-1)!.html).not.toContain(SCRIPT_TEXT);
    emulator.call('menuSendRemindersNow');
    const wang = emulator.mail.find((m) => m.to === 'wang@example.com')!;
    expect(wang.htmlBody).not.toContain(SCRIPT_TEXT);
    expect(wang.htmlBody).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(wang.body).toContain(SCRIPT_TEXT); // plain text is shown as text by every mail program
    expect(wang.body).toContain(FORMULA_TEXT);
  });

  it('in the report, and after the roll-over carries the tasks into the next cycle', () => {
    const { emulator, tracking } = plantedSheet();
    emulator.clock.set(new Date('2023-10-08T10:00:00+08:00'));
    emulator.call('menuGenerateReport');
    const doc = emulator.documents.find((d) => !d.trashed)!;
    expect(doc.body.plainText()).toContain(SCRIPT_TEXT);
    expect(doc.body.plainText()).toContain(FORMULA_TEXT);
    expect(emulator.ui.dialogs.at(-1)!.html).not.toContain('<script>');
    emulator.ui.respondNextAlert('YES');
    emulator.call('menuStartNextCycle');
    const tasks = tracking.getRange(2, 2, tracking.getLastRow() - 1, 1);
    const names = tasks.getValues().map((r) => r[0]);
    expect(names).toEqual(expect.arrayContaining([FORMULA_TEXT, SCRIPT_TEXT]));
    expect(tasks.getFormulas().flat().every((f) => f === '')).toBe(true);
  });
});
