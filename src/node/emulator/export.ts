/** Exports what a run produced: the spreadsheet as .xlsx (exceljs) and each mail as .eml (nodemailer). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import MailComposer from 'nodemailer/lib/mail-composer';
import { textEms } from '../../core/document';
import { toA1 } from './a1';
import { displayValue, zonedParts } from './format';
import type { SentMail } from './mail';
import type { EmuSpreadsheet } from './spreadsheet';
import { CUSTOM_FUNCTION_NAMES } from '../../core/customFunctions';

function argb(color: string): string {
  const hex = color.replace('#', '');
  return `FF${(hex.length === 3 ? hex.split('').map((c) => c + c).join('') : hex).toUpperCase()}`;
}

/**
 * A date as the spreadsheet shows it: the calendar day and clock time in the spreadsheet's time zone.
 * An .xlsx holds no time zone, so the wall time is written (as exceljs writes it, in UTC); writing the
 * instant instead would make 2023-07-01 00:00 in Shanghai read 2023-06-30.
 */
export function wallTime(date: Date, timeZone: string): Date {
  const p = zonedParts(date, timeZone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, date.getUTCMilliseconds()));
}

/** Functions only Google Sheets knows: Excel, WPS and LibreOffice would show #NAME? for them. */
const SHEETS_ONLY = new RegExp(`\\b(${[...CUSTOM_FUNCTION_NAMES, 'ARRAYFORMULA', 'IMPORTRANGE', 'SPARKLINE', 'GOOGLEFINANCE', 'QUERY', 'FILTER', 'UNIQUE', 'SORT'].join('|')})\\s*\\(`, 'i');

/** Widest text a column shows, in character widths (a Chinese character counts as two), capped at 60. */
function contentWidth(cells: readonly string[]): number {
  return Math.min(60, Math.max(0, ...cells.map((t) => Math.max(...t.split('\n').map((line) => textEms(line) * 2)))));
}

/** Builds an exceljs workbook from the emulated spreadsheet. */
export function toWorkbook(ss: EmuSpreadsheet): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'apps-script-emulator';
  for (const sheet of ss.sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      state: sheet.hidden ? 'hidden' : 'visible',
      ...(sheet.tabColor ? { properties: { tabColor: { argb: argb(sheet.tabColor) } } } : {}),
    });
    if (sheet.frozenRows || sheet.frozenCols) {
      ws.views = [{ state: 'frozen', ySplit: sheet.frozenRows, xSplit: sheet.frozenCols }];
    }
    // Columns at least as wide as what they show (dates and figures never turn into ###), at most 60 characters.
    const shown = new Map<number, string[]>();
    sheet.cells.forEach((row) => row?.forEach((cell, ci) => {
      if (!cell) return;
      const text = displayValue(cell.v, cell.fmt ?? 'General', ss.timeZone, ss.locale);
      if (text !== '') (shown.get(ci + 1) ?? shown.set(ci + 1, []).get(ci + 1)!).push(text);
    }));
    for (const [c, texts] of shown) {
      const set = sheet.columnWidths.get(c);
      const wanted = Math.ceil(contentWidth(texts)) + 2;
      ws.getColumn(c).width = Math.max(set === undefined ? 8.43 : Math.max(4, Math.round(set / 7)), Math.min(wanted, 60));
    }
    for (const [c, w] of sheet.columnWidths) if (!shown.has(c)) ws.getColumn(c).width = Math.max(4, Math.round(w / 7));
    sheet.cells.forEach((row, ri) => {
      row?.forEach((cell, ci) => {
        if (!cell) return;
        const xc = ws.getCell(ri + 1, ci + 1);
        const value = cell.v instanceof Date ? wallTime(cell.v, ss.timeZone) : cell.v;
        if (cell.f && SHEETS_ONLY.test(cell.f)) {
          // Only Google Sheets can compute it: the value it computed, so every spreadsheet program shows a figure.
          if (value !== '') xc.value = value;
        } else if (cell.f) {
          const result = value === '' ? undefined : value;
          xc.value = (result === undefined ? { formula: cell.f.slice(1) } : { formula: cell.f.slice(1), result }) as ExcelJS.CellValue;
        } else if (value !== '') {
          xc.value = value;
        }
        if (cell.fmt && cell.fmt !== 'General') xc.numFmt = cell.fmt;
        else if (cell.v instanceof Date) xc.numFmt = 'yyyy-mm-dd';
        const st = cell.style;
        if (st) {
          const font: Partial<ExcelJS.Font> = {};
          if (st.fontWeight === 'bold') font.bold = true;
          if (typeof st.fontColor === 'string') font.color = { argb: argb(st.fontColor) };
          if (typeof st.fontSize === 'number') font.size = st.fontSize;
          if (Object.keys(font).length) xc.font = font;
          if (typeof st.background === 'string') xc.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(st.background) } };
          const align: Partial<ExcelJS.Alignment> = {};
          if (st.wrap === true) align.wrapText = true;
          if (typeof st.horizontalAlignment === 'string' && st.horizontalAlignment !== 'normal') align.horizontal = st.horizontalAlignment as ExcelJS.Alignment['horizontal'];
          if (typeof st.verticalAlignment === 'string') align.vertical = st.verticalAlignment as ExcelJS.Alignment['vertical'];
          if (Object.keys(align).length) xc.alignment = align;
        }
        if (cell.note) xc.note = cell.note;
        const dv = cell.dv;
        if (dv) {
          const list = dv.listValues();
          if (list) {
            xc.dataValidation = {
              type: 'list', allowBlank: true, formulae: [`"${list.map((s) => s.replace(/"/g, '""')).join(',')}"`],
              showErrorMessage: !dv.allowInvalid, ...(dv.helpText ? { showInputMessage: true, prompt: dv.helpText } : {}),
            };
          } else if (dv.criteriaType === 'NUMBER_BETWEEN') {
            xc.dataValidation = { type: 'decimal', operator: 'between', allowBlank: true, formulae: dv.criteriaValues as number[], showErrorMessage: !dv.allowInvalid };
          } else if (dv.criteriaType === 'DATE_IS_VALID_DATE') {
            xc.dataValidation = { type: 'date', operator: 'greaterThan', allowBlank: true, formulae: [new Date(Date.UTC(1900, 0, 1))], showErrorMessage: !dv.allowInvalid };
          } else if (dv.criteriaType === 'CUSTOM_FORMULA') {
            xc.dataValidation = { type: 'custom', allowBlank: true, formulae: [String(dv.criteriaValues[0] ?? '').replace(/^=/, '')], showErrorMessage: !dv.allowInvalid };
          }
        }
      });
    });
    let priority = 1;
    for (const rule of sheet.cfRules) {
      const c = rule.condition;
      const style: Partial<ExcelJS.Style> = {};
      if (c.background) style.fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(c.background) } };
      if (c.fontColor || c.bold) style.font = { ...(c.fontColor ? { color: { argb: argb(c.fontColor) } } : {}), ...(c.bold ? { bold: true } : {}) };
      for (const r of rule.ranges) {
        const ref = toA1(r.row, r.col, r.numRows, r.numCols);
        const tl = toA1(r.row, r.col);
        let formula: string | null = null;
        const v0 = c.criteriaValues[0];
        switch (c.criteriaType) {
          case 'CUSTOM_FORMULA': formula = String(v0 ?? '').replace(/^=/, ''); break;
          case 'TEXT_EQUAL_TO': formula = `${tl}="${String(v0).replace(/"/g, '""')}"`; break;
          case 'TEXT_EQUAL_TO_ANY': formula = `OR(${c.criteriaValues.map((t) => `${tl}="${String(t).replace(/"/g, '""')}"`).join(',')})`; break;
          case 'TEXT_CONTAINS': formula = `ISNUMBER(SEARCH("${String(v0).replace(/"/g, '""')}",${tl}))`; break;
          case 'CELL_EMPTY': formula = `LEN(${tl})=0`; break;
          case 'CELL_NOT_EMPTY': formula = `LEN(${tl})>0`; break;
          case 'NUMBER_LESS_THAN': formula = `${tl}<${Number(v0)}`; break;
          case 'NUMBER_GREATER_THAN': formula = `${tl}>${Number(v0)}`; break;
          case 'NUMBER_BETWEEN': formula = `AND(${tl}>=${Number(v0)},${tl}<=${Number(c.criteriaValues[1])})`; break;
          default: formula = null;
        }
        if (formula) ws.addConditionalFormatting({ ref, rules: [{ type: 'expression', priority: priority++, formulae: [formula], style }] });
      }
    }
  }
  return wb;
}

export async function exportXlsx(ss: EmuSpreadsheet, path: string): Promise<void> {
  await toWorkbook(ss).xlsx.writeFile(path);
}

function slug(s: string): string {
  return s.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'mail';
}

/** RFC 822 text of one mail (multipart/alternative when it has an HTML body), UTF-8. */
export async function composeEml(m: SentMail): Promise<Buffer> {
  const composer = new MailComposer({
    from: m.name ? { name: m.name, address: m.from } : m.from,
    to: m.to,
    ...(m.cc ? { cc: m.cc } : {}),
    ...(m.bcc ? { bcc: m.bcc } : {}),
    ...(m.replyTo ? { replyTo: m.replyTo } : {}),
    subject: m.subject,
    text: m.body,
    ...(m.htmlBody !== undefined ? { html: m.htmlBody } : {}),
    date: m.at,
    textEncoding: 'quoted-printable',
    ...(m.attachments ? { attachments: m.attachments.map((a) => ({ filename: a.name, contentType: a.contentType, content: a.data })) } : {}),
  });
  const node = composer.compile();
  node.keepBcc = true;
  return node.build();
}

export async function exportMail(mails: readonly SentMail[], dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const out: string[] = [];
  for (const [i, m] of mails.entries()) {
    const p = join(dir, `${String(i + 1).padStart(3, '0')}-${slug(m.subject)}.eml`);
    await writeFile(p, await composeEml(m));
    out.push(p);
  }
  return out;
}
