import { Bilingual } from '../core/i18n';
import { HEADER_COLOR, STATUS_COLORS } from '../core/colors';
import { Status } from '../core/metrics';
import { ReportBlock, ReportModel } from '../core/report';
import { RT } from '../core/reportText';

type Document = GoogleAppsScript.Document.Document;
type Body = GoogleAppsScript.Document.Body;
type Table = GoogleAppsScript.Document.Table;
type ChartBlock = Extract<ReportBlock, { kind: 'chart' }>;

const CHART_WIDTH = 640;
const CHART_HEIGHT = 320;

/** What the renderer is doing, for the failure message. */
export interface Progress {
  step: Bilingual;
}

/**
 * One table in one appendTable call; then each header cell styled (getCell, setBackgroundColor and one
 * setAttributes for the bold text) and each status cell coloured (getCell, setBackgroundColor). Calls grow
 * with the number of tables and status cells, not with rows of the sheet.
 */
function appendTable(body: Body, header: readonly string[] | null, rows: readonly (readonly { text: string; status?: Status }[])[]): Table {
  const cells = [...(header ? [header.map(String)] : []), ...rows.map((r) => r.map((c) => c.text))];
  const table = body.appendTable(cells);
  const offset = header ? 1 : 0;
  const bold = { [DocumentApp.Attribute.BOLD]: true };
  (header ?? []).forEach((_, c) => {
    table.getCell(0, c).setBackgroundColor(HEADER_COLOR).setAttributes(bold);
  });
  rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (cell.status) table.getCell(r + offset, c).setBackgroundColor(STATUS_COLORS[cell.status]);
    });
  });
  return table;
}

/** A PNG of the chart from the Charts service. A missing value (a month without data) stays null: no bar, not a 0. */
export function chartBlob(chart: ChartBlock): GoogleAppsScript.Base.Blob {
  let data = Charts.newDataTable().addColumn(Charts.ColumnType.STRING, '');
  for (const series of chart.series) data = data.addColumn(Charts.ColumnType.NUMBER, series.name);
  chart.categories.forEach((category, i) => {
    data.addRow([category, ...chart.series.map((s) => s.values[i] ?? null)]);
  });
  return (chart.chartKind === 'line' ? Charts.newLineChart() : Charts.newColumnChart())
    .setDataTable(data)
    .setTitle(chart.title)
    .setColors(chart.series.map((s) => s.color))
    .setLegendPosition(Charts.Position.BOTTOM)
    .setDimensions(CHART_WIDTH, CHART_HEIGHT)
    .build()
    .getAs('image/png');
}

function renderBlock(body: Body, block: ReportBlock, progress: Progress): void {
  switch (block.kind) {
    case 'heading':
      body.appendParagraph(block.text).setHeading(block.level === 2 ? DocumentApp.ParagraphHeading.HEADING2 : DocumentApp.ParagraphHeading.HEADING3);
      return;
    case 'paragraph':
      if (block.style === 'bullet') body.appendListItem(block.text);
      else if (block.style === 'note') body.appendParagraph(block.text).editAsText().setItalic(true);
      else body.appendParagraph(block.text);
      return;
    case 'table':
      appendTable(body, block.header, block.rows);
      return;
    case 'keyFigures':
      appendTable(body, null, block.figures.map((f) => [{ text: f.label }, f.status ? { text: f.value, status: f.status } : { text: f.value }]));
      return;
    case 'chart': {
      const previous = progress.step;
      progress.step = RT.stepCharts;
      body.appendParagraph(block.title).setHeading(DocumentApp.ParagraphHeading.HEADING3);
      body.appendImage(chartBlob(block));
      body.appendParagraph(block.legend).editAsText().setItalic(true);
      progress.step = previous;
      return;
    }
  }
}

/** Writes the whole report into a new, empty document. */
export function renderReport(doc: Document, model: Pick<ReportModel, 'documentName' | 'subtitle' | 'sections'>, progress: Progress): void {
  const body = doc.getBody();
  // A new document holds one empty paragraph: it becomes the title.
  const title = body.getChild(0).asParagraph();
  title.setText(model.documentName);
  title.setHeading(DocumentApp.ParagraphHeading.TITLE);
  body.appendParagraph(model.subtitle).setHeading(DocumentApp.ParagraphHeading.SUBTITLE);
  for (const section of model.sections) {
    body.appendParagraph(section.title).setHeading(DocumentApp.ParagraphHeading.HEADING1);
    for (const block of section.blocks) renderBlock(body, block, progress);
  }
}
