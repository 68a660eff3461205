/** The progress history and the weekly loop's managers' summary, through the built bundle in the emulator. */
import { Emulator } from '../../src/node/emulator';
import { exampleEmulator } from './harness';

const HISTORY = 'Progress history';

function rows(emulator: Emulator): unknown[][] {
  const sheet = emulator.spreadsheet.getSheetByName(HISTORY)!;
  return sheet.getLastRow() < 2 ? [] : sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn()).getValues();
}

function managerMail(emulator: Emulator): string {
  return emulator.mail.filter((m) => m.to === 'director@example.com').at(-1)!.body;
}

describe('progress history (built bundle)', () => {
  it('set-up creates the tab; each reminder run appends one snapshot per metric in one write, and a retry adds no duplicate', () => {
    const emulator = exampleEmulator();
    expect(rows(emulator)).toEqual([]);
    emulator.calls.reset();
    emulator.call('menuSendRemindersNow');
    const appended = rows(emulator);
    expect(appended.map((r) => r[3])).toEqual(['New customers', 'East China revenue', 'Customer visits', 'Lead conversion rate']);
    expect(appended[0]!.slice(2, 10)).toEqual(['2023 Q3', 'New customers', '', 50, 10, 13.5484, 0.7381, 'Off track']);
    const historySheet = emulator.spreadsheet.getSheetByName(HISTORY)!;
    expect(historySheet.getRange(2, 1).getValue()).toEqual(new Date('2023-07-24T00:00:00+08:00'));
    // Pressing Send now again the same day (or a retry, or Check data) adds nothing.
    emulator.call('menuSendRemindersNow');
    emulator.call('menuCheckData');
    expect(rows(emulator)).toHaveLength(4);
  });

  it('a second week\'s run adds its own snapshot, and the summary shows the change week over week', () => {
    const emulator = exampleEmulator({ now: new Date('2023-07-21T09:00:00+08:00') });
    emulator.call('menuCheckData');
    emulator.clock.set(new Date('2023-07-28T09:00:00+08:00'));
    emulator.call('menuSendRemindersNow');
    expect(rows(emulator)).toHaveLength(8);
    // Lead conversion is derived from the Weekly log: 8 of 90 leads, then 10 of 120.
    // (written as 8.9%, which Sheets stores as the number 0.089 shown as a percentage)
    expect(rows(emulator).map((r) => r[4 + 2])).toEqual([8, 36, 48, expect.closeTo(0.089, 12), 10, 48, 64, expect.closeTo(0.083, 12)]);
    const body = managerMail(emulator);
    expect(body).toContain('This week\n- New customers: +2 this week, 78.7% → 73.8% of expected\n- East China revenue (10k CNY): +12 this week, 78.9% → 78.9% of expected');
  });

  it('a task flagged "needs help" leads the managers\' summary until it is cleared', () => {
    const emulator = exampleEmulator({ now: new Date('2023-07-26T09:00:00+08:00'), userEmail: 'wang@example.com' });
    // Wang flags the task in the sheet: Flagged on is stamped by the edit.
    const tracking = emulator.spreadsheet.getSheetByName('Tracking')!;
    tracking.getRange(4, 14).setValue('A second trial licence for 2 customers');
    tracking.getRange(4, 13).setValue('Yes');
    emulator.fireOnEdit(tracking.getRange(4, 13));
    expect(tracking.getRange(4, 15).getValue()).toEqual(new Date('2023-07-26T00:00:00+08:00'));
    emulator.clock.set(new Date('2023-07-28T09:00:00+08:00'));
    emulator.call('menuSendRemindersNow');
    const body = managerMail(emulator);
    expect(body.indexOf('Needs your help (escalated by the owners) (1)')).toBeLessThan(body.indexOf('This week'));
    expect(body).toContain('- Follow up new-customer contracts (Wang*): A second trial licence for 2 customers\n  flagged 2023-07-26, 2 days ago · no decision yet');

    // The director decides; the owner clears the flag; the next summary no longer lists it.
    tracking.getRange(4, 16).setValue('Approved: one more 30-day trial');
    tracking.getRange(4, 13).setValue('No');
    emulator.fireOnEdit(tracking.getRange(4, 13));
    emulator.clock.set(new Date('2023-08-04T09:00:00+08:00'));
    emulator.call('menuSendRemindersNow');
    expect(managerMail(emulator)).not.toContain('Needs your help');
  });
});

describe('the report from the weekly loop (built bundle)', () => {
  it('lists an escalated task in its resources section until it is cleared, and draws the history\'s trend', () => {
    const emulator = exampleEmulator({ now: new Date('2023-07-21T09:00:00+08:00') });
    emulator.call('menuCheckData');
    emulator.clock.set(new Date('2023-07-28T09:00:00+08:00'));
    emulator.call('menuCheckData');
    const tracking = emulator.spreadsheet.getSheetByName('Tracking')!;
    tracking.getRange(4, 13, 1, 2).setValues([['Yes', 'A second trial licence']]);
    emulator.fireOnEdit(tracking.getRange(4, 13, 1, 2));
    emulator.call('menuGenerateReport');
    const text = emulator.documents.at(-1)!.body.plainText();
    expect(text).toContain('Resources and escalations');
    expect(text).toContain('Follow up new-customer contracts\tWang*\tA second trial licence\t2023-07-28\t—\tOpen (0 days)');
    // Lead conversion has progress too: derived from the Weekly log (new customers ÷ leads), against 15% as it stands.
    expect(text).toContain('Week of\tNew customers\tEast China revenue\tCustomer visits\tLead conversion rate\n2023-07-17\t78.7%\t78.9%\t105.1%\t59.3%\n2023-07-24\t73.8%\t78.9%\t105.1%\t55.6%');
    // The report's four charts and the history's trend chart.
    expect(emulator.documents.at(-1)!.body.images()).toHaveLength(5);

    tracking.getRange(4, 13).setValue('No');
    emulator.call('menuGenerateReport');
    expect(emulator.documents.at(-1)!.body.plainText()).toContain('No task is escalated to the director.');
  });
});
