import { Emulator } from '../../src/node/emulator';
import { tabSpec } from '../../src/core/schema';
import { retargetSheetRefs } from '../../src/core/sheetRefs';
import { exampleEmulator } from './harness';

/** Every sheet: values and formulas of every cell, by sheet name. */
interface Cells { values: unknown[][]; formulas: string[][] }
type Book = Record<string, Cells>;

function book(emulator: Emulator): Book {
  const out: Book = {};
  for (const sheet of emulator.spreadsheet.getSheets()) {
    const rows = sheet.getLastRow();
    const columns = sheet.getLastColumn();
    const range = rows && columns ? sheet.getRange(1, 1, rows, columns) : null;
    out[sheet.getName()] = { values: range ? range.getValues() : [], formulas: range ? range.getFormulas() : [] };
  }
  return out;
}

/**
 * A tab as its archive copy must hold it: the same values, and the same formulas except that references
 * to other archived tabs point at their archive copies (Sheet.copyTo alone would leave them on the live tabs).
 */
function archived(cells: Cells, prefix: string): Cells {
  const renames = new Map(DATA_TABS.map((name) => [name, `${prefix} — ${name}`]));
  return { values: cells.values, formulas: cells.formulas.map((row) => row.map((f) => retargetSheetRefs(f, renames))) };
}

const same = (a: unknown, b: unknown): boolean =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

/**
 * Every value a person typed (and every formula) before, found afterwards at the same place in the tab
 * itself or in its archive copy. Returns what could not be found, so a failure names the cells.
 */
function lostCells(before: Book, after: Book, archivePrefix: string): string[] {
  const lost: string[] = [];
  for (const [name, cells] of Object.entries(before)) {
    const places = [after[name], after[`${archivePrefix} — ${name}`]].filter((c): c is Cells => c !== undefined);
    cells.values.forEach((line, r) => line.forEach((value, c) => {
      const formula = cells.formulas[r]?.[c] ?? '';
      if (value === '' && formula === '') return;
      const found = places.some((p) => (formula !== '' ? p.formulas[r]?.[c] === formula : same(p.values[r]?.[c], value)));
      if (!found) lost.push(`${name}!R${r + 1}C${c + 1}=${String(formula || value)}`);
    }));
  }
  return lost;
}

const column = (tab: Parameters<typeof tabSpec>[0], key: string): number => tabSpec(tab).columns.findIndex((c) => c.key === key);

/** The example, after its quarter ended, plus data a person might have added. */
function plantedExample(locale: 'en_US' | 'zh_CN' = 'en_US'): Emulator {
  const emulator = exampleEmulator({ now: new Date('2023-10-02T09:00:00+08:00'), locale });
  if (locale === 'en_US') {
    const ss = emulator.spreadsheet;
    const tracking = ss.getSheetByName('Tracking')!;
    // A column the team added, text that looks like a formula or a number, a formula a person typed.
    tracking.getRange(1, 13).setValue('Customer ID');
    tracking.getRange(2, 13, 3, 1).setValues([['C-001'], ['C-002'], ['C-003']]);
    tracking.getRange(2, 15, 3, 1).setValues([['side note 2'], [''], ['side note 4']]); // no header at all
    tracking.getRange(5, 1, 2, 13).setValues([
      ['Execute', "'=not a formula", 'Li*', '2023-09-20', 'Blocked', "'0012", '', '', '', '', 'Weekly', '', 'C-004'],
      ['Execute', 'Print brochures', 'Zhao*', '2023-09-01', 'Done', 'Done', '', '', '', '', 'Monthly', '', 'C-005'],
    ]);
    ss.getSheetByName('Strategy')!.getRange(5, 1, 1, 3).setValues([['Webinars', 'Monthly webinar', '=2+3']]);
    ss.getSheetByName('Playbook')!.getRange(2, 1, 1, 4).setValues([['Weekly pipeline review', 'Conversion up in Q2', '2023 Q2', 'process']]);
    ss.getSheetByName('Weekly log')!.getRange(15, 1, 1, 10).setValues([['2023-09-25', 'Zhao*', 'After-sales', 3, 1, 0, 2, 0.5, 0, 'late entry']]);
  }
  return emulator;
}

const DATA_TABS = ['Settings', 'Team', 'Goals', 'Strategy', 'Tracking', 'Weekly log', 'Evaluation', 'Costs', 'Retrospective', 'Playbook'];

describe('Start next cycle (built bundle in the emulator)', () => {
  it('archives Q3, opens Q4 and loses nothing a person typed', () => {
    const emulator = plantedExample();
    const before = book(emulator);
    emulator.ui.respondNextAlert('YES');
    emulator.call('menuStartNextCycle');
    const after = book(emulator);

    // The confirmation said exactly what would happen.
    const confirm = emulator.ui.alerts.find((a) => a.buttons === 'YES_NO')!;
    expect(confirm.prompt).toContain('Start next cycle: 2023 Q3 → 2023 Q4');
    expect(confirm.prompt).toContain('carry over 2 open tasks');
    expect(confirm.prompt).toContain('3 done tasks stay only in the archive');
    expect(confirm.prompt).toContain('Empty the Weekly log (14 rows)');

    // Every archive is an exact copy of its tab before the rollover: its values (the figures computed from
    // Q3's rows, e.g. revenue 217, not Q4's emptied Weekly log) and its formulas, now pointing at the archive tabs.
    for (const name of DATA_TABS) expect(after[`Archive 2023 Q3 — ${name}`]).toEqual(archived(before[name]!, 'Archive 2023 Q3'));
    expect(lostCells(before, after, 'Archive 2023 Q3')).toEqual([]);

    // Tracking: the two open tasks, with owners, the team's column and the typed text as typed.
    const tracking = after.Tracking!.values.slice(1);
    expect(tracking.map((r) => [r[column('tracking', 'task')], r[column('tracking', 'owner')], r[12], r[14]])).toEqual([
      ['Follow up new-customer contracts', 'Wang*', 'C-003', 'side note 4'],
      ['=not a formula', 'Li*', 'C-004', ''],
    ]);
    expect(after.Tracking!.formulas.flat().every((f) => f === '')).toBe(true);
    // Q3's progress notes stay in the archive; the dates move to the same place in Q4, so nothing is overdue on 1 October.
    expect(tracking[0]![column('tracking', 'progress')]).toBe('Carried over from 2023 Q3, row 4 (Planned date 2023-07-31 → 2023-10-31; Next step due 2023-08-10 → 2023-11-10)');
    expect(tracking[1]![column('tracking', 'progress')]).toBe('Carried over from 2023 Q3, row 5 (Planned date 2023-09-20 → 2023-12-20)');
    expect(tracking.map((r) => r[column('tracking', 'plannedDate')])).toEqual([new Date('2023-10-31T00:00:00+08:00'), new Date('2023-12-20T00:00:00+08:00')]);
    expect(tracking[0]![column('tracking', 'nextStepDue')]).toEqual(new Date('2023-11-10T00:00:00+08:00'));
    expect(confirm.prompt).toContain('Due dates of carried rows before 2023-10-01: 5 move on by the length of the cycle (e.g. 2023-07-31 → 2023-10-31)');

    // Retrospective: open actions carried; the proven one is in Playbook after the existing practice.
    expect(after.Retrospective!.values.slice(1).map((r) => [r[column('retrospective', 'owner')], r[column('retrospective', 'status')]]))
      .toEqual([['Zhang, Zhao', 'Open'], ['Wang*', 'Open']]);
    // They keep their problem and suggestion, not Q3's highlight; their due dates are Q4's.
    expect(after.Retrospective!.values.slice(1).map((r) => [r[column('retrospective', 'highlight')], r[column('retrospective', 'suggestion')], r[column('retrospective', 'due')]]))
      .toEqual([
        ['', 'Adopt a CRM to unify follow-up records', new Date('2023-11-20T00:00:00+08:00')],
        ['', 'Launch a fast-response package for new customers', new Date('2023-12-01T00:00:00+08:00')],
      ]);
    expect(after.Playbook!.values.slice(1)).toEqual([
      // How to apply and Status (blank: active) stay for the team to fill.
      ['Weekly pipeline review', 'Conversion up in Q2', '2023 Q2', 'process', '', ''],
      ['Build a lead-to-customer fit scoring model',
        'Trade shows acquire precisely: 20% conversion; Lead conversion rate: 12% against 15% (80%); input-output ratio 1:7.7',
        '2023 Q3', 'Strategy effectiveness', '', ''],
    ]);

    // Goals are Q4 drafts; weekly log and costs are empty; evaluation keeps targets and its formulas.
    expect(after.Goals!.values.slice(1).map((r) => r[1])).toEqual(['2023 Q4', '2023-10', '2023-11', '2023-12', '2023 Q4', '2023 Q4', '2023 Q4']);
    expect(after['Weekly log']!.values.length).toBe(1);
    const costs = emulator.spreadsheet.getSheetByName('Costs')!;
    expect(costs.getRange(2, 1, 4, 4).getValues().flat().every((v) => v === '')).toBe(true);
    expect(costs.getRange('G3').getFormula()).toBe(before.Costs!.formulas[2]![6]);
    const evaluation = after.Evaluation!;
    expect(evaluation.values.slice(1).map((r) => r[column('evaluation', 'actual')])).toEqual(['', '', '', '', '', '']);
    // Q3's analysis ("A competitor's August promotion delayed…") is only in the archive, so Q4's first report cannot print it.
    expect(evaluation.values.slice(1).map((r) => r[column('evaluation', 'analysis')])).toEqual(['', '', '', '', '', '']);
    expect(after['Archive 2023 Q3 — Evaluation']!.values[1]![column('evaluation', 'analysis')]).toBe("A competitor's August promotion delayed 5 customers' signing");
    expect(evaluation.formulas[1]![column('evaluation', 'status')]).toBe(before.Evaluation!.formulas[1]![column('evaluation', 'status')]);
    expect(evaluation.values.slice(1).map((r) => r[column('evaluation', 'target')])).toEqual(before.Evaluation!.values.slice(1).map((r) => r[column('evaluation', 'target')]));
    expect(evaluation.formulas[1]![column('evaluation', 'achievement')]).toBe(before.Evaluation!.formulas[1]![column('evaluation', 'achievement')]);

    // Team, Strategy (with the typed formula) unchanged; Settings now Q4 with real dates.
    expect(after.Team).toEqual(before.Team);
    expect(after.Strategy).toEqual(before.Strategy);
    const settings = Object.fromEntries(after.Settings!.values.map((r) => [r[0], r[1]]));
    expect(settings.Cycle).toBe('2023 Q4');
    expect(settings['Cycle start']).toEqual(new Date('2023-10-01T00:00:00+08:00'));
    expect(settings['Cycle end']).toEqual(new Date('2023-12-31T00:00:00+08:00'));
    expect(settings.Team).toBe('East China sales team');

    // Recorded in Log and the document properties; the person is told what happened.
    const log = after.Log!.values.at(-1)!;
    expect(log[1]).toBe('Start next cycle');
    expect(String(log[3])).toContain('2023 Q3 → 2023 Q4 (2023-10-01 to 2023-12-31)');
    expect(JSON.parse(emulator.properties.document.get('rolledOver:2023 Q3')!)).toEqual({ to: '2023 Q4', at: '2023-10-02 09:00' });
    expect(emulator.ui.alerts.at(-1)!.prompt).toContain('2023 Q4 has started (2023-10-01 to 2023-12-31)');
  });

  it('refuses a second run: right after, and for the same cycle again', () => {
    const emulator = plantedExample();
    emulator.call('menuStartNextCycle');
    const once = book(emulator);
    emulator.call('menuStartNextCycle');
    expect(emulator.ui.alerts.at(-1)!.prompt).toMatch(/^2023 Q4 was opened by Start next cycle on 2023-10-02 and runs until 2023-12-31, so it is not closed again now/);
    expect(emulator.ui.alerts.at(-1)!.buttons).toBe('OK');
    expect(book(emulator)).toEqual(once);

    // Someone puts Settings back to 2023 Q3: still refused (recorded in the document).
    const settings = emulator.spreadsheet.getSheetByName('Settings')!;
    const cycleRow = once.Settings!.values.findIndex((r) => r[0] === 'Cycle') + 1;
    settings.getRange(cycleRow, 2).setValue('2023 Q3');
    const reverted = book(emulator);
    emulator.call('menuStartNextCycle');
    expect(emulator.ui.alerts.at(-1)!.prompt).toMatch(/^Start next cycle has already run for 2023 Q3 \(on 2023-10-02\)/);
    expect(book(emulator)).toEqual(reverted);

    // Without the record (a copy of the file), the archive tabs still stop it.
    emulator.properties.document.clear();
    emulator.call('menuStartNextCycle');
    expect(emulator.ui.alerts.at(-1)!.prompt).toBe(
      'Start next cycle has already run for 2023 Q3: the tab "Archive 2023 Q3 — Settings" exists. Nothing was changed. To run it again for 2023 Q3, rename or delete the archive tabs of 2023 Q3 first.',
    );
    expect(book(emulator)).toEqual(reverted);
  });

  it('changes nothing when the confirmation is answered No', () => {
    const emulator = plantedExample();
    const before = book(emulator);
    emulator.calls.reset();
    emulator.ui.respondNextAlert('NO');
    emulator.call('menuStartNextCycle');
    expect(book(emulator)).toEqual(before);
    expect(emulator.calls.count('Range.setValues') + emulator.calls.count('Sheet.copyTo')).toBe(0);
    expect(emulator.ui.alerts.at(-1)!.prompt).toBe('Start next cycle was cancelled. Nothing was changed.');
    expect(emulator.properties.document.size).toBe(0);
  });

  it('a write failing midway is copied back from the archive (notes and formats too), checked, then the archive removed', () => {
    const emulator = plantedExample();
    // A note, a number format and a background on cells the rollover overwrites (a done task's row).
    const tracking = emulator.spreadsheet.getSheetByName('Tracking')!;
    tracking.getRange(2, 2).setNote('Signed copy in the shared drive').setBackground('#fce8b2');
    tracking.getRange(3, 13).setNumberFormat('@');
    const before = book(emulator);
    emulator.faults.failOn('Range.setValues', { after: 3, times: 1 });
    emulator.call('menuStartNextCycle');
    expect(book(emulator)).toEqual(before);
    expect(tracking.getRange(2, 2).getNote()).toBe('Signed copy in the shared drive');
    expect(tracking.getRange(2, 2).getBackground()).toBe('#fce8b2');
    expect(tracking.getRange(3, 13).getNumberFormat()).toBe('@');
    expect(emulator.spreadsheet.getSheets().map((s) => s.getName()).filter((n) => n.startsWith('Archive'))).toEqual([]);
    expect(emulator.calls.count('Range.copyTo')).toBe(4);
    expect(emulator.ui.alerts.at(-1)!.prompt).toBe(
      'Start next cycle failed while writing "Playbook": Service unavailable: Spreadsheets. The ranges it had already written (Goals!A2:K8, Tracking!A2:P6, Retrospective!A2:G4, Playbook!A3:F3) were copied back from the archive copies (values, formulas, notes and formatting), their values and formulas were checked against the copies, and the archive copies were then deleted. Settings → Cycle is still 2023 Q3. Try again later.',
    );
    expect(emulator.properties.document.size).toBe(0);
    // And a later run goes through.
    emulator.faults.clear();
    emulator.call('menuStartNextCycle');
    expect(emulator.spreadsheet.getSheetByName('Archive 2023 Q3 — Tracking')).not.toBeNull();
    expect(lostCells(before, book(emulator), 'Archive 2023 Q3')).toEqual([]);
  });

  it('when writes keep failing, the restore (by copying, not writing) still puts everything back', () => {
    const emulator = plantedExample();
    const before = book(emulator);
    emulator.faults.failOn('Range.setValues', { after: 2 });
    emulator.call('menuStartNextCycle');
    expect(book(emulator)).toEqual(before);
    expect(emulator.ui.alerts.at(-1)!.prompt).toMatch(/^Start next cycle failed while writing "Retrospective": .+ The ranges it had already written \(Goals!A2:K8, Tracking!A2:P6, Retrospective!A2:G4\) were copied back/);
  });

  it('when the restore fails too, nothing is lost: the archive holds Q3 and the message says how to restore', () => {
    const emulator = plantedExample();
    const before = book(emulator);
    emulator.faults.failOn('Range.setValues', { after: 2 });
    emulator.faults.failOn('Range.copyTo', { after: 1 });
    emulator.call('menuStartNextCycle');
    const after = book(emulator);
    expect(lostCells(before, after, 'Archive 2023 Q3')).toEqual([]);
    for (const name of DATA_TABS) expect(after[`Archive 2023 Q3 — ${name}`]).toEqual(archived(before[name]!, 'Archive 2023 Q3'));
    const message = emulator.ui.alerts.at(-1)!.prompt;
    expect(message).toContain('Start next cycle failed while writing "Retrospective"');
    expect(message).toContain('Nothing is lost: the archive tabs (Archive 2023 Q3 — Settings, Archive 2023 Q3 — Team');
    expect(message).toContain('To restore a tab, copy everything from its archive tab');
    expect(message).toContain('and the tabs could not be put back automatically (Service unavailable: Spreadsheets)');
    // Settings is written last, so the cycle was not moved on.
    expect(after.Settings).toEqual(before.Settings);
  });

  it('a failure while archiving removes the partial copies and changes nothing', () => {
    const emulator = plantedExample();
    const before = book(emulator);
    emulator.faults.failOn('Sheet.copyTo', { after: 4 });
    emulator.call('menuStartNextCycle');
    expect(book(emulator)).toEqual(before);
    expect(emulator.ui.alerts.at(-1)!.prompt).toMatch(/^Start next cycle stopped while archiving "Tracking": .+\. Nothing was changed\. Try again later\.$/);
  });

  it('refuses with a clear message when the cycle dates are wrong', () => {
    const emulator = plantedExample();
    const settings = emulator.spreadsheet.getSheetByName('Settings')!;
    const endRow = settings.getRange(1, 1, settings.getLastRow(), 1).getValues().findIndex((r) => r[0] === 'Cycle end') + 1;
    settings.getRange(endRow, 2).setValue(new Date('2023-06-30T00:00:00+08:00'));
    const before = book(emulator);
    emulator.call('menuStartNextCycle');
    expect(book(emulator)).toEqual(before);
    expect(emulator.ui.alerts.at(-1)!.prompt).toBe(
      `Settings → Cycle end (2023-06-30) is before Cycle start (2023-07-01). Correct the dates so the cycle ends on or after its first day. (Settings, row ${endRow}, value "2023-06-30")`,
    );
  });

  it('speaks the sheet’s language: Chinese archive names and messages', () => {
    const emulator = plantedExample('zh_CN');
    const before = book(emulator);
    emulator.call('menuStartNextCycle');
    const after = book(emulator);
    expect(after['归档 2023 Q3 — 执行跟踪']).toEqual(before['执行跟踪']);
    expect(lostCells(before, after, '归档 2023 Q3')).toEqual([]);
    expect(emulator.ui.alerts.find((a) => a.buttons === 'YES_NO')!.prompt).toContain('开启下一周期：2023 Q3 → 2023 Q4');
    const task = after['执行跟踪']!.values[1]!;
    expect(task[column('tracking', 'owner')]).toBe('王*');
    expect(task[column('tracking', 'progress')]).toBe('由 2023 Q3 第 4 行结转（计划完成时间 2023-07-31 → 2023-10-31；下一步截止 2023-08-10 → 2023-11-10）');
    expect(emulator.ui.alerts.at(-1)!.prompt).toMatch(/^2023 Q4 已开启（2023-10-01 至 2023-12-31）/);
  });

  it('keeps formulas people typed in rows it rewrites (Goals!C2 =SUM(C3:C5), a carried task row), reading them in one call per tab', () => {
    const emulator = plantedExample();
    const ss = emulator.spreadsheet;
    const goals = ss.getSheetByName('Goals')!;
    goals.getRange('C2').setFormula('=SUM(C3:C5)');
    const tracking = ss.getSheetByName('Tracking')!;
    // Row 4 is the open task that becomes row 2; its formula's relative row moves with it.
    tracking.getRange('N4').setFormula('=D4+7');
    tracking.getRange('N3').setFormula('=D3+7'); // a done task: blanked, kept in the archive
    const before = book(emulator);
    emulator.calls.reset();
    emulator.call('menuStartNextCycle');
    // Formulas are read once per rewritten tab (Goals, Tracking, Retrospective, Settings), before and after the
    // confirmation, and once per archive copy (10) to point its references at the other archive copies.
    expect(emulator.calls.count('Range.getFormulas')).toBe(8 + 10);
    const after = book(emulator);
    expect(goals.getRange('C2').getFormula()).toBe('=SUM(C3:C5)');
    expect(tracking.getRange('N2').getFormula()).toBe('=D2+7');
    // Row 3 is now the task from row 5, which had no formula: the done task's formula is not left behind.
    expect(tracking.getRange('N3').getFormula()).toBe('');
    expect(after['Archive 2023 Q3 — Tracking']!.formulas[2]![13]).toBe('=D3+7');
    expect(after['Archive 2023 Q3 — Goals']).toEqual(before.Goals);
    expect(lostCells(before, after, 'Archive 2023 Q3')).toEqual([]);
    // The Weekly log, Costs and Evaluation actuals are still emptied.
    expect(after['Weekly log']!.values.length).toBe(1);
    expect(after.Evaluation!.formulas.map((r) => r[column('evaluation', 'actual')]).every((f) => f === '')).toBe(true);
  });

  it('a second rollover does not pile up carried-over notes, keeps them out of Module, and Playbook tags stay clean', () => {
    const emulator = plantedExample();
    emulator.call('menuStartNextCycle');
    const ss = emulator.spreadsheet;
    const retro = ss.getSheetByName('Retrospective')!;
    const status = column('retrospective', 'status') + 1;
    // In Q4 the CRM action (carried from Q3 row 3, now row 2) is proven.
    retro.getRange(2, status).setValue('Proven');
    emulator.clock.set(new Date('2024-01-02T09:00:00+08:00'));
    const before = book(emulator);
    emulator.call('menuStartNextCycle');
    const after = book(emulator);
    expect(emulator.ui.alerts.at(-1)!.prompt).toMatch(/^2024 Q1 has started/);
    const tracking = after.Tracking!.values.slice(1);
    expect(tracking[0]![column('tracking', 'progress')]).toBe('Carried over from 2023 Q4, row 2 (Planned date 2023-10-31 → 2024-01-31; Next step due 2023-11-10 → 2024-02-10)');
    const rows = after.Retrospective!.values.slice(1);
    expect(rows.map((r) => r[column('retrospective', 'module')])).toEqual(['Resource use']);
    expect(rows[0]![column('retrospective', 'problem')]).toBe('Carried over from 2023 Q4, row 3 (Due 2023-12-01 → 2024-03-01) — New-customer development takes too long (45 days on average)');
    expect(after.Playbook!.values.at(-1)).toEqual([
      'Adopt a CRM to unify follow-up records',
      expect.not.stringMatching(/Carried over/) as unknown as string,
      '2023 Q4',
      'Teamwork',
      '',
      '',
    ]);
    expect(lostCells(before, after, 'Archive 2023 Q4')).toEqual([]);
  });

  it('asks before taking the lock, and stops when the sheet changed while the confirmation was open', () => {
    const emulator = plantedExample();
    const tracking = emulator.spreadsheet.getSheetByName('Tracking')!;
    const progress = column('tracking', 'progress') + 1;
    // The confirmation is answered Yes; while it is open a colleague types a new progress note.
    const answer = emulator.ui.nextAlertAnswer.bind(emulator.ui);
    let lockHeldDuringDialog: boolean | null = null;
    emulator.ui.nextAlertAnswer = (buttons: string) => {
      if (buttons === 'YES_NO') {
        lockHeldDuringDialog = emulator.locks.heldBySelf('document');
        tracking.getRange(4, progress).setValue('14 signed (target 15)');
      }
      return answer(buttons);
    };
    const before = book(emulator);
    emulator.calls.reset();
    emulator.call('menuStartNextCycle');
    expect(lockHeldDuringDialog).toBe(false);
    const after = book(emulator);
    // Nothing was archived or written; the colleague's edit is there.
    expect(emulator.calls.count('Sheet.copyTo') + emulator.calls.count('Range.setValues')).toBe(0);
    expect(after.Tracking!.values[3]![progress - 1]).toBe('14 signed (target 15)');
    after.Tracking!.values[3]![progress - 1] = before.Tracking!.values[3]![progress - 1];
    expect(after).toEqual(before);
    expect(emulator.ui.alerts.at(-1)!.prompt).toBe(
      'The sheet changed while the confirmation was open (Tracking), so Start next cycle stopped before doing anything. Nothing was changed. Run Start next cycle again to see what it will do now.',
    );
    expect(emulator.properties.document.size).toBe(0);

    // Run again (no edit this time): the new note is archived with Q3 (progress starts Q4 empty), nothing lost.
    emulator.ui.nextAlertAnswer = answer;
    const edited = book(emulator);
    emulator.call('menuStartNextCycle');
    const done = book(emulator);
    expect(done['Archive 2023 Q3 — Tracking']!.values[3]![progress - 1]).toBe('14 signed (target 15)');
    expect(done.Tracking!.values[1]![progress - 1]).toMatch(/^Carried over from 2023 Q3, row 4 \(Planned date/);
    expect(lostCells(edited, done, 'Archive 2023 Q3')).toEqual([]);
  });

  it('stops too when a task is closed during the confirmation (the plan would carry less than it said)', () => {
    const emulator = plantedExample('zh_CN');
    const tracking = emulator.spreadsheet.getSheetByName('执行跟踪')!;
    const answer = emulator.ui.nextAlertAnswer.bind(emulator.ui);
    emulator.ui.nextAlertAnswer = (buttons: string) => {
      if (buttons === 'YES_NO') tracking.getRange(4, column('tracking', 'status') + 1).setValue('已完成');
      return answer(buttons);
    };
    emulator.call('menuStartNextCycle');
    expect(emulator.ui.alerts.at(-1)!.prompt).toBe(
      '确认窗口打开期间表格内容发生了变化（执行跟踪），因此“开启下一周期”在执行任何操作前已停止。未做任何修改。请重新运行“开启下一周期”，查看现在将执行的操作。',
    );
    expect(emulator.spreadsheet.getSheets().some((s) => s.getName().startsWith('归档'))).toBe(false);
  });
});
