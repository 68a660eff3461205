/**
 * Any real .xlsx opens (src/node/xlsx/open.ts): the packages other programs write, built here by rewriting
 * the template's zip the way each writer lays it out, read to exactly the values of the same workbook as
 * exceljs reads it. exceljs's failures these reproduce are in its tracker (exceljs#2797: a comments part
 * reached by an absolute target crashes the load) or were found here (an `<x:workbook>` package and a number
 * format without a code crash it; a sheet part not named sheetN.xml is silently dropped).
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/node/cli';
import { openXlsx } from '../../src/node/xlsx/open';
import { UnreadableWorkbookError, readXlsx } from '../../src/node/xlsx/reader';
import { readXlsxValues, resolvePart } from '../../src/node/xlsx/values';
import { writeTemplate } from '../../src/node/xlsx/template';
import { recordingIo, tempDir } from './xlsxHelpers';

type Files = Record<string, Uint8Array>;
const dir = tempDir();
const original = join(dir, 'example.xlsx');
let files: Files;

beforeAll(async () => {
  await writeTemplate(original, { lang: 'en', example: true });
  files = unzipSync(readFileSync(original));
});

const text = (f: Files, name: string): string => strFromU8(f[name]!);
const names = (f: Files, pattern: RegExp): string[] => Object.keys(f).filter((n) => pattern.test(n));

/** The template's package rewritten by `edit`, saved as a file. */
function variant(name: string, edit: (f: Files) => void): string {
  const f: Files = { ...files };
  edit(f);
  const path = join(dir, `${name}.xlsx`);
  writeFileSync(path, zipSync(f));
  return path;
}

function replaceIn(f: Files, name: string, from: RegExp | string, to: string | ((match: string, ...groups: string[]) => string)): void {
  const xml = text(f, name);
  f[name] = strToU8(typeof to === 'string' ? xml.replace(from, to) : xml.replace(from, to));
}

function rename(f: Files, from: string, to: string): void {
  f[to] = f[from]!;
  delete f[from];
}

/** Prefixes every element of a SpreadsheetML part with x: (as the Open XML SDK writes it). */
function prefixed(xml: string): string {
  return xml
    .replace(/<(\/?)(?![?!])([A-Za-z][\w]*)(?=[\s>/])/g, '<$1x:$2')
    .replace(' xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', ' xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"');
}

const WRITERS: Record<string, (f: Files) => void> = {
  // WPS and others: the notes' parts reached by absolute targets.
  'absolute comment targets (WPS)': (f) => {
    for (const rels of names(f, /^xl\/worksheets\/_rels\/.*\.rels$/)) {
      replaceIn(f, rels, /Target="\.\.\/(comments\d+\.xml|drawings\/vmlDrawing\d+\.vml)"/g, 'Target="/xl/$1"');
    }
  },
  // openpyxl: xl/comments/commentN.xml and xl/drawings/commentsDrawingN.vml, absolute targets.
  'comments in a folder (openpyxl)': (f) => {
    for (const rels of names(f, /^xl\/worksheets\/_rels\/.*\.rels$/)) {
      const xml = text(f, rels);
      const comments = /\.\.\/comments(\d+)\.xml/.exec(xml);
      if (!comments) continue;
      const n = comments[1]!;
      rename(f, `xl/comments${n}.xml`, `xl/comments/comment${n}.xml`);
      rename(f, `xl/drawings/vmlDrawing${n}.vml`, `xl/drawings/commentsDrawing${n}.vml`);
      f[rels] = strToU8(xml.replace(`../comments${n}.xml`, `/xl/comments/comment${n}.xml`).replace(`../drawings/vmlDrawing${n}.vml`, `/xl/drawings/commentsDrawing${n}.vml`));
    }
  },
  // Excel 365: threaded comments beside the legacy notes, and a persons part.
  'threaded comments (Excel 365)': (f) => {
    const rels = names(f, /^xl\/worksheets\/_rels\/.*\.rels$/)[0]!;
    f['xl/threadedComments/threadedComment1.xml'] = strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="A1" dT="2023-08-01T10:00:00.00" personId="{00000000-0000-0000-0000-000000000001}" id="{00000000-0000-0000-0000-000000000002}"><text>数据来自 CRM，请核对</text></threadedComment></ThreadedComments>');
    f['xl/persons/person.xml'] = strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><person displayName="王*" id="{00000000-0000-0000-0000-000000000001}" userId="wang" providerId="None"/></personList>');
    replaceIn(f, rels, '</Relationships>', '<Relationship Id="rId90" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/></Relationships>');
    replaceIn(f, 'xl/_rels/workbook.xml.rels', '</Relationships>', '<Relationship Id="rId91" Type="http://schemas.microsoft.com/office/2017/10/relationships/person" Target="persons/person.xml"/></Relationships>');
  },
  // The Open XML SDK and some exporters: every element carries the x: prefix.
  'x: namespace prefixes (Open XML SDK)': (f) => {
    for (const name of [...names(f, /^xl\/worksheets\/[^/]+\.xml$/), 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml']) f[name] = strToU8(prefixed(text(f, name)));
  },
  // Writers that keep no shared strings: every text an inline string, in rich-text runs.
  'inline strings in runs, no shared strings part': (f) => {
    const shared = [...text(f, 'xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1]!);
    for (const sheet of names(f, /^xl\/worksheets\/[^/]+\.xml$/)) {
      f[sheet] = strToU8(text(f, sheet).replace(/<c ([^>]*?)t="s"([^>]*)><v>(\d+)<\/v><\/c>/g, (_m, a: string, b: string, i: string) => {
        const item = shared[Number(i)]!;
        const plain = /^<t(?: [^>]*)?>([\s\S]*)<\/t>$/.exec(item)?.[1];
        // Split a plain text into two runs, as a writer that keeps formatting runs would.
        const runs = plain === undefined ? item : `<r><t xml:space="preserve">${plain.slice(0, 1)}</t></r><r><rPr><b/></rPr><t xml:space="preserve">${plain.slice(1)}</t></r>`;
        return `<c ${a}t="inlineStr"${b}><is>${runs}</is></c>`;
      }));
    }
    delete f['xl/sharedStrings.xml'];
    replaceIn(f, 'xl/_rels/workbook.xml.rels', /<Relationship [^>]*sharedStrings[^>]*\/>/, '');
  },
  // Styles exceljs does not know: a number format without a code, extension lists.
  'a number format without a code, unknown style extensions': (f) => {
    replaceIn(f, 'xl/styles.xml', /<numFmts count="(\d+)">/, (_m, n) => `<numFmts count="${Number(n) + 1}"><numFmt numFmtId="300"/>`);
    replaceIn(f, 'xl/styles.xml', '</styleSheet>', '<extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext></extLst></styleSheet>');
  },
  // Sheet parts named by the writer, not sheetN.xml; targets absolute.
  'sheet parts with their own names, absolute targets': (f) => {
    const rels = text(f, 'xl/_rels/workbook.xml.rels');
    let out = rels;
    for (const m of rels.matchAll(/Target="worksheets\/sheet(\d+)\.xml"/g)) {
      const n = m[1]!;
      rename(f, `xl/worksheets/sheet${n}.xml`, `xl/worksheets/tab_${n}.xml`);
      if (f[`xl/worksheets/_rels/sheet${n}.xml.rels`]) rename(f, `xl/worksheets/_rels/sheet${n}.xml.rels`, `xl/worksheets/_rels/tab_${n}.xml.rels`);
      out = out.replace(m[0], `Target="/xl/worksheets/tab_${n}.xml"`);
    }
    f['xl/_rels/workbook.xml.rels'] = strToU8(out);
    replaceIn(f, '[Content_Types].xml', /\/xl\/worksheets\/sheet(\d+)\.xml/g, '/xl/worksheets/tab_$1.xml');
  },
  // No dimension element, and document properties exceljs's core-properties reader has never seen.
  'no dimension, unknown document properties (LibreOffice, Kingsoft)': (f) => {
    for (const sheet of names(f, /^xl\/worksheets\/[^/]+\.xml$/)) replaceIn(f, sheet, /<dimension [^>]*\/>/, '');
    replaceIn(f, 'docProps/core.xml', '</cp:coreProperties>', '<cp:contentStatus>终稿</cp:contentStatus><cp:version>3</cp:version><cp:category>销售</cp:category></cp:coreProperties>');
  },
};

describe('a workbook saved by any program is read to the same values', () => {
  it.each(Object.keys(WRITERS))('%s', async (writer) => {
    const expected = await readXlsx(original);
    const path = variant(writer.replace(/\W+/g, '-'), WRITERS[writer]!);
    const read = await openXlsx(path);
    const { reader, fallbackReason, ...result } = read;
    expect(result).toEqual(expected);
    // The values reader (used by rollup) reads it too.
    expect(readXlsxValues(path)).toEqual(expected);
    expect(reader === 'exceljs' || typeof fallbackReason === 'string').toBe(true);
  });

  it('exceljs itself fails on these files, so the fallback is what reads them', async () => {
    for (const writer of ['absolute comment targets (WPS)', 'comments in a folder (openpyxl)', 'x: namespace prefixes (Open XML SDK)', 'a number format without a code, unknown style extensions']) {
      const path = variant(`raw-${writer.replace(/\W+/g, '-')}`, WRITERS[writer]!);
      await expect(new ExcelJS.Workbook().xlsx.readFile(path)).rejects.toThrow();
      expect((await openXlsx(path)).reader).toBe('values');
    }
    // Silently: exceljs drops sheets whose parts are not named sheetN.xml.
    const renamed = variant('raw-renamed', WRITERS['sheet parts with their own names, absolute targets']!);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(renamed);
    expect(wb.worksheets.length).toBe(0);
    const read = await openXlsx(renamed);
    expect(read.reader).toBe('values');
    expect(read.fallbackReason).toMatch(/exceljs read 0 of the \d+ sheets/);
  });

  it('the command line reports on a WPS-saved workbook with notes exactly as on the original, instead of calling it damaged', async () => {
    const path = variant('wps-cli', WRITERS['absolute comment targets (WPS)']!);
    const summary = async (file: string, name: string): Promise<{ code: number; output: string; json: unknown }> => {
      const io = recordingIo(dir);
      const json = join(dir, `${name}.json`);
      const code = await main(['report', file, '--as-of', '2023-09-30', '--out', join(dir, `${name}.docx`), '--json', json, '--quiet'], io);
      return { code, output: [...io.stdout, ...io.stderr].join('\n'), json: JSON.parse(readFileSync(json, 'utf8')) as unknown };
    };
    const wps = await summary(path, 'wps');
    const plain = await summary(original, 'plain');
    expect(wps.output).not.toMatch(/damaged/);
    expect(wps.code).toBe(plain.code);
    expect(wps.json).toEqual(plain.json);
  });
});

describe('cells as other writers store them (values reader)', () => {
  const sheetXml = (rows: string): string =>
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;

  function workbook(name: string, sheet: string, extra: Files = {}): string {
    const f: Files = {
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
      '_rels/.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
      'xl/workbook.xml': strToU8('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Evaluation" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': strToU8(sheet),
      ...extra,
    };
    const path = join(dir, `${name}.xlsx`);
    writeFileSync(path, zipSync(f));
    return path;
  }

  it('inline strings, str/b/e/d cells, rows and cells without their reference, single quotes, _x000D_ escapes', async () => {
    const path = workbook('cells', sheetXml([
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Metric</t></is></c><c r="B1" t="inlineStr"><is><t>Target</t></is></c><c r="C1" t="inlineStr"><is><t>Actual</t></is></c><c r="D1" t="inlineStr"><is><t>Analysis</t></is></c></row>',
      // No r on the row nor its cells: the row after row 1, cells from column A.
      '<row><c t="inlineStr"><is><r><t>新增</t></r><r><t>客户数</t></r></is></c><c><v>50</v></c><c t="str"><f>C9</f><v>45</v></c><c t="inlineStr"><is><t>line one_x000D_</t></is></c></row>',
      "<row r='4'><c r='A4' t='b'><v>1</v></c><c r='B4' t='e'><v>#DIV/0!</v></c><c r='C4' t='d'><v>2023-07-31T00:00:00Z</v></c><c r='D4'><v xml:space='preserve'>7.5</v></c></row>",
    ].join('')));
    const read = readXlsxValues(path);
    expect(read.raw.evaluation).toEqual([
      ['Metric', 'Target', 'Actual', 'Analysis'],
      ['新增客户数', 50, '45', 'line one\r'],
      [],
      [true, '#DIV/0!', new Date('2023-07-31T00:00:00Z'), 7.5],
    ]);
    // exceljs reads what it can of the same file the same way (it leaves out the reference-less row).
    const opened = await openXlsx(path);
    expect(opened.raw.evaluation?.[3]).toEqual(read.raw.evaluation?.[3]);
  });

  it('resolves relationship targets as the package format defines them', () => {
    expect(resolvePart('xl', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolvePart('xl/worksheets', '../comments1.xml')).toBe('xl/comments1.xml');
    expect(resolvePart('xl/worksheets', '/xl/comments/comment1.xml')).toBe('xl/comments/comment1.xml');
    expect(resolvePart('xl', './worksheets\\sheet2.xml')).toBe('xl/worksheets/sheet2.xml');
    expect(resolvePart('', 'xl/workbook.xml')).toBe('xl/workbook.xml');
  });

  it('"damaged" only for a file that is: a cut-off zip, a listed sheet whose part is missing', async () => {
    const cut = join(dir, 'cut.xlsx');
    writeFileSync(cut, readFileSync(original).subarray(0, 4000));
    await expect(openXlsx(cut)).rejects.toBeInstanceOf(UnreadableWorkbookError);
    await expect(openXlsx(cut)).rejects.toThrow(/damaged/);
    const missing = variant('missing-part', (f) => { delete f['xl/worksheets/sheet7.xml']; });
    await expect(openXlsx(missing)).rejects.toThrow(/damaged: the sheet "[^"]+" is listed but its part \(xl\/worksheets\/sheet7\.xml\) is missing/);
    const io = recordingIo(dir);
    expect(await main(['report', cut, '--out', join(dir, 'cut.docx')], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/damaged/);
  });
});
