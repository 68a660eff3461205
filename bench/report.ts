import { addTrackingRows, exampleEmulator, setMetrics, table } from './common';

/**
 * Service calls of Generate report as the tracking rows (10 / 1,000 / 10,000) and the metrics (10 / 100 / 200)
 * grow. Spreadsheet reads stay constant (one getValues per tab); document calls follow the number of
 * tables (a header row each: getCell, setBackgroundColor, one setAttributes per header cell) and of status
 * cells (getCell, setBackgroundColor: one per metric), never the rows of the sheet. The target-vs-actual
 * chart holds at most 20 metrics and the summary at most 10 metric sentences, so neither grows past that.
 */
export async function benchReport(): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const metrics of [10, 100, 200]) {
    for (const tracking of [10, 1_000, 10_000]) {
      const emulator = exampleEmulator(new Date('2023-10-08T10:00:00+08:00'));
      // The example holds 3 tasks and 6 metrics: top up to the wanted counts.
      addTrackingRows(emulator, tracking - 3);
      setMetrics(emulator, metrics);
      emulator.calls.reset();
      emulator.call('menuGenerateReport');
      const doc = emulator.documents.at(-1)!;
      if (doc.trashed) throw new Error(`report failed: ${emulator.ui.alerts.at(-1)?.prompt ?? ''}`);
      const snapshot = emulator.calls.snapshot();
      const count = (prefix: RegExp): number => Object.entries(snapshot).filter(([k]) => prefix.test(k)).reduce((a, [, v]) => a + v, 0);
      rows.push([
        tracking, metrics,
        snapshot['Range.getValues'] ?? 0,
        count(/^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./),
        count(/^(DocumentApp|Document|Body|Paragraph|ListItem|Table|TableRow|TableCell|Text|InlineImage)\./),
        snapshot['Body.appendTable'] ?? 0,
        count(/^(TableCell|TableRow)\.(setBackgroundColor|setAttributes)$/) + count(/^Text\.setBold$/),
        snapshot['Body.appendListItem'] ?? 0,
        snapshot['DataTableBuilder.addRow'] ?? 0,
        count(/^(Charts|ColumnChartBuilder|DataTableBuilder|Chart)\./),
        Math.round(emulator.modelledMs()),
      ]);
    }
  }
  table(
    'Generate report: service calls by size (tracking rows × metrics)',
    ['tracking rows', 'metrics', 'getValues', 'sheet calls', 'doc calls', 'tables', 'cell styles', 'list items', 'chart rows', 'chart calls', 'modelled ms'],
    rows,
  );
  console.log('Sheet reads are one getValues per tab whatever the size, and tracking rows change nothing (long lists are capped).');
  console.log('Document calls grow with the tables and with the status cells of the metric tables (one background per status');
  console.log('cell: the metric tables list every metric). Each header row takes one attribute map (bold on the header colour).');
  console.log('The target-vs-actual chart shows at most 20 metrics (those furthest from target, with a note) and the');
  console.log('summary at most 10 metric sentences, so chart rows and list items stop growing with the metrics.');
}
