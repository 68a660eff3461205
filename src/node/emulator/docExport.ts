/**
 * Exports the emulator's Google Docs as .docx files, as Google Docs' own "Download → .docx" would:
 * the page size and margins, header and footer, headings, paragraphs, list items, tables (with the
 * column widths, alignment, bold and cell colours the script set) and images, through the same .docx
 * writer as the offline report.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HEADER_COLOR, STATUS_COLORS } from '../../core/colors';
import type { DocCell } from '../../core/document';
import type { Status } from '../../core/metrics';
import { DocxBlock, DocxDocument, docxFromDocument } from '../docx';
import { EmuDocument, EmuListItem, EmuParagraph, EmuTable, HorizontalAlignment, ParagraphHeading } from './documents';

const POINTS_PER_MM = 72 / 25.4;

function headingLevel(heading: string): 1 | 2 | 3 | null {
  if (heading === ParagraphHeading.HEADING1) return 1;
  if (heading === ParagraphHeading.HEADING2) return 2;
  return /^HEADING[3-6]$/.test(heading) ? 3 : null;
}

const statusOfColor = (color: string | null): Status | undefined =>
  color === null ? undefined : (Object.entries(STATUS_COLORS).find(([, c]) => c.toLowerCase() === color.toLowerCase())?.[0] as Status | undefined);

function tableBlock(table: EmuTable, index: number): DocxBlock {
  const rows = table.rows.map((row) => row.cells);
  const first = rows[0] ?? [];
  const hasHeader = first.length > 0 && first.every((c) => c.bold || c.backgroundColor?.toLowerCase() === HEADER_COLOR);
  if (rows.length === 1 && first.length === 1 && !hasHeader) {
    return { kind: 'callout', title: '', text: first[0]!.text };
  }
  const body = hasHeader ? rows.slice(1) : rows;
  const columns = (rows[0] ?? []).map((_, c) => {
    const alignment = rows.map((r) => r[c]?.alignment).find((a) => a !== null && a !== undefined);
    const width = table.columnWidths.get(c);
    return { align: alignment === HorizontalAlignment.RIGHT ? 'right' as const : 'left' as const, ...(width !== undefined ? { weight: width } : {}) };
  });
  return {
    kind: 'table', id: `table-${index}`,
    header: hasHeader ? first.map((c) => c.text) : [],
    rows: body.map((r) => r.map((c): DocCell => {
      const status = statusOfColor(c.backgroundColor);
      return { text: c.text, ...(status ? { status } : {}), ...(c.bold ? { bold: true } : {}) };
    })),
    columns,
  };
}

/** The document as the .docx writer's model: page, header, footer and body blocks. */
export function documentModel(doc: EmuDocument): DocxDocument {
  const blocks: DocxBlock[] = [];
  let title = '';
  let subtitle = '';
  doc.body.children.forEach((element, index) => {
    if (element instanceof EmuTable) {
      blocks.push(tableBlock(element, index));
      return;
    }
    const paragraph: EmuParagraph = element;
    for (const inline of paragraph.inlines) {
      if (inline.type === 'INLINE_IMAGE') {
        // InlineImage sizes are pixels (96 per inch); the writer takes points.
        blocks.push({ kind: 'image', png: inline.image.blob.data, width: inline.image.width * 0.75, height: inline.image.height * 0.75, altText: inline.image.blob.name ?? '' });
      }
    }
    if (paragraph.inlines.length > 0 && paragraph.text === '') return;
    const level = headingLevel(paragraph.heading);
    if (paragraph.heading === ParagraphHeading.TITLE && title === '') title = paragraph.text;
    else if (paragraph.heading === ParagraphHeading.SUBTITLE && subtitle === '') subtitle = paragraph.text;
    else if (level !== null) blocks.push({ kind: 'heading', level, text: paragraph.text });
    else if (paragraph.text !== '' || paragraph instanceof EmuListItem) {
      const note = paragraph.attrs.ITALIC === true;
      blocks.push({ kind: 'paragraph', text: paragraph.text, style: paragraph instanceof EmuListItem ? 'bullet' : note ? 'note' : 'normal' });
    }
  });
  const page = doc.body.page;
  const mm = (points: number): number => points / POINTS_PER_MM;
  return {
    lang: documentLang(doc.body.plainText()),
    name: doc.name, title, subtitle,
    page: {
      size: 'A4', orientation: page.width > page.height ? 'landscape' : 'portrait',
      margins: { top: mm(page.marginTop), right: mm(page.marginRight), bottom: mm(page.marginBottom), left: mm(page.marginLeft) },
    },
    header: doc.header?.plainText() ?? '',
    // Google Docs' own export holds page numbers only where a person inserted them in the Docs editor.
    footer: { text: doc.footer?.plainText() ?? '', pageNumbers: false },
    blocks,
  };
}

/** Writes one emulated Google Doc as a .docx file. */
export async function exportDocumentDocx(doc: EmuDocument, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, await docxFromDocument(documentModel(doc)));
}

/** A file name safe on every system, from a document name. */
export function docxFileName(name: string): string {
  return `${name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'document'}.docx`;
}

/** Writes every Doc that is not in the trash into dir; returns the paths. */
/**
 * The language a Doc is written in: Chinese when Chinese characters outnumber Latin letters' words. A quoted
 * Chinese term (目标设定需合理, a date like 2023年7月31日) inside an English document must not make it Chinese:
 * the .docx would then break English words anywhere, as Chinese lines break.
 */
export function documentLang(text: string): 'zh-CN' | 'en' {
  const han = (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const latinWords = (text.match(/[A-Za-z]{2,}/g) ?? []).length;
  return han > latinWords ? 'zh-CN' : 'en';
}

export async function exportDocumentsDocx(docs: readonly EmuDocument[], dir: string): Promise<string[]> {
  const paths: string[] = [];
  for (const doc of docs) {
    if (doc.trashed) continue;
    const path = join(dir, docxFileName(doc.name));
    await exportDocumentDocx(doc, path);
    paths.push(path);
  }
  return paths;
}
