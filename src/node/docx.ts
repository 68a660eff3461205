/**
 * The evaluation report as a .docx (Word / WPS), for the offline path and for exporting the emulator's
 * Google Docs. Both go through one small block list, so a report looks the same whichever way it was made.
 */
import {
  AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { HEADER_COLOR, STATUS_COLORS } from '../core/colors';
import type { ReportBlock, ReportModel } from '../core/report';
import { ChartSpec, DEFAULT_COLORS, renderChart } from './emulator/png';

export const CHART_SIZE = { width: 640, height: 320 } as const;

export interface DocxCell {
  readonly text: string;
  readonly bold?: boolean;
  /** Background colour, `#rrggbb`. */
  readonly fill?: string | null;
}

/** A document as a flat list: what the .docx writer understands. */
export type DocxBlock =
  | { readonly kind: 'title' | 'subtitle'; readonly text: string }
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly italic?: boolean; readonly bold?: boolean; readonly bullet?: boolean }
  | { readonly kind: 'table'; readonly rows: readonly (readonly DocxCell[])[]; readonly headerRow: boolean }
  | { readonly kind: 'image'; readonly png: Buffer; readonly width: number; readonly height: number };

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function hex(color: string): string {
  const h = color.replace('#', '');
  return (h.length === 3 ? h.split('').map((c) => c + c).join('') : h).toUpperCase();
}

function toChildren(block: DocxBlock): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'title':
      return [new Paragraph({ text: block.text, heading: HeadingLevel.TITLE })];
    case 'subtitle':
      return [new Paragraph({ children: [new TextRun({ text: block.text, color: '5F6368' })], spacing: { after: 240 } })];
    case 'heading':
      return [new Paragraph({ text: block.text, heading: HEADINGS[block.level] })];
    case 'paragraph':
      return [new Paragraph({
        children: [new TextRun({ text: block.text, italics: block.italic ?? false, bold: block.bold ?? false })],
        ...(block.bullet ? { bullet: { level: 0 } } : {}),
      })];
    case 'image':
      return [new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new ImageRun({ type: 'png', data: block.png, transformation: { width: block.width, height: block.height } })],
      })];
    case 'table': {
      if (block.rows.length === 0) return [];
      const widths = columnWidths(block.rows.map((row) => row.map((cell) => cell.text)));
      const rows = block.rows.map((row, r) => new TableRow({
        tableHeader: block.headerRow && r === 0,
        children: row.map((cell, c) => new TableCell({
          width: { size: widths[c] ?? 0, type: WidthType.DXA },
          children: [new Paragraph({ children: [new TextRun({ text: cell.text, bold: cell.bold ?? false })] })],
          ...(cell.fill ? { shading: { fill: hex(cell.fill), type: ShadingType.CLEAR, color: 'auto' } } : {}),
        })),
      }));
      // An empty paragraph after each table keeps two tables from merging in Word.
      return [new Table({ rows, columnWidths: widths, width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA } }), new Paragraph({ text: '' })];
    }
  }
}

/** Width of the text on an A4 page with the default margins, in twentieths of a point. */
const TEXT_WIDTH_TWIPS = 9026;

/**
 * Column widths that follow how much each column holds (a Chinese character counts twice), so a long
 * Analysis column gets the room and a two-digit Target column does not.
 */
export function columnWidths(rows: readonly (readonly string[])[]): number[] {
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const weight = (text: string): number => [...text].reduce((n, ch) => n + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
  const weights = Array.from({ length: columns }, (_, c) => Math.min(40, Math.max(13, ...rows.map((r) => weight(r[c] ?? '')))));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  return weights.map((w) => Math.floor((w / total) * TEXT_WIDTH_TWIPS));
}

/** Packs blocks into a .docx (Arial for Latin text, Microsoft YaHei for Chinese). */
export async function docxFromBlocks(blocks: readonly DocxBlock[], title = ''): Promise<Buffer> {
  const doc = new Document({
    title,
    creator: 'Market Expansion Tracker',
    styles: { default: { document: { run: { font: { ascii: 'Arial', hAnsi: 'Arial', eastAsia: 'Microsoft YaHei' }, size: 21 } } } },
    sections: [{ children: blocks.flatMap(toChildren) }],
  });
  return Packer.toBuffer(doc);
}

type ChartBlock = Extract<ReportBlock, { kind: 'chart' }>;

/** What the rasteriser draws: a missing value (a month without data) is NaN, so no bar is drawn for it, never a 0. */
export function chartSpec(chart: ChartBlock): ChartSpec {
  return {
    kind: 'column', width: CHART_SIZE.width, height: CHART_SIZE.height, categories: [...chart.categories],
    series: chart.series.map((s) => s.values.map((v) => v ?? Number.NaN)),
    colors: chart.series.map((s, i) => s.color || DEFAULT_COLORS[i % DEFAULT_COLORS.length]!), stacked: false,
  };
}

/** The chart drawn locally as a PNG (the emulator's rasteriser: bars, axes and legend swatches; no text). */
export function chartPng(chart: ChartBlock): Buffer {
  return renderChart(chartSpec(chart));
}

/** The report model as blocks, laid out like the Google Doc. */
export function reportBlocks(model: Pick<ReportModel, 'documentName' | 'subtitle' | 'sections'>): DocxBlock[] {
  const blocks: DocxBlock[] = [{ kind: 'title', text: model.documentName }, { kind: 'subtitle', text: model.subtitle }];
  for (const section of model.sections) {
    blocks.push({ kind: 'heading', level: 1, text: section.title });
    for (const block of section.blocks) {
      switch (block.kind) {
        case 'heading':
          blocks.push({ kind: 'heading', level: block.level, text: block.text });
          break;
        case 'paragraph':
          blocks.push({ kind: 'paragraph', text: block.text, italic: block.style === 'note', bullet: block.style === 'bullet' });
          break;
        case 'table':
          blocks.push({
            kind: 'table', headerRow: true,
            rows: [
              block.header.map((text) => ({ text, bold: true, fill: HEADER_COLOR })),
              ...block.rows.map((row) => row.map((c) => ({ text: c.text, fill: c.status ? STATUS_COLORS[c.status] : null }))),
            ],
          });
          break;
        case 'keyFigures':
          blocks.push({
            kind: 'table', headerRow: false,
            rows: block.figures.map((f) => [{ text: f.label, bold: true }, { text: f.value, fill: f.status ? STATUS_COLORS[f.status] : null }]),
          });
          break;
        case 'chart':
          blocks.push({ kind: 'heading', level: 3, text: block.title });
          blocks.push({ kind: 'image', png: chartPng(block), width: CHART_SIZE.width, height: CHART_SIZE.height });
          blocks.push({ kind: 'paragraph', text: block.legend, italic: true });
          break;
      }
    }
  }
  return blocks;
}

/** The evaluation report as a .docx file's bytes. */
export function reportDocx(model: Pick<ReportModel, 'documentName' | 'subtitle' | 'sections'>): Promise<Buffer> {
  return docxFromBlocks(reportBlocks(model), model.documentName);
}

