import { addTrackingRows, exampleEmulator, table } from './common';

/**
 * Service calls of the strategy plan, the weekly tracking sheet and the playbook manual as the tracking rows grow
 * (10 / 1,000 / 10,000). Each reads every tab once; the weekly sheet lists at most 60 tasks, 30 attention items and
 * 60 Weekly log rows (with a note for the rest), so its document calls stop growing with the rows, and the plan and
 * the manual do not read Tracking rows into the document at all.
 */
export async function benchDocuments(): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const [menu, label] of [['menuGeneratePlan', 'strategy plan'], ['menuWeeklySheet', 'weekly sheet'], ['menuPlaybookManual', 'playbook manual']] as const) {
    for (const tracking of [10, 1_000, 10_000]) {
      const emulator = exampleEmulator();
      addTrackingRows(emulator, tracking - 3);
      emulator.calls.reset();
      emulator.call(menu);
      const doc = emulator.documents.at(-1);
      if (!doc || doc.trashed) throw new Error(`${label} failed: ${emulator.ui.alerts.at(-1)?.prompt ?? ''}`);
      const snapshot = emulator.calls.snapshot();
      const count = (prefix: RegExp): number => Object.entries(snapshot).filter(([k]) => prefix.test(k)).reduce((a, [, v]) => a + v, 0);
      rows.push([
        label, tracking, snapshot['Range.getValues'] ?? 0,
        count(/^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./),
        count(/^(DocumentApp|Document|Body|Paragraph|ListItem|Table|TableRow|TableCell|Text|InlineImage)\./),
        snapshot['Body.appendTable'] ?? 0,
        Math.round(emulator.modelledMs()),
      ]);
    }
  }
  table(
    'Strategy plan, weekly tracking sheet, playbook manual: service calls by tracking rows',
    ['document', 'tracking rows', 'getValues', 'sheet calls', 'doc calls', 'tables', 'modelled ms'],
    rows,
  );
  console.log('Sheet reads are one getValues per tab (and one per archive copy of Evaluation for the plan); the weekly sheet');
  console.log('shows at most 60 tasks, so its document calls level off; the plan and the manual do not depend on Tracking rows.');
}
