/** Exports the emulator's Google Docs as .docx files (built on the document's element list). */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DocxBlock, docxFromBlocks } from '../docx';
import { EmuDocument, EmuListItem, EmuParagraph, EmuTable, ParagraphHeading } from './documents';

function headingLevel(heading: string): 1 | 2 | 3 | null {
  if (heading === ParagraphHeading.HEADING1) return 1;
  if (heading === ParagraphHeading.HEADING2) return 2;
  return /^HEADING[3-6]$/.test(heading) ? 3 : null;
}

/** The document's body as .docx blocks: headings, paragraphs, list items, tables (bold and cell colours kept), images. */
export function documentBlocks(doc: EmuDocument): DocxBlock[] {
  const blocks: DocxBlock[] = [];
  for (const element of doc.body.children) {
    if (element instanceof EmuTable) {
      const rows = element.rows.map((row) => row.cells.map((cell) => ({
        text: cell.text, bold: cell.attrs.BOLD === true, fill: cell.backgroundColor,
      })));
      blocks.push({ kind: 'table', rows, headerRow: (rows[0]?.length ?? 0) > 0 && rows[0]!.every((c) => c.bold) });
      continue;
    }
    const paragraph: EmuParagraph = element;
    for (const inline of paragraph.inlines) {
      if (inline.type === 'INLINE_IMAGE') {
        blocks.push({ kind: 'image', png: inline.image.blob.data, width: inline.image.width, height: inline.image.height });
      }
    }
    if (paragraph.inlines.length > 0 && paragraph.text === '') continue;
    const level = headingLevel(paragraph.heading);
    if (paragraph.heading === ParagraphHeading.TITLE) blocks.push({ kind: 'title', text: paragraph.text });
    else if (paragraph.heading === ParagraphHeading.SUBTITLE) blocks.push({ kind: 'subtitle', text: paragraph.text });
    else if (level !== null) blocks.push({ kind: 'heading', level, text: paragraph.text });
    else {
      blocks.push({
        kind: 'paragraph', text: paragraph.text, italic: paragraph.attrs.ITALIC === true, bold: paragraph.attrs.BOLD === true,
        bullet: paragraph instanceof EmuListItem,
      });
    }
  }
  return blocks;
}

/** Writes one emulated Google Doc as a .docx file. */
export async function exportDocumentDocx(doc: EmuDocument, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, await docxFromBlocks(documentBlocks(doc), doc.name));
}

/** A file name safe on every system, from a document name. */
export function docxFileName(name: string): string {
  return `${name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'document'}.docx`;
}

/** Writes every Doc that is not in the trash into dir; returns the paths. */
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
