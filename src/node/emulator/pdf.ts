/**
 * A small, valid PDF of a document's text, for Document.getAs('application/pdf') in the emulator. Google
 * renders the real thing; here a test needs bytes that are a PDF (header, objects, xref, trailer) and carry
 * the document's text, so it can check that a PDF copy was made of the right document. Latin-1 text is
 * written as is; other characters (Chinese) as their code points in brackets, as the standard fonts have no
 * CJK glyphs. The laid-out rendering of reports (tables, charts, Chinese fonts) is the .docx export's job.
 */

const PAGE_WIDTH = 595;
const PAGE_HEIGHT = 842;
const MARGIN = 56;
const LINE_HEIGHT = 14;
const LINES_PER_PAGE = Math.floor((PAGE_HEIGHT - 2 * MARGIN) / LINE_HEIGHT);
const WRAP_AT = 95;

function pdfString(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 63;
    if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
    else if (code >= 32 && code <= 126) out += ch;
    else if (code >= 160 && code <= 255) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += `[U+${code.toString(16).toUpperCase().padStart(4, '0')}]`;
  }
  return `(${out})`;
}

function wrap(line: string): string[] {
  if (line.length <= WRAP_AT) return [line];
  const out: string[] = [];
  for (let i = 0; i < line.length; i += WRAP_AT) out.push(line.slice(i, i + WRAP_AT));
  return out;
}

/** The PDF bytes of `title` and `lines` (one text line each; long lines wrap). */
export function textPdf(title: string, lines: readonly string[]): Buffer {
  const all = lines.flatMap((l) => wrap(l.replace(/\s+/g, ' ')));
  const pages: string[][] = [];
  for (let i = 0; i < Math.max(all.length, 1); i += LINES_PER_PAGE) pages.push(all.slice(i, i + LINES_PER_PAGE));
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const catalog = add('');
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const info = add(`<< /Title ${pdfString(title)} /Producer (Market Expansion Tracker emulator) >>`);
  const kids: number[] = [];
  for (const page of pages) {
    const text = page.map((l, i) => `BT /F1 10 Tf ${MARGIN} ${PAGE_HEIGHT - MARGIN - i * LINE_HEIGHT} Td ${pdfString(l)} Tj ET`).join('\n');
    const content = add(`<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
