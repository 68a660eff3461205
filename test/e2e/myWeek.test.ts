/**
 * "My week": the sidebar served by HtmlService, run as the person's browser runs it (jsdom), its
 * google.script.run calling the built bundle's top-level functions in the emulator.
 */
import { Emulator, HtmlPage } from '../../src/node/emulator';
import { exampleEmulator } from './harness';

function open(emulator: Emulator): HtmlPage {
  emulator.call('menuMyWeek');
  return emulator.openPage('sidebar');
}

function tab(emulator: Emulator, name: string): unknown[][] {
  const sheet = emulator.spreadsheet.getSheetByName(name)!;
  return sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
}

function column(grid: unknown[][], header: string): number {
  return (grid[0] as string[]).indexOf(header);
}

describe('My week', () => {
  let pages: HtmlPage[] = [];
  const page = (emulator: Emulator): HtmlPage => {
    const p = open(emulator);
    pages.push(p);
    return p;
  };
  afterEach(() => {
    for (const p of pages) p.close();
    pages = [];
  });

  test('an owner sees only their own open tasks and this week\'s numbers, prefilled', () => {
    const emulator = exampleEmulator({ userEmail: 'wang@example.com' });
    const p = page(emulator);
    const sidebar = emulator.ui.dialogs.at(-1)!;
    expect(sidebar.kind).toBe('sidebar');
    expect(sidebar.title).toBe('My week');
    const text = p.text();
    expect(text).toContain('Follow up new-customer contracts');
    expect(text).not.toContain('Exhibit at the Shanghai trade show'); // Li's task
    expect(text).not.toContain('Research East China manufacturing customers'); // Zhang's, and done
    // Wang's Weekly log row of the week of 2023-07-24 (Trade shows), and the plan's other channels, empty.
    expect(p.element<HTMLInputElement>('t-0-problem').value).toBe('3 customers have long decision cycles');
    expect(p.element<HTMLInputElement>('w-0-visits').value).toBe('16');
    expect(text).toContain('Online platforms');
    expect(p.element<HTMLInputElement>('w-1-visits').value).toBe('');
    // An owner cannot switch to someone else.
    expect(p.document.getElementById('owner')).toBeNull();
  });

  test('a check-in saves one batched write per run of rows, stamps Updated, flags needs help and logs it', async () => {
    const emulator = exampleEmulator({ userEmail: 'wang@example.com' });
    const p = page(emulator);
    p.type('t-0-progress', '14 signed; 2 in trial');
    p.choose('t-0-needsHelp', true);
    p.type('t-0-helpNote', 'A second trial licence for 上海某制造');
    p.type('w-0-visits', '18');
    p.type('w-1-newCustomers', '2');
    p.type('w-1-revenue', '3.5');
    emulator.calls.reset();
    const before = emulator.clock.nowMs();
    p.click('save');
    await p.idle();

    const save = p.calls.find((c) => c.name === 'myWeekSave')!;
    expect(save.error).toBeUndefined();
    // Tracking: one write for the task row; Weekly log: one for the changed row, one for the appended row; Log: one.
    expect(emulator.calls.count('Range.setValues')).toBe(4);
    const tracking = tab(emulator, 'Tracking');
    const row = tracking[3]!;
    expect(row[column(tracking, 'Progress')]).toBe('14 signed; 2 in trial');
    expect(row[column(tracking, 'Needs help')]).toBe('Yes');
    expect(row[column(tracking, 'Help asked for')]).toBe('A second trial licence for 上海某制造');
    expect(row[column(tracking, 'Flagged on')]).toEqual(new Date('2023-07-28T00:00:00+08:00'));
    const updated = (row[column(tracking, 'Updated')] as Date).getTime();
    expect(updated).toBeGreaterThanOrEqual(before);
    expect(updated).toBeLessThanOrEqual(emulator.clock.nowMs());
    // Nothing else in the row changed.
    expect(row[column(tracking, 'Problem')]).toBe('3 customers have long decision cycles');
    expect(row[column(tracking, 'Frequency')]).toBe('Weekly');
    const weekly = tab(emulator, 'Weekly log');
    expect(weekly[4]![column(weekly, 'Visits')]).toBe(18);
    const added = weekly.at(-1)!;
    expect(added[column(weekly, 'Week')]).toEqual(new Date('2023-07-24T00:00:00+08:00'));
    expect(added[column(weekly, 'Owner')]).toBe('Wang*');
    expect(added[column(weekly, 'Channel')]).toBe('Online platforms');
    expect(added[column(weekly, 'New customers')]).toBe(2);
    expect(added[column(weekly, 'Revenue')]).toBe(3.5);
    const log = tab(emulator, 'Log').at(-1)!;
    expect(log[1]).toBe('My week');
    expect(log[2]).toBe('wang@example.com');
    expect(String(log[3])).toContain('Wang*: 1 task(s), 2 weekly row(s) (1 new), week of 2023-07-24; needs help: Follow up new-customer contracts');
    // The form shows the sheet as it now is.
    expect(p.text()).toContain('Saved: 1 task(s) and 2 weekly row(s) (1 new).');
    expect(p.element<HTMLInputElement>('w-1-newCustomers').value).toBe('2');
  });

  test('validation refuses "fifty" with the message Check data gives, and the server refuses it too', async () => {
    const emulator = exampleEmulator({ userEmail: 'wang@example.com' });
    const p = page(emulator);
    p.type('w-0-visits', 'fifty');
    const shown = p.document.querySelector('.error')?.textContent ?? '';
    p.click('save');
    await p.idle();
    expect(p.calls.filter((c) => c.name === 'myWeekSave')).toHaveLength(0);
    expect(p.text()).toContain('Correct the fields marked in red first.');

    // Check data on the same cell typed in the grid says the same.
    const weekly = emulator.spreadsheet.getSheetByName('Weekly log')!;
    const before = weekly.getRange(5, 4).getValue();
    weekly.getRange(5, 4).setValue('fifty');
    emulator.call('menuCheckData');
    const dialog = emulator.ui.dialogs.at(-1)!.html;
    // Check data's message names the column and reads the cell as a count (the unit rule's fix).
    expect(shown).toBe('Visits: "fifty" is not a number. Type a number such as 45, 12%, 215万 or 1:7.7, or leave the cell empty. Type a count such as 45 (45家 and 1.2万 are read too), or leave it empty.');
    expect(dialog).toContain('Visits: &quot;fifty&quot; is not a number. Type a number such as 45, 12%, 215万 or 1:7.7, or leave the cell empty.');
    expect(dialog).toContain('Type a count such as 45 (45家 and 1.2万 are read too), or leave it empty.');
    weekly.getRange(5, 4).setValue(before);

    // A request that skips the form's checks writes nothing.
    emulator.calls.reset();
    const view = emulator.call('myWeekLoad', { owner: 'Wang*' }) as { weekly: { row: number; key: string; channel: string }[] };
    const entry = view.weekly[0]!;
    const answer = emulator.call('myWeekSave', {
      owner: 'Wang*', week: '2023-07-24', tasks: [],
      weekly: [{ row: entry.row, key: entry.key, channel: entry.channel, changes: { visits: { from: '16', to: 'fifty' } } }],
    }) as { ok: boolean; details: string[] };
    expect(answer.ok).toBe(false);
    expect(answer.details[0]).toContain('"fifty" is not a number.');
    expect(emulator.calls.count('Range.setValues')).toBe(0);
  });

  test('an edit by someone else between opening and saving is detected, and both values are kept', async () => {
    const emulator = exampleEmulator({ userEmail: 'wang@example.com' });
    const p = page(emulator);
    // Li edits the same cell in the grid while Wang's form is open.
    const sheet = emulator.spreadsheet.getSheetByName('Tracking')!;
    emulator.addUser('li@example.com');
    emulator.as('li@example.com', () => {
      sheet.getRange(4, 7).setValue('Two customers now on hold');
      emulator.fireOnEdit(sheet.getRange(4, 7));
    });
    p.type('t-0-problem', 'Decision cycles of 3 customers are long');
    p.type('t-0-solution', 'Offer a 30-day trial');
    p.click('save');
    await p.idle();

    expect(sheet.getRange(4, 7).getValue()).toBe('Two customers now on hold'); // theirs kept in the sheet
    expect(sheet.getRange(4, 8).getValue()).toBe('Offer a 30-day trial'); // the untouched field saved
    const text = p.text();
    expect(text).toContain('Follow up new-customer contracts — Problem met: in the sheet now “Two customers now on hold”; yours “Decision cycles of 3 customers are long”.');
    // Yours stays in the form, one click away, and in Log.
    const use = p.document.querySelector<HTMLButtonElement>('#conflicts button')!;
    use.dispatchEvent(new p.dom.window.MouseEvent('click', { bubbles: true }));
    expect(p.element<HTMLTextAreaElement>('t-0-problem').value).toBe('Decision cycles of 3 customers are long');
    const log = String(tab(emulator, 'Log').at(-1)![3]);
    expect(log).toContain('kept Two customers now on hold');
    expect(log).toContain('Wang* typed Decision cycles of 3 customers are long');
    // Saving again now replaces theirs, knowingly.
    p.click('save');
    await p.idle();
    expect(sheet.getRange(4, 7).getValue()).toBe('Decision cycles of 3 customers are long');
  });

  test('a manager checks in for an owner', async () => {
    const emulator = exampleEmulator({ userEmail: 'director@example.com' });
    const p = page(emulator);
    const owners = [...p.element<HTMLSelectElement>('owner').options].map((o) => o.value);
    expect(owners).toEqual(['Zhang*', 'Li*', 'Wang*', 'Zhao*', 'Director']);
    // The director is in Team but owns no task: the form opens on them, and switches to anyone.
    expect(p.text()).toContain('No open tasks.');
    p.choose('owner', 'Wang*');
    await p.idle();
    expect(p.text()).toContain('Wang*: update your open tasks');
    expect(p.text()).toContain('Follow up new-customer contracts');
    p.type('t-0-nextStep', 'Director to call the two customers on hold');
    p.click('save');
    await p.idle();
    expect(emulator.spreadsheet.getSheetByName('Tracking')!.getRange(4, 9).getValue()).toBe('Director to call the two customers on hold');
    expect(String(tab(emulator, 'Log').at(-1)![3])).toContain('(by director@example.com for Wang*)');
  });

  test('when Apps Script hides the person\'s email (a consumer owner\'s sheet), they choose their name', async () => {
    const emulator = exampleEmulator(); // the director's consumer account owns the script
    emulator.addUser('wang@example.com');
    const p = emulator.as('wang@example.com', () => page(emulator));
    expect(p.text()).toContain('The script cannot see your account\'s email address, so choose your name.');
    emulator.switchUser('wang@example.com');
    p.choose('owner', 'Wang*');
    await p.idle();
    expect(p.text()).toContain('Follow up new-customer contracts');
  });

  test('an owner cannot save for someone else, whatever the request says', () => {
    const emulator = exampleEmulator({ userEmail: 'wang@example.com' });
    const answer = emulator.call('myWeekSave', {
      owner: 'Li*', week: '2023-07-24', weekly: [],
      tasks: [{ row: 3, key: 'x', changes: { problem: { from: 'Lead quality is uneven', to: 'hacked' } } }],
    }) as { ok: boolean; message: string };
    expect(answer.ok).toBe(false);
    expect(answer.message).toBe('Only managers (Settings → Manager emails) can check in for someone else.');
    expect(emulator.spreadsheet.getSheetByName('Tracking')!.getRange(3, 7).getValue()).toBe('Lead quality is uneven');
  });

  test('every cell value stays text in the page served by HtmlService', () => {
    const emulator = exampleEmulator({ userEmail: 'wang@example.com' });
    const sheet = emulator.spreadsheet.getSheetByName('Tracking')!;
    sheet.getRange(5, 2, 1, 3).setValues([['<img src=x onerror=alert(1)>', 'Wang*', '2023-08-01']]);
    sheet.getRange(5, 7).setValue('</script><script>alert(2)</script>');
    const p = page(emulator);
    const html = emulator.ui.dialogs.at(-1)!.html;
    expect(html).not.toContain('<img');
    expect(html).not.toContain('</script><script>alert(2)');
    expect(p.document.querySelectorAll('img')).toHaveLength(0);
    expect(p.text()).toContain('<img src=x onerror=alert(1)>');
    expect(p.element<HTMLTextAreaElement>('t-1-problem').value).toBe('</script><script>alert(2)</script>');
  });
});
