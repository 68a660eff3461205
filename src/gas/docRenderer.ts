import { Bilingual } from '../core/i18n';
import { ChartModel, chartWords } from '../core/chart';
import { HEADER_COLOR, STATUS_COLORS } from '../core/colors';
import { DocBlock, DocModel, KeyFigure, layoutColumns, mmToPoints, pageSizePoints, textWidthPoints } from '../core/document';
import { Status } from '../core/metrics';
import { ReportLike, reportDocument } from '../core/reportDocument';
import { RT } from '../core/reportText';

type Document = GoogleAppsScript.Document.Document;
type Body = GoogleAppsScript.Document.Body;
type Table = GoogleAppsScript.Document.Table;


/** A note or a caption: grey italics, set by one attribute map (two Text setters would be two Docs calls). */
const NOTE_STYLE = (): Record<string, unknown> => ({ [DocumentApp.Attribute.ITALIC]: true, [DocumentApp.Attribute.FOREGROUND_COLOR]: '#5f6368' });
/** Pixels the Charts service draws a chart at; the image is then scaled to the text width. */
const CHART_WIDTH = 680;
const CHART_HEIGHT = 380;

/** What the renderer is doing, for the failure message. */
export interface Progress {
  step: Bilingual;
}

/**
 * One table in one appendTable call; then each column's width (from the content, as in the .docx), the
 * header row styled by one attribute map (bold on the header colour) and a background on each status cell.
 * Docs calls grow with the tables and their status cells, never with every cell nor with the sheet's rows.
 * Figures stay left-aligned in the Google Doc: DocumentApp aligns one paragraph per call, which would make
 * every figure cell a call (the .docx and the PDF right-align them).
 */
function appendTable(
  body: Body, header: readonly string[] | null, rows: readonly (readonly { text: string; status?: Status }[])[],
  layout: { widths: readonly number[] },
): Table {
  const cells = [...(header ? [header.map(String)] : []), ...rows.map((r) => r.map((c) => c.text))];
  const table = body.appendTable(cells);
  layout.widths.forEach((w, c) => {
    table.setColumnWidth(c, Math.round(w));
  });
  const offset = header ? 1 : 0;
  // A row's attributes apply to its cells: BACKGROUND_COLOR is each cell's fill, BOLD its text.
  if (header) table.getRow(0).setAttributes({ [DocumentApp.Attribute.BOLD]: true, [DocumentApp.Attribute.BACKGROUND_COLOR]: HEADER_COLOR });
  rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (cell.status) table.getCell(r + offset, c).setBackgroundColor(STATUS_COLORS[cell.status]);
    });
  });
  return table;
}

/**
 * The chart from the Charts service, with the model's words: title, axis titles and one legend entry
 * per series. Bars coloured per point (by status) become one series per status, named as the .docx
 * legend names them ("Actual: on target"), since the Charts service colours whole series. A missing
 * value stays null: no bar, never a 0.
 */
export function chartBlob(chart: ChartModel): GoogleAppsScript.Base.Blob {
  const columns: { name: string; color: string; values: (number | null)[]; line: boolean; secondary: boolean; dashed: boolean }[] = [];
  for (const series of chart.series) {
    const base = { line: series.type === 'line', secondary: series.axis === 'secondary', dashed: series.dashed ?? false };
    if (series.pointLegend && series.pointColors) {
      for (const entry of series.pointLegend) {
        columns.push({ ...base, name: entry.name, color: entry.color, values: series.values.map((v, i) => (series.pointColors?.[i] === entry.color ? v : null)) });
      }
    } else {
      columns.push({ ...base, name: series.name, color: series.color, values: [...series.values] });
    }
  }
  let data = Charts.newDataTable().addColumn(Charts.ColumnType.STRING, chart.categoryAxis.title);
  for (const column of columns) data = data.addColumn(Charts.ColumnType.NUMBER, column.name);
  chart.categories.forEach((category, i) => {
    data.addRow([category, ...columns.map((c) => c.values[i] ?? null)]);
  });
  const allLines = columns.every((c) => c.line);
  const builder = allLines ? Charts.newLineChart() : Charts.newColumnChart();
  const seriesOptions: Record<string, { targetAxisIndex: number; lineDashStyle?: number[] }> = {};
  columns.forEach((c, i) => {
    if (c.secondary || c.dashed) seriesOptions[String(i)] = { targetAxisIndex: c.secondary ? 1 : 0, ...(c.dashed ? { lineDashStyle: [6, 4] } : {}) };
  });
  builder
    .setDataTable(data)
    .setTitle(chart.title)
    .setXAxisTitle(chart.categoryAxis.title)
    .setYAxisTitle(chart.valueAxis.title)
    .setColors(columns.map((c) => c.color))
    .setLegendPosition(Charts.Position.BOTTOM)
    .setDimensions(CHART_WIDTH, CHART_HEIGHT);
  if (Object.keys(seriesOptions).length > 0) builder.setOption('series', seriesOptions);
  if (chart.secondaryAxis) builder.setOption('vAxes', { 0: { title: chart.valueAxis.title }, 1: { title: chart.secondaryAxis.title } });
  return builder.build().getAs('image/png').setName(`${chartWords(chart)[0] ?? chart.id}.png`);
}

function renderKeyFigures(body: Body, width: number, figures: readonly KeyFigure[]): void {
  appendTable(body, null, figures.map((f) => [{ text: f.label }, f.status ? { text: f.value, status: f.status } : { text: f.value }]), {
    widths: [width * 0.6, width * 0.4],
  });
}

function renderBlock(body: Body, width: number, block: DocBlock, progress: Progress): void {
  switch (block.kind) {
    case 'heading': {
      const heading = { 1: DocumentApp.ParagraphHeading.HEADING1, 2: DocumentApp.ParagraphHeading.HEADING2, 3: DocumentApp.ParagraphHeading.HEADING3 }[block.level];
      body.appendParagraph(block.text).setHeading(heading);
      return;
    }
    case 'paragraph':
      if (block.style === 'bullet') body.appendListItem(block.text);
      else if (block.style === 'note') body.appendParagraph(block.text).setAttributes(NOTE_STYLE());
      else body.appendParagraph(block.text);
      return;
    case 'table':
      appendTable(body, block.header, block.rows, layoutColumns(block.header, block.rows, width, block.columns));
      return;
    case 'keyFigures':
      renderKeyFigures(body, width, block.figures);
      return;
    case 'callout': {
      const table = body.appendTable([[`${block.title} ${block.text}`]]);
      table.getCell(0, 0).setBackgroundColor('#fef7e0');
      return;
    }
    case 'chart': {
      const previous = progress.step;
      progress.step = RT.stepCharts;
      const image = body.appendImage(chartBlob(block.chart));
      // Scale the picture to the text width (InlineImage sizes are pixels, 96 per inch), keeping its proportions.
      const pixels = (width * 96) / 72;
      image.setWidth(Math.round(pixels)).setHeight(Math.round((pixels * CHART_HEIGHT) / CHART_WIDTH));
      body.appendParagraph(block.chart.caption).setAttributes(NOTE_STYLE());
      progress.step = previous;
      return;
    }
  }
}

/** Writes a whole document model into a new, empty Doc: page setup, running header and footer, then the blocks. */
export function renderDocument(doc: Document, model: DocModel, progress: Progress): void {
  const body = doc.getBody();
  const size = pageSizePoints(model.page);
  const m = model.page.margins;
  body.setPageWidth(size.width).setPageHeight(size.height)
    .setMarginTop(mmToPoints(m.top)).setMarginBottom(mmToPoints(m.bottom)).setMarginLeft(mmToPoints(m.left)).setMarginRight(mmToPoints(m.right));
  // DocumentApp cannot insert a page-number field (only the Docs editor can): the header names the report.
  (doc.getHeader() ?? doc.addHeader()).appendParagraph(model.header).setAlignment(DocumentApp.HorizontalAlignment.RIGHT)
    .editAsText().setFontSize(8).setForegroundColor('#5f6368');
  if (model.footer.text !== '') {
    (doc.getFooter() ?? doc.addFooter()).appendParagraph(model.footer.text).setAlignment(DocumentApp.HorizontalAlignment.CENTER)
      .editAsText().setFontSize(8).setForegroundColor('#5f6368');
  }
  // A new document holds one empty paragraph: it becomes the title.
  const title = body.getChild(0).asParagraph();
  title.setText(model.title);
  title.setHeading(DocumentApp.ParagraphHeading.TITLE);
  if (model.subtitle !== '') body.appendParagraph(model.subtitle).setHeading(DocumentApp.ParagraphHeading.SUBTITLE);
  const width = textWidthPoints(model.page);
  for (const block of model.blocks) renderBlock(body, width, block, progress);
}

/** Writes the whole report into a new, empty document. */
export function renderReport(doc: Document, model: ReportLike, progress: Progress): void {
  renderDocument(doc, reportDocument(model), progress);
}
