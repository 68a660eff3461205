/**
 * A document as a plain model — page setup, header and footer, and a list of blocks (headings,
 * paragraphs, tables with column hints, key figures, charts) — in one language. The evaluation report
 * is one such document; a plan, a tracking sheet or a manual are others. The renderers (the Google Doc
 * in src/gas/docRenderer.ts, the .docx in src/node/docx.ts) lay out any DocModel the same way, and the
 * table layout below is shared by both so a column is as wide in the Doc as in the .docx.
 */
import type { ChartModel } from './chart';
import type { Lang } from './i18n';
import type { Status } from './metrics';

export type Align = 'left' | 'right';

export interface DocCell {
  readonly text: string;
  /** A metric status: the renderers colour the cell with the status colour. */
  readonly status?: Status;
  readonly bold?: boolean;
}

export interface DocColumn {
  /** Figures are right-aligned; inferred from the cells when absent. */
  readonly align?: Align;
  /** A share of the table's width that overrides the measured one (rarely needed). */
  readonly weight?: number;
}

export interface KeyFigure {
  readonly label: string;
  readonly value: string;
  readonly status?: Status;
}

export type DocBlock =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly style: 'normal' | 'bullet' | 'note' }
  | {
    readonly kind: 'table'; readonly id: string; readonly header: readonly string[]; readonly rows: readonly (readonly DocCell[])[];
    readonly columns?: readonly DocColumn[];
    /** The last row is a total: set in bold. */
    readonly totalRow?: boolean;
  }
  | { readonly kind: 'keyFigures'; readonly figures: readonly KeyFigure[] }
  | { readonly kind: 'chart'; readonly chart: ChartModel }
  /** A framed box, e.g. the proposals a team is to edit. */
  | { readonly kind: 'callout'; readonly title: string; readonly text: string };

export interface PageSetup {
  readonly size: 'A4';
  readonly orientation: 'portrait' | 'landscape';
  /** Millimetres. */
  readonly margins: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
}

export interface DocModel {
  readonly lang: Lang;
  /** The file or Doc name. */
  readonly name: string;
  readonly title: string;
  readonly subtitle: string;
  readonly page: PageSetup;
  /** Running header text on every page (e.g. the report name). */
  readonly header: string;
  /** Running footer: its text, then the page number in the document's language ("Page 2 of 7" / "第 2 页，共 7 页"). */
  readonly footer: { readonly text: string; readonly pageNumbers: boolean };
  readonly blocks: readonly DocBlock[];
}

export const A4_PORTRAIT: PageSetup = { size: 'A4', orientation: 'portrait', margins: { top: 20, right: 18, bottom: 20, left: 18 } };

const MM_PER_POINT = 25.4 / 72;

/** A4 in points, as the orientation says. */
export function pageSizePoints(page: PageSetup): { width: number; height: number } {
  const portrait = { width: 595.28, height: 841.89 };
  return page.orientation === 'portrait' ? portrait : { width: portrait.height, height: portrait.width };
}

/** The width between the margins, in points. */
export function textWidthPoints(page: PageSetup): number {
  return pageSizePoints(page).width - (page.margins.left + page.margins.right) / MM_PER_POINT;
}

export function mmToPoints(mm: number): number {
  return mm / MM_PER_POINT;
}

/** Words of the footer's page number, in the document's language. */
export const PAGE_WORDS = {
  en: { before: 'Page ', middle: ' of ', after: '' },
  zh: { before: '第 ', middle: ' 页，共 ', after: ' 页' },
} as const;

// ---------------------------------------------------------------------------------------------
// Table layout: column widths from the content, shared by every renderer.

/** Font size of table text, in points; headers are bold at the same size. */
export const TABLE_FONT_SIZE = 9;
/** Left + right cell padding, in points (Word's and the Doc's default cell margins). */
export const CELL_PADDING = 11;

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Width of text in ems of the font size: CJK and full-width characters are 1 em, Latin about half. */
export function textEms(text: string, bold = false): number {
  let ems = 0;
  for (const ch of text) {
    if (WIDE.test(ch)) ems += 1;
    else if (/[ilI.,:;'|!()[\]\s]/.test(ch)) ems += 0.28;
    else if (/[mwMW@%—]/.test(ch)) ems += 0.85;
    else if (/[A-Z]/.test(ch)) ems += 0.66;
    else ems += 0.54;
  }
  return bold ? ems * 1.06 : ems;
}

/**
 * The parts of a cell text that must not break across lines: Latin words, numbers, dates, ratios
 * and percentages, and a short Chinese term such as 达成率 or 已验证 (a header, or a cell of a few characters). Longer Chinese text breaks
 * between any two characters, as Chinese typesetting does.
 */
export function unbreakableParts(text: string, header: boolean): string[] {
  const parts: string[] = [];
  // A short cell (a status, a module name, a person: 已验证, 策略有效性) is a term: it stays whole too.
  const term = header || [...text.trim()].length <= 6;
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    // Runs of CJK break anywhere in body text; a header term of up to 6 characters stays whole.
    const pieces = word.split(/([\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+)/).filter((p) => p !== '');
    for (const piece of pieces) {
      if (WIDE.test(piece)) {
        if (term && [...piece].length <= 6) parts.push(piece);
        else parts.push(...[...piece].map((ch) => ch));
      } else {
        parts.push(piece);
      }
    }
  }
  return parts;
}

/** True when every non-empty cell of the column is a figure (number, %, 1:X, date, dash): it is right-aligned. */
export function isFigureColumn(cells: readonly string[]): boolean {
  const figure = /^[-−+]?[¥$€]?[\d,.]+\s*(%|万元|元|k|M)?$|^1:[\d.]+$|^\d{4}-\d{2}(-\d{2})?$|^—$|^-$|^\d+\s*\/\s*\d+.*$/;
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  return filled.length > 0 && filled.every((c) => figure.test(c)) && filled.some((c) => c !== '—' && c !== '-');
}

export interface ColumnLayout {
  /** Points, adding up to the table width. */
  readonly widths: readonly number[];
  readonly align: readonly Align[];
}

/**
 * Column widths the way a browser lays out an automatic table: each column gets at least its longest
 * unbreakable part (so "Achievement", "2023-08-10" or 达成率 never break inside), then the rest of
 * the width goes to the columns whose text would otherwise wrap most, in proportion to how much
 * more they hold. When even the minimums do not fit, the columns with long text give way first.
 */
export function layoutColumns(
  header: readonly string[], rows: readonly (readonly { readonly text: string }[])[], tableWidth: number,
  hints: readonly DocColumn[] = [], fontSize = TABLE_FONT_SIZE,
): ColumnLayout {
  const count = Math.max(header.length, ...rows.map((r) => r.length), 0);
  const min: number[] = [];
  const want: number[] = [];
  const align: Align[] = [];
  for (let c = 0; c < count; c++) {
    const cells = rows.map((r) => r[c]?.text ?? '');
    const head = header[c] ?? '';
    const longestPart = Math.max(
      0,
      ...unbreakableParts(head, true).map((p) => textEms(p, true)),
      ...cells.flatMap((t) => unbreakableParts(t, false).map((p) => textEms(p))),
    );
    // A column of long text wants its longest line up to about 40 ems; beyond that it wraps anyway.
    const longest = Math.max(textEms(head, true), ...cells.map((t) => textEms(t)), 0);
    min.push(longestPart * fontSize + CELL_PADDING);
    want.push(Math.max(Math.min(longest, 40) * fontSize + CELL_PADDING, min[c]!));
    align.push(hints[c]?.align ?? (isFigureColumn(cells) ? 'right' : 'left'));
  }
  const weights = hints.map((h) => h.weight);
  if (weights.some((w) => w !== undefined)) {
    const total = weights.reduce<number>((a, w) => a + (w ?? 1), 0) || 1;
    return { widths: Array.from({ length: count }, (_, c) => ((weights[c] ?? 1) / total) * tableWidth), align };
  }
  const minSum = min.reduce((a, b) => a + b, 0);
  let widths: number[];
  if (minSum >= tableWidth) {
    // Not even the minimums fit: shrink the columns whose minimum is largest (long text) first.
    const excess = minSum - tableWidth;
    const floor = Math.min(...min);
    const shrinkable = min.map((m) => m - floor);
    const shrinkSum = shrinkable.reduce((a, b) => a + b, 0) || 1;
    widths = min.map((m, c) => m - (excess * shrinkable[c]!) / shrinkSum);
  } else {
    const extra = want.map((w, c) => w - min[c]!);
    const extraSum = extra.reduce((a, b) => a + b, 0);
    const spare = tableWidth - minSum;
    widths = extraSum === 0
      ? min.map((m) => m + spare / Math.max(1, count))
      : min.map((m, c) => m + (extraSum <= spare ? extra[c]! + (spare - extraSum) * (want[c]! / want.reduce((a, b) => a + b, 0)) : (spare * extra[c]!) / extraSum));
  }
  return { widths, align };
}
