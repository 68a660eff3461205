/**
 * Any document model (src/core/document.ts) as a .docx that opens the same in Word, WPS and LibreOffice:
 * A4 with margins, a running header and page numbers, headings kept with what follows, table rows that
 * never split across pages, column widths from the content (the layout the Google Doc uses too),
 * figures right-aligned, status colours as cell shading, charts drawn by ECharts (src/node/chart.ts),
 * and an East Asian font and language set in every run so Chinese text keeps a Chinese font.
 */
import {
  AlignmentType, BorderStyle, Document, LineRuleType, Footer, Header, HeadingLevel, ImageRun, Packer, PageNumber, Paragraph, ShadingType, Table,
  TableCell, TableLayoutType, TableRow, TextRun, WidthType,
} from 'docx';
import { chartWords } from '../core/chart';
import { HEADER_COLOR, STATUS_COLORS } from '../core/colors';
import {
  DocBlock, DocCell, DocModel, KeyFigure, PAGE_WORDS, TABLE_FONT_SIZE, layoutColumns, pageSizePoints, textWidthPoints,
} from '../core/document';
import { ReportLike, reportDocument } from '../core/reportDocument';
import { CHART_SIZE, chartPng } from './chart';

/** A picture already drawn (a Google Doc's inline image exported from the emulator). */
export interface ImageBlock {
  readonly kind: 'image';
  readonly png: Buffer;
  /** Display size in points. */
  readonly width: number;
  readonly height: number;
  readonly altText: string;
}

/** What the .docx writer lays out: the document model's blocks, plus pictures already drawn. */
export type DocxBlock = DocBlock | ImageBlock;

export interface DocxDocument extends Omit<DocModel, 'blocks'> {
  readonly blocks: readonly DocxBlock[];
}

const LATIN_FONT = 'Arial';
/** Present on every Windows since Vista and mapped by WPS; LibreOffice substitutes its own CJK font. */
const EAST_ASIAN_FONT = 'Microsoft YaHei';
const BODY_SIZE = 10.5;
const NOTE_COLOR = '5F6368';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'BDC1C6' } as const;

const twips = (points: number): number => Math.round(points * 20);
const halfPoints = (points: number): number => Math.round(points * 2);
const hex = (color: string): string => {
  const h = color.replace('#', '');
  return (h.length === 3 ? h.split('').map((c) => c + c).join('') : h).toUpperCase();
};

/** Run properties every text run carries: the East Asian font and language, so Chinese never falls back to a Latin font. */
function runBase(doc: DocxDocument): { font: { ascii: string; hAnsi: string; eastAsia: string; cs: string; hint?: string }; language: { value: string; eastAsia: string } } {
  return {
    font: { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia: EAST_ASIAN_FONT, cs: LATIN_FONT, ...(doc.lang === 'zh-CN' ? { hint: 'eastAsia' } : {}) },
    language: { value: doc.lang === 'zh-CN' ? 'zh-CN' : 'en-GB', eastAsia: 'zh-CN' },
  };
}

function text(doc: DocxDocument, value: string, options: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}): TextRun {
  return new TextRun({
    ...runBase(doc), text: value, bold: options.bold ?? false, italics: (options.italics ?? false) && doc.lang !== 'zh-CN',
    ...(options.size ? { size: halfPoints(options.size) } : {}), ...(options.color ? { color: options.color } : {}),
  });
}

function cellParagraph(doc: DocxDocument, value: string, align: 'left' | 'right', bold: boolean, keepNext: boolean): Paragraph {
  return new Paragraph({
    alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    keepNext, keepLines: true,
    spacing: { before: 20, after: 20 },
    children: [text(doc, value, { bold, size: TABLE_FONT_SIZE })],
  });
}

/** Tables up to this many rows stay on one page with their heading (each row kept with the next). */
const KEEP_TOGETHER_ROWS = 14;

function table(doc: DocxDocument, block: Extract<DocBlock, { kind: 'table' }>): Table {
  const width = textWidthPoints(doc.page);
  const layout = layoutColumns(block.header, block.rows, width, block.columns);
  const rowsCount = block.rows.length + 1;
  const together = rowsCount <= KEEP_TOGETHER_ROWS;
  const cell = (c: DocCell, column: number, header: boolean, keepNext: boolean, bold: boolean): TableCell => {
    const fill = header ? HEADER_COLOR : c.status ? STATUS_COLORS[c.status] : null;
    return new TableCell({
      width: { size: twips(layout.widths[column] ?? 0), type: WidthType.DXA },
      margins: { left: 100, right: 100, top: 30, bottom: 30 },
      borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
      children: [cellParagraph(doc, c.text, layout.align[column] ?? 'left', bold || (c.bold ?? false), keepNext)],
      ...(fill ? { shading: { fill: hex(fill), type: ShadingType.CLEAR, color: 'auto' } } : {}),
    });
  };
  const rows = [
    ...(block.header.length > 0
      ? [new TableRow({ tableHeader: true, cantSplit: true, children: block.header.map((h, c) => cell({ text: h }, c, true, true, true)) })]
      : []),
    ...block.rows.map((row, r) => {
      const last = r === block.rows.length - 1;
      return new TableRow({
        cantSplit: true,
        children: row.map((c, column) => cell(c, column, false, together && !last, last && (block.totalRow ?? false))),
      });
    }),
  ];
  return new Table({
    rows, layout: TableLayoutType.FIXED, columnWidths: layout.widths.map(twips), width: { size: twips(width), type: WidthType.DXA },
  });
}

function keyFigures(doc: DocxDocument, figures: readonly KeyFigure[]): Table {
  const width = textWidthPoints(doc.page);
  const widths = [width * 0.6, width * 0.4];
  const rows = figures.map((f, i) => new TableRow({
    cantSplit: true,
    children: [
      new TableCell({
        width: { size: twips(widths[0]!), type: WidthType.DXA }, margins: { left: 100, right: 100, top: 40, bottom: 40 },
        borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
        children: [cellParagraph(doc, f.label, 'left', false, i < figures.length - 1)],
      }),
      new TableCell({
        width: { size: twips(widths[1]!), type: WidthType.DXA }, margins: { left: 100, right: 100, top: 40, bottom: 40 },
        borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
        children: [cellParagraph(doc, f.value, 'right', true, i < figures.length - 1)],
        ...(f.status ? { shading: { fill: hex(STATUS_COLORS[f.status]), type: ShadingType.CLEAR, color: 'auto' } } : {}),
      }),
    ],
  }));
  return new Table({ rows, layout: TableLayoutType.FIXED, columnWidths: widths.map(twips), width: { size: twips(width), type: WidthType.DXA } });
}

/** Points to the pixels docx measures images in (96 per inch). */
const px = (points: number): number => Math.round((points * 96) / 72);

function image(doc: DocxDocument, png: Buffer, width: number, height: number, altText: string): Paragraph {
  const maxWidth = textWidthPoints(doc.page);
  const scale = Math.min(1, maxWidth / width);
  return new Paragraph({
    alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 120 },
    children: [new ImageRun({
      type: 'png', data: png, transformation: { width: px(width * scale), height: px(height * scale) },
      altText: { name: altText.slice(0, 100), description: altText, title: altText.slice(0, 100) },
    })],
  });
}

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** An empty paragraph after each table keeps two tables from merging in Word and gives the page air. */
function spacer(): Paragraph {
  return new Paragraph({ spacing: { before: 0, after: 80 }, children: [] });
}

function blockChildren(doc: DocxDocument, block: DocxBlock, next: DocxBlock | undefined): (Paragraph | Table)[] {
  // A paragraph that introduces a table or a chart stays on its page.
  const introduces = next !== undefined && (next.kind === 'table' || next.kind === 'chart' || next.kind === 'image' || next.kind === 'keyFigures');
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[block.level], keepNext: true, keepLines: true, children: [text(doc, block.text)] })];
    case 'paragraph':
      return [new Paragraph({
        ...(block.style === 'bullet' ? { bullet: { level: 0 } } : {}),
        spacing: { after: 80 }, keepNext: introduces,
        children: [block.style === 'note' ? text(doc, block.text, { italics: true, color: NOTE_COLOR, size: 9.5 }) : text(doc, block.text)],
      })];
    case 'table':
      return [table(doc, block), spacer()];
    case 'keyFigures':
      return [keyFigures(doc, block.figures), spacer()];
    case 'callout':
      return [new Paragraph({
        shading: { fill: 'FEF7E0', type: ShadingType.CLEAR, color: 'auto' },
        border: { left: { style: BorderStyle.SINGLE, size: 18, color: 'F9AB00', space: 6 } },
        spacing: { before: 80, after: 120 }, keepNext: true,
        children: [text(doc, `${block.title} `, { bold: true }), text(doc, block.text)],
      })];
    case 'chart': {
      const png = chartPng(block.chart, CHART_SIZE);
      const words = chartWords(block.chart);
      return [
        image(doc, png, CHART_SIZE.width * 0.75, CHART_SIZE.height * 0.75, `${words[0] ?? ''}. ${block.chart.caption}`),
        new Paragraph({ spacing: { after: 160 }, children: [text(doc, block.chart.caption, { italics: true, color: NOTE_COLOR, size: 9 })] }),
      ];
    }
    case 'image':
      return [image(doc, block.png, block.width, block.height, block.altText)];
  }
}

function pageNumberRuns(doc: DocxDocument): TextRun[] {
  const words = doc.lang === 'zh-CN' ? PAGE_WORDS.zh : PAGE_WORDS.en;
  const base = { ...runBase(doc), size: halfPoints(8.5), color: NOTE_COLOR };
  return [new TextRun({ ...base, children: [words.before, PageNumber.CURRENT, words.middle, PageNumber.TOTAL_PAGES, words.after] })];
}

/** Packs a document model into .docx bytes. */
export async function docxFromDocument(doc: DocxDocument): Promise<Buffer> {
  const size = pageSizePoints(doc.page);
  const mm = (value: number): number => Math.round((value / 25.4) * 1440);
  const base = runBase(doc);
  const headingStyle = (id: string, name: string, sizePt: number, before: number, color: string) => ({
    id, name, basedOn: 'Normal', next: 'Normal', quickFormat: true,
    run: { ...base, size: halfPoints(sizePt), bold: true, color },
    paragraph: { spacing: { before, after: 80 }, keepNext: true, keepLines: true },
  });
  const document = new Document({
    title: doc.name,
    creator: 'Market Expansion Tracker',
    styles: {
      default: { document: { run: { ...base, size: halfPoints(BODY_SIZE) }, paragraph: { spacing: { line: 288, lineRule: LineRuleType.AUTO } } } },
      paragraphStyles: [
        headingStyle('Heading1', 'Heading 1', 15, 320, '1A73E8'),
        headingStyle('Heading2', 'Heading 2', 12, 220, '202124'),
        headingStyle('Heading3', 'Heading 3', 11, 160, '202124'),
        { id: 'Title', name: 'Title', basedOn: 'Normal', next: 'Normal', run: { ...base, size: halfPoints(20), bold: true, color: '202124' }, paragraph: { spacing: { after: 80 } } },
      ],
    },
    sections: [{
      properties: {
        page: {
          size: { width: twips(size.width), height: twips(size.height) },
          margin: { top: mm(doc.page.margins.top), right: mm(doc.page.margins.right), bottom: mm(doc.page.margins.bottom), left: mm(doc.page.margins.left), header: mm(9), footer: mm(9) },
        },
      },
      headers: {
        default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(doc, doc.header, { size: 8.5, color: NOTE_COLOR })] })] }),
      },
      footers: {
        default: new Footer({
          children: [new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              ...(doc.footer.text !== '' ? [text(doc, doc.footer.text, { size: 8.5, color: NOTE_COLOR }), text(doc, '    ', { size: 8.5 })] : []),
              ...(doc.footer.pageNumbers ? pageNumberRuns(doc) : []),
            ],
          })],
        }),
      },
      children: [
        new Paragraph({ heading: HeadingLevel.TITLE, children: [text(doc, doc.title)] }),
        ...(doc.subtitle !== '' ? [new Paragraph({ spacing: { after: 200 }, children: [text(doc, doc.subtitle, { color: NOTE_COLOR })] })] : []),
        ...doc.blocks.flatMap((block, i) => blockChildren(doc, block, doc.blocks[i + 1])),
      ],
    }],
  });
  return Packer.toBuffer(document);
}

/** The evaluation report as a .docx file's bytes. */
export function reportDocx(model: ReportLike): Promise<Buffer> {
  return docxFromDocument(reportDocument(model));
}
