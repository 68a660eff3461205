/** DocumentApp (documents as an ordered element tree) and DriveApp (files and folders). */
import { textPdf } from './pdf';
import type { Returning, Runtime } from './runtime';
import { EmuBlob } from './services';

export const NOT_FOUND_MESSAGE =
  'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';

export const ParagraphHeading = {
  NORMAL: 'NORMAL', HEADING1: 'HEADING1', HEADING2: 'HEADING2', HEADING3: 'HEADING3', HEADING4: 'HEADING4',
  HEADING5: 'HEADING5', HEADING6: 'HEADING6', TITLE: 'TITLE', SUBTITLE: 'SUBTITLE',
} as const;
export const HorizontalAlignment = { LEFT: 'LEFT', CENTER: 'CENTER', RIGHT: 'RIGHT', JUSTIFY: 'JUSTIFY' } as const;
export const Attribute = {
  BACKGROUND_COLOR: 'BACKGROUND_COLOR', BOLD: 'BOLD', BORDER_COLOR: 'BORDER_COLOR', BORDER_WIDTH: 'BORDER_WIDTH',
  FONT_FAMILY: 'FONT_FAMILY', FONT_SIZE: 'FONT_SIZE', FOREGROUND_COLOR: 'FOREGROUND_COLOR', HEADING: 'HEADING',
  HORIZONTAL_ALIGNMENT: 'HORIZONTAL_ALIGNMENT', ITALIC: 'ITALIC', LINK_URL: 'LINK_URL', SPACING_AFTER: 'SPACING_AFTER',
  SPACING_BEFORE: 'SPACING_BEFORE', STRIKETHROUGH: 'STRIKETHROUGH', UNDERLINE: 'UNDERLINE', WIDTH: 'WIDTH', HEIGHT: 'HEIGHT',
  LINE_SPACING: 'LINE_SPACING', PADDING_TOP: 'PADDING_TOP', PADDING_BOTTOM: 'PADDING_BOTTOM', PADDING_LEFT: 'PADDING_LEFT',
  PADDING_RIGHT: 'PADDING_RIGHT', VERTICAL_ALIGNMENT: 'VERTICAL_ALIGNMENT', MINIMUM_HEIGHT: 'MINIMUM_HEIGHT',
} as const;
export const ElementType = {
  BODY_SECTION: 'BODY_SECTION', HORIZONTAL_RULE: 'HORIZONTAL_RULE', INLINE_IMAGE: 'INLINE_IMAGE', LIST_ITEM: 'LIST_ITEM',
  PAGE_BREAK: 'PAGE_BREAK', PARAGRAPH: 'PARAGRAPH', TABLE: 'TABLE', TABLE_CELL: 'TABLE_CELL', TABLE_ROW: 'TABLE_ROW', TEXT: 'TEXT',
} as const;
export const GlyphType = {
  BULLET: 'BULLET', HOLLOW_BULLET: 'HOLLOW_BULLET', SQUARE_BULLET: 'SQUARE_BULLET', NUMBER: 'NUMBER',
  LATIN_UPPER: 'LATIN_UPPER', LATIN_LOWER: 'LATIN_LOWER', ROMAN_UPPER: 'ROMAN_UPPER', ROMAN_LOWER: 'ROMAN_LOWER',
} as const;

type Attrs = Record<string, unknown>;

/** Text formatting of an element (whole element, plus ranged spans). */
export class EmuText {
  spans: Array<{ start: number; end: number; attrs: Attrs }> = [];
  constructor(private readonly rt: Runtime, private readonly owner: { text: string; attrs: Attrs }) {}
  private set(method: string, key: string, args: unknown[]): this {
    this.rt.hit(`Text.${method}`);
    if (args.length >= 3) this.spans.push({ start: Number(args[0]), end: Number(args[1]), attrs: { [key]: args[2] } });
    else this.owner.attrs[key] = args[0];
    return this;
  }
  setBold(...args: unknown[]): this {
    return this.set('setBold', 'BOLD', args);
  }
  setItalic(...args: unknown[]): this {
    return this.set('setItalic', 'ITALIC', args);
  }
  setForegroundColor(...args: unknown[]): this {
    return this.set('setForegroundColor', 'FOREGROUND_COLOR', args);
  }
  setBackgroundColor(...args: unknown[]): this {
    return this.set('setBackgroundColor', 'BACKGROUND_COLOR', args);
  }
  setFontSize(...args: unknown[]): this {
    return this.set('setFontSize', 'FONT_SIZE', args);
  }
  setFontFamily(...args: unknown[]): this {
    return this.set('setFontFamily', 'FONT_FAMILY', args);
  }
  setLinkUrl(...args: unknown[]): this {
    return this.set('setLinkUrl', 'LINK_URL', args);
  }
  setAttributes(...args: unknown[]): this {
    this.rt.hit('Text.setAttributes');
    if (args.length >= 3) this.spans.push({ start: Number(args[0]), end: Number(args[1]), attrs: { ...(args[2] as Attrs) } });
    else Object.assign(this.owner.attrs, args[0] as Attrs);
    return this;
  }
  getText(): string {
    this.rt.hit('Text.getText');
    return this.owner.text;
  }
  setText(text: string): this {
    this.rt.hit('Text.setText');
    this.owner.text = String(text);
    return this;
  }
  appendText(text: string): this {
    this.rt.hit('Text.appendText');
    this.owner.text += String(text);
    return this;
  }
  isBold(): boolean | null {
    this.rt.hit('Text.isBold');
    return (this.owner.attrs.BOLD as boolean | undefined) ?? null;
  }
}

export type DocElement = EmuParagraph | EmuListItem | EmuTable;

abstract class TextContainer {
  abstract readonly kind: 'Paragraph' | 'ListItem' | 'TableCell';
  attrs: Attrs = {};
  text: string;
  readonly textEl: EmuText;
  constructor(protected readonly rt: Runtime, text: string) {
    this.text = text;
    this.textEl = new EmuText(rt, this);
  }
  protected hit(method: string): void {
    this.rt.hit(`${this.kind}.${method}`);
  }
  getText(): string {
    this.hit('getText');
    return this.text;
  }
  setText(text: string): this {
    this.hit('setText');
    this.text = String(text);
    return this;
  }
  editAsText(): EmuText {
    this.hit('editAsText');
    return this.textEl;
  }
  setAttributes(attributes: unknown): this {
    this.hit('setAttributes');
    Object.assign(this.attrs, attributes as Attrs);
    return this;
  }
  getAttributes(): Attrs {
    this.hit('getAttributes');
    return { ...this.attrs };
  }
  /** Bold when set on the element (host helper). */
  get bold(): boolean {
    return this.attrs.BOLD === true;
  }
}

export class EmuInlineImage {
  width: number;
  height: number;
  constructor(private readonly rt: Runtime, readonly blob: EmuBlob) {
    const d = blob.data;
    const isPng = d.length > 24 && d.readUInt32BE(12) === 0x49484452;
    this.width = isPng ? d.readUInt32BE(16) : 100;
    this.height = isPng ? d.readUInt32BE(20) : 100;
  }
  getType(): string {
    this.rt.hit('InlineImage.getType');
    return 'INLINE_IMAGE';
  }
  setWidth(width: number): this {
    this.rt.hit('InlineImage.setWidth');
    this.width = width;
    return this;
  }
  setHeight(height: number): this {
    this.rt.hit('InlineImage.setHeight');
    this.height = height;
    return this;
  }
  getWidth(): number {
    this.rt.hit('InlineImage.getWidth');
    return this.width;
  }
  getHeight(): number {
    this.rt.hit('InlineImage.getHeight');
    return this.height;
  }
  getBlob(): EmuBlob {
    this.rt.hit('InlineImage.getBlob');
    return this.blob;
  }
}

/** Inline children of a paragraph: an image, a page break, a horizontal rule. */
export type Inline = { type: 'INLINE_IMAGE'; image: EmuInlineImage } | { type: 'PAGE_BREAK' } | { type: 'HORIZONTAL_RULE' };

export type ParagraphSlice = Pick<GoogleAppsScript.Document.Paragraph, 'getText'> &
  Returning<GoogleAppsScript.Document.Paragraph, 'setText' | 'setHeading' | 'setAlignment' | 'setAttributes', EmuParagraph> &
  Returning<GoogleAppsScript.Document.Paragraph, 'editAsText' | 'appendText', EmuText>;

export class EmuParagraph extends TextContainer implements ParagraphSlice {
  readonly kind: 'Paragraph' | 'ListItem' = 'Paragraph';
  heading: string = ParagraphHeading.NORMAL;
  alignment: string | null = null;
  inlines: Inline[] = [];
  getType(): string {
    this.hit('getType');
    return this.kind === 'ListItem' ? 'LIST_ITEM' : 'PARAGRAPH';
  }
  setHeading(heading: GoogleAppsScript.Document.ParagraphHeading): this {
    this.hit('setHeading');
    this.heading = String(heading);
    return this;
  }
  getHeading(): GoogleAppsScript.Document.ParagraphHeading {
    this.hit('getHeading');
    return this.heading as unknown as GoogleAppsScript.Document.ParagraphHeading;
  }
  setAlignment(alignment: GoogleAppsScript.Document.HorizontalAlignment): this {
    this.hit('setAlignment');
    this.alignment = String(alignment);
    return this;
  }
  appendText(text: unknown): EmuText {
    this.hit('appendText');
    this.text += text instanceof EmuText ? text.getText() : String(text);
    return this.textEl;
  }
  getNumChildren(): number {
    this.hit('getNumChildren');
    return (this.text ? 1 : 0) + this.inlines.length;
  }
  asParagraph(): this {
    this.hit('asParagraph');
    return this;
  }
}

export class EmuListItem extends EmuParagraph {
  override readonly kind = 'ListItem' as const;
  glyphType: string = GlyphType.BULLET;
  nestingLevel = 0;
  setGlyphType(glyphType: GoogleAppsScript.Document.GlyphType): this {
    this.hit('setGlyphType');
    this.glyphType = String(glyphType);
    return this;
  }
  setNestingLevel(nestingLevel: number): this {
    this.hit('setNestingLevel');
    this.nestingLevel = nestingLevel;
    return this;
  }
  asListItem(): this {
    this.hit('asListItem');
    return this;
  }
}

/** The paragraph a table cell holds (DocumentApp gives each cell one): its alignment is the cell's. */
export class EmuCellParagraph {
  constructor(private readonly rt: Runtime, private readonly cell: EmuTableCell) {}
  asParagraph(): this {
    this.rt.hit('Paragraph.asParagraph');
    return this;
  }
  getText(): string {
    this.rt.hit('Paragraph.getText');
    return this.cell.text;
  }
  setAlignment(alignment: GoogleAppsScript.Document.HorizontalAlignment): this {
    this.rt.hit('Paragraph.setAlignment');
    if (!Object.values(HorizontalAlignment).includes(String(alignment) as never)) throw new Error('Invalid argument: alignment');
    this.cell.alignment = String(alignment);
    return this;
  }
}

export class EmuTableCell extends TextContainer {
  readonly kind = 'TableCell' as const;
  backgroundColor: string | null = null;
  /** Alignment of the cell's paragraph (host helper), set through getChild(0).asParagraph(). */
  alignment: string | null = null;
  getNumChildren(): number {
    this.hit('getNumChildren');
    return 1;
  }
  /** A cell holds one paragraph (the table was made from strings). */
  getChild(childIndex: number): EmuCellParagraph {
    this.hit('getChild');
    if (childIndex !== 0) throw new Error(`Child index (${childIndex}) must be less than the number of child elements (1).`);
    return new EmuCellParagraph(this.rt, this);
  }
  getType(): string {
    this.hit('getType');
    return 'TABLE_CELL';
  }
  setBackgroundColor(color: string | null): this {
    this.hit('setBackgroundColor');
    this.backgroundColor = color;
    return this;
  }
  getBackgroundColor(): string | null {
    this.hit('getBackgroundColor');
    return this.backgroundColor;
  }
}

export class EmuTableRow {
  constructor(private readonly rt: Runtime, readonly cells: EmuTableCell[]) {}
  getType(): string {
    this.rt.hit('TableRow.getType');
    return 'TABLE_ROW';
  }
  getNumCells(): number {
    this.rt.hit('TableRow.getNumCells');
    return this.cells.length;
  }
  getCell(cellIndex: number): EmuTableCell {
    this.rt.hit('TableRow.getCell');
    const c = this.cells[cellIndex];
    if (!c) throw new Error(`Child index (${cellIndex}) must be less than the number of child elements (${this.cells.length}).`);
    return c;
  }
  /**
   * Sets attributes on every cell of the row, as Docs applies a container's attributes to what it holds:
   * BACKGROUND_COLOR is a cell's fill (TableCell.setBackgroundColor), BOLD and the others its text's.
   */
  setAttributes(attributes: unknown): this {
    this.rt.hit('TableRow.setAttributes');
    const attrs = attributes as Attrs;
    for (const cell of this.cells) {
      Object.assign(cell.attrs, attrs);
      if (typeof attrs.BACKGROUND_COLOR === 'string') cell.backgroundColor = attrs.BACKGROUND_COLOR;
    }
    return this;
  }
  appendTableCell(text?: string): EmuTableCell {
    this.rt.hit('TableRow.appendTableCell');
    const c = new EmuTableCell(this.rt, text ?? '');
    this.cells.push(c);
    return c;
  }
}

export type TableSlice = Pick<GoogleAppsScript.Document.Table, 'getNumRows' | 'getText'> &
  Returning<GoogleAppsScript.Document.Table, 'getRow' | 'appendTableRow', EmuTableRow> &
  Returning<GoogleAppsScript.Document.Table, 'getCell', EmuTableCell> &
  Returning<GoogleAppsScript.Document.Table, 'setBorderWidth' | 'setBorderColor' | 'setAttributes' | 'setColumnWidth', EmuTable>;

export class EmuTable implements TableSlice {
  rows: EmuTableRow[];
  attrs: Attrs = {};
  borderWidth: number | null = null;
  borderColor: string | null = null;
  columnWidths = new Map<number, number>();
  constructor(private readonly rt: Runtime, cells: string[][]) {
    this.rows = cells.map((r) => new EmuTableRow(rt, r.map((t) => new EmuTableCell(rt, String(t)))));
  }
  getType(): string {
    this.rt.hit('Table.getType');
    return 'TABLE';
  }
  getNumRows(): number {
    this.rt.hit('Table.getNumRows');
    return this.rows.length;
  }
  getRow(rowIndex: number): EmuTableRow {
    this.rt.hit('Table.getRow');
    const r = this.rows[rowIndex];
    if (!r) throw new Error(`Child index (${rowIndex}) must be less than the number of child elements (${this.rows.length}).`);
    return r;
  }
  getCell(rowIndex: number, cellIndex: number): EmuTableCell {
    this.rt.hit('Table.getCell');
    const c = this.rows[rowIndex]?.cells[cellIndex];
    if (!c) throw new Error(`Child index (${rowIndex}, ${cellIndex}) out of range.`);
    return c;
  }
  appendTableRow(): EmuTableRow {
    this.rt.hit('Table.appendTableRow');
    const r = new EmuTableRow(this.rt, []);
    this.rows.push(r);
    return r;
  }
  setBorderWidth(width: number): this {
    this.rt.hit('Table.setBorderWidth');
    this.borderWidth = width;
    return this;
  }
  setBorderColor(color: string): this {
    this.rt.hit('Table.setBorderColor');
    this.borderColor = color;
    return this;
  }
  setColumnWidth(columnIndex: number, width: number): this {
    this.rt.hit('Table.setColumnWidth');
    this.columnWidths.set(columnIndex, width);
    return this;
  }
  setAttributes(attributes: unknown): this {
    this.rt.hit('Table.setAttributes');
    Object.assign(this.attrs, attributes as Attrs);
    return this;
  }
  getText(): string {
    this.rt.hit('Table.getText');
    return this.plainText();
  }
  plainText(): string {
    return this.rows.map((r) => r.cells.map((c) => c.text).join('\t')).join('\n');
  }
  /** The table's texts (host helper). */
  texts(): string[][] {
    return this.rows.map((r) => r.cells.map((c) => c.text));
  }
  asTable(): this {
    this.rt.hit('Table.asTable');
    return this;
  }
}

export type BodySlice = Pick<GoogleAppsScript.Document.Body, 'getNumChildren' | 'getText'> &
  Returning<GoogleAppsScript.Document.Body, 'appendParagraph', EmuParagraph> &
  Returning<GoogleAppsScript.Document.Body, 'appendListItem', EmuListItem> &
  Returning<GoogleAppsScript.Document.Body, 'appendTable', EmuTable> &
  Returning<GoogleAppsScript.Document.Body, 'appendImage', EmuInlineImage> &
  Returning<GoogleAppsScript.Document.Body, 'getChild', DocElement> &
  Returning<GoogleAppsScript.Document.Body, 'getParagraphs', EmuParagraph[]> &
  Returning<GoogleAppsScript.Document.Body, 'getTables', EmuTable[]> &
  Returning<GoogleAppsScript.Document.Body, 'getImages', EmuInlineImage[]> &
  Returning<GoogleAppsScript.Document.Body, 'clear' | 'setAttributes', EmuBody>;

/**
 * The body: an ordered element list. Like Google Docs, a new (or cleared) body holds one empty
 * paragraph, and images, page breaks and horizontal rules are appended inside a new paragraph.
 */
export class EmuBody implements BodySlice {
  children: DocElement[] = [];
  attrs: Attrs = {};
  /** Page size and margins in points: a new Google Doc is US Letter with 1-inch margins. */
  page = { width: 612, height: 792, marginTop: 72, marginBottom: 72, marginLeft: 72, marginRight: 72 };
  constructor(private readonly rt: Runtime) {
    this.children.push(new EmuParagraph(rt, ''));
  }
  getType(): string {
    this.rt.hit('Body.getType');
    return 'BODY_SECTION';
  }
  private setPage(method: string, key: keyof EmuBody['page'], value: number): this {
    this.rt.hit(`Body.${method}`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`Invalid argument: ${key}`);
    this.page[key] = value;
    return this;
  }
  setPageWidth(pageWidth: number): this {
    return this.setPage('setPageWidth', 'width', pageWidth);
  }
  setPageHeight(pageHeight: number): this {
    return this.setPage('setPageHeight', 'height', pageHeight);
  }
  setMarginTop(marginTop: number): this {
    return this.setPage('setMarginTop', 'marginTop', marginTop);
  }
  setMarginBottom(marginBottom: number): this {
    return this.setPage('setMarginBottom', 'marginBottom', marginBottom);
  }
  setMarginLeft(marginLeft: number): this {
    return this.setPage('setMarginLeft', 'marginLeft', marginLeft);
  }
  setMarginRight(marginRight: number): this {
    return this.setPage('setMarginRight', 'marginRight', marginRight);
  }
  appendParagraph(text: unknown): EmuParagraph {
    this.rt.hit('Body.appendParagraph');
    const p = text instanceof EmuParagraph ? text : new EmuParagraph(this.rt, String(text));
    this.children.push(p);
    return p;
  }
  appendListItem(text: unknown): EmuListItem {
    this.rt.hit('Body.appendListItem');
    const li = text instanceof EmuListItem ? text : new EmuListItem(this.rt, String(text));
    this.children.push(li);
    return li;
  }
  appendTable(cells?: unknown): EmuTable {
    this.rt.hit('Body.appendTable');
    if (cells !== undefined && cells !== null && !Array.isArray(cells)) throw new Error('Invalid argument: cells');
    const rows = (cells ?? []) as unknown[][];
    const width = Math.max(0, ...rows.map((r) => (Array.isArray(r) ? r.length : 0)));
    if (rows.some((r) => !Array.isArray(r) || r.length !== width)) {
      throw new Error('All rows must have the same number of cells.');
    }
    const t = new EmuTable(this.rt, rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c)))));
    this.children.push(t);
    return t;
  }
  appendImage(image: unknown): EmuInlineImage {
    this.rt.hit('Body.appendImage');
    const blob = image as EmuBlob;
    if (!blob || !(blob.data instanceof Buffer)) throw new Error('Invalid argument: image');
    const img = new EmuInlineImage(this.rt, blob);
    const p = new EmuParagraph(this.rt, '');
    p.inlines.push({ type: 'INLINE_IMAGE', image: img });
    this.children.push(p);
    return img;
  }
  appendPageBreak(): { getType(): string } {
    this.rt.hit('Body.appendPageBreak');
    const p = new EmuParagraph(this.rt, '');
    p.inlines.push({ type: 'PAGE_BREAK' });
    this.children.push(p);
    return { getType: () => 'PAGE_BREAK' };
  }
  appendHorizontalRule(): { getType(): string } {
    this.rt.hit('Body.appendHorizontalRule');
    const p = new EmuParagraph(this.rt, '');
    p.inlines.push({ type: 'HORIZONTAL_RULE' });
    this.children.push(p);
    return { getType: () => 'HORIZONTAL_RULE' };
  }
  getNumChildren(): number {
    this.rt.hit('Body.getNumChildren');
    return this.children.length;
  }
  getChild(childIndex: number): DocElement {
    this.rt.hit('Body.getChild');
    const c = this.children[childIndex];
    if (!c) throw new Error(`Child index (${childIndex}) must be less than the number of child elements (${this.children.length}).`);
    return c;
  }
  getParagraphs(): EmuParagraph[] {
    this.rt.hit('Body.getParagraphs');
    return this.children.filter((c): c is EmuParagraph => c instanceof EmuParagraph);
  }
  getTables(): EmuTable[] {
    this.rt.hit('Body.getTables');
    return this.children.filter((c): c is EmuTable => c instanceof EmuTable);
  }
  getImages(): EmuInlineImage[] {
    this.rt.hit('Body.getImages');
    return this.images();
  }
  images(): EmuInlineImage[] {
    const out: EmuInlineImage[] = [];
    for (const c of this.children) {
      if (c instanceof EmuParagraph) for (const i of c.inlines) if (i.type === 'INLINE_IMAGE') out.push(i.image);
    }
    return out;
  }
  clear(): this {
    this.rt.hit('Body.clear');
    this.children = [new EmuParagraph(this.rt, '')];
    return this;
  }
  setAttributes(attributes: unknown): this {
    this.rt.hit('Body.setAttributes');
    Object.assign(this.attrs, attributes as Attrs);
    return this;
  }
  getText(): string {
    this.rt.hit('Body.getText');
    return this.plainText();
  }
  /** Text of the whole body (host helper, not counted). */
  plainText(): string {
    return this.children.map((c) => (c instanceof EmuTable ? c.plainText() : c.text)).join('\n');
  }
  /** A compact, ordered outline for tests: e.g. ['TITLE: Report', 'TABLE 3x4', 'IMAGE 600x300']. */
  outline(): string[] {
    const out: string[] = [];
    for (const c of this.children) {
      if (c instanceof EmuTable) out.push(`TABLE ${c.rows.length}x${c.rows[0]?.cells.length ?? 0}`);
      else if (c instanceof EmuListItem) out.push(`LIST_ITEM: ${c.text}`);
      else if (c.inlines.length) for (const i of c.inlines) out.push(i.type === 'INLINE_IMAGE' ? `IMAGE ${i.image.width}x${i.image.height}` : i.type);
      else out.push(`${c.heading}: ${c.text}`);
    }
    return out;
  }
}

/* ------------------------------------------------------------------ Drive */

export interface DriveItem {
  id: string;
  name: string;
  mimeType: string;
  url: string;
  trashed: boolean;
  parents: string[];
  isFolder: boolean;
  /** Created by this script (any service): the files the drive.file scope reaches. */
  byScript: boolean;
  /** Uploaded content (Drive.Files.create with a blob), e.g. a PDF copy. */
  data?: Buffer;
}

/** In-memory Drive: files (Docs, Sheets) and folders. */
export class DriveStore {
  items = new Map<string, DriveItem>();
  readonly rootId: string;
  constructor(private readonly rt: Runtime) {
    this.rootId = rt.newId('root');
    this.items.set(this.rootId, { id: this.rootId, name: 'My Drive', mimeType: 'application/vnd.google-apps.folder', url: this.folderUrl(this.rootId), trashed: false, parents: [], isFolder: true, byScript: false });
  }
  folderUrl(id: string): string {
    return `https://drive.google.com/drive/folders/${id}`;
  }
  addFile(id: string, name: string, mimeType: string, url: string, byScript = true, parent?: string): DriveItem {
    const item: DriveItem = { id, name, mimeType, url, trashed: false, parents: [parent ?? this.rootId], isFolder: false, byScript };
    this.items.set(id, item);
    return item;
  }
  addFolder(name: string, parent?: string, byScript = true): DriveItem {
    const id = this.rt.newId('fld');
    const item: DriveItem = { id, name, mimeType: 'application/vnd.google-apps.folder', url: this.folderUrl(id), trashed: false, parents: [parent ?? this.rootId], isFolder: true, byScript };
    this.items.set(id, item);
    return item;
  }
  get(id: string, folder: boolean): DriveItem {
    const it = this.items.get(id);
    if (!it || it.isFolder !== folder) throw new Error(NOT_FOUND_MESSAGE);
    return it;
  }
}

export type FileSlice = Pick<GoogleAppsScript.Drive.File, 'getId' | 'getName' | 'getUrl' | 'isTrashed' | 'getMimeType'> &
  Returning<GoogleAppsScript.Drive.File, 'setTrashed' | 'setName' | 'moveTo', EmuFile>;

export class EmuFile implements FileSlice {
  constructor(private readonly rt: Runtime, private readonly drive: DriveStore, readonly item: DriveItem) {}
  getId(): string {
    this.rt.hit('File.getId');
    return this.item.id;
  }
  getName(): string {
    this.rt.hit('File.getName');
    return this.item.name;
  }
  setName(name: string): this {
    this.rt.hit('File.setName');
    this.item.name = name;
    return this;
  }
  getUrl(): string {
    this.rt.hit('File.getUrl');
    return this.item.url;
  }
  getMimeType(): string {
    this.rt.hit('File.getMimeType');
    return this.item.mimeType;
  }
  isTrashed(): boolean {
    this.rt.hit('File.isTrashed');
    return this.item.trashed;
  }
  setTrashed(trashed: boolean): this {
    this.rt.hit('File.setTrashed');
    this.item.trashed = trashed;
    return this;
  }
  moveTo(destination: EmuFolder | GoogleAppsScript.Drive.Folder): this {
    this.rt.hit('File.moveTo');
    this.item.parents = [(destination as EmuFolder).item.id];
    return this;
  }
  getParents(): { hasNext(): boolean; next(): EmuFolder } {
    this.rt.hit('File.getParents');
    const list = this.item.parents.map((p) => new EmuFolder(this.rt, this.drive, this.drive.get(p, true)));
    return { hasNext: () => list.length > 0, next: () => { const f = list.shift(); if (!f) throw new Error('No more items'); return f; } };
  }
}

export type FolderSlice = Pick<GoogleAppsScript.Drive.Folder, 'getId' | 'getName' | 'getUrl'> &
  Returning<GoogleAppsScript.Drive.Folder, 'createFolder', EmuFolder>;

export class EmuFolder implements FolderSlice {
  constructor(private readonly rt: Runtime, private readonly drive: DriveStore, readonly item: DriveItem) {}
  getId(): string {
    this.rt.hit('Folder.getId');
    return this.item.id;
  }
  getName(): string {
    this.rt.hit('Folder.getName');
    return this.item.name;
  }
  getUrl(): string {
    this.rt.hit('Folder.getUrl');
    return this.item.url;
  }
  createFolder(name: string): EmuFolder {
    this.rt.hit('Folder.createFolder');
    return new EmuFolder(this.rt, this.drive, this.drive.addFolder(name, this.item.id));
  }
}

export type DriveAppSlice = Returning<GoogleAppsScript.Drive.DriveApp, 'getFileById', EmuFile> &
  Returning<GoogleAppsScript.Drive.DriveApp, 'getFolderById' | 'createFolder' | 'getRootFolder', EmuFolder>;

export class EmuDriveApp implements DriveAppSlice {
  constructor(private readonly rt: Runtime, readonly store: DriveStore) {}
  getFileById(id: string): EmuFile {
    this.rt.hit('DriveApp.getFileById');
    return new EmuFile(this.rt, this.store, this.store.get(id, false));
  }
  getFolderById(id: string): EmuFolder {
    this.rt.hit('DriveApp.getFolderById');
    return new EmuFolder(this.rt, this.store, this.store.get(id, true));
  }
  createFolder(name: string): EmuFolder {
    this.rt.hit('DriveApp.createFolder');
    return new EmuFolder(this.rt, this.store, this.store.addFolder(name));
  }
  getRootFolder(): EmuFolder {
    this.rt.hit('DriveApp.getRootFolder');
    return new EmuFolder(this.rt, this.store, this.store.get(this.store.rootId, true));
  }
}

/* ------------------------------------------------------------------ DocumentApp */

/** A header or footer section: paragraphs only (all the tracker writes there). */
export class EmuHeaderFooter {
  readonly paragraphs: EmuParagraph[] = [];
  constructor(private readonly rt: Runtime, private readonly kind: 'HeaderSection' | 'FooterSection') {}
  appendParagraph(text: unknown): EmuParagraph {
    this.rt.hit(`${this.kind}.appendParagraph`);
    const p = text instanceof EmuParagraph ? text : new EmuParagraph(this.rt, String(text));
    this.paragraphs.push(p);
    return p;
  }
  getText(): string {
    this.rt.hit(`${this.kind}.getText`);
    return this.plainText();
  }
  /** The section's text (host helper). */
  plainText(): string {
    return this.paragraphs.map((p) => p.text).join('\n');
  }
}

export type DocumentSlice = Pick<GoogleAppsScript.Document.Document, 'getId' | 'getName' | 'getUrl' | 'saveAndClose'> &
  Returning<GoogleAppsScript.Document.Document, 'getBody', EmuBody> &
  Returning<GoogleAppsScript.Document.Document, 'getAs', EmuBlob> &
  Returning<GoogleAppsScript.Document.Document, 'setName', EmuDocument>;

export class EmuDocument implements DocumentSlice {
  readonly body: EmuBody;
  saved = false;
  header: EmuHeaderFooter | null = null;
  footer: EmuHeaderFooter | null = null;
  constructor(private readonly rt: Runtime, private readonly file: DriveItem, readonly createdAt: Date) {
    this.body = new EmuBody(rt);
  }
  get id(): string {
    return this.file.id;
  }
  get name(): string {
    return this.file.name;
  }
  get url(): string {
    return this.file.url;
  }
  /** Trashed through DriveApp. */
  get trashed(): boolean {
    return this.file.trashed;
  }
  /** Parent folder id (Drive root unless moved). */
  get folderId(): string | undefined {
    return this.file.parents[0];
  }
  getId(): string {
    this.rt.hit('Document.getId');
    return this.file.id;
  }
  getName(): string {
    this.rt.hit('Document.getName');
    return this.file.name;
  }
  setName(name: string): this {
    this.rt.hit('Document.setName');
    this.file.name = name;
    return this;
  }
  getUrl(): string {
    this.rt.hit('Document.getUrl');
    return this.file.url;
  }
  getBody(): EmuBody {
    this.rt.hit('Document.getBody');
    return this.body;
  }
  /** A new document has no header: getHeader() is null until addHeader(), which refuses a second one. */
  getHeader(): EmuHeaderFooter | null {
    this.rt.hit('Document.getHeader');
    return this.header;
  }
  addHeader(): EmuHeaderFooter {
    this.rt.hit('Document.addHeader');
    if (this.header) throw new Error('Document tab already contains a header.');
    this.header = new EmuHeaderFooter(this.rt, 'HeaderSection');
    return this.header;
  }
  getFooter(): EmuHeaderFooter | null {
    this.rt.hit('Document.getFooter');
    return this.footer;
  }
  addFooter(): EmuHeaderFooter {
    this.rt.hit('Document.addFooter');
    if (this.footer) throw new Error('Document tab already contains a footer.');
    this.footer = new EmuHeaderFooter(this.rt, 'FooterSection');
    return this.footer;
  }
  saveAndClose(): void {
    this.rt.hit('Document.saveAndClose');
    this.saved = true;
  }
  /** Document.getAs: Docs converts only to PDF (reference: "the only valid value is application/pdf"). */
  getAs(contentType: string): EmuBlob {
    this.rt.hit('Document.getAs');
    if (contentType !== 'application/pdf') throw new Error(`Converting from application/vnd.google-apps.document to ${contentType} is not supported.`);
    const pdf = textPdf(this.file.name, [this.file.name, '', ...this.body.plainText().split('\n')]);
    return new EmuBlob(this.rt, pdf, 'application/pdf', `${this.file.name}.pdf`);
  }
}

export type DocumentAppSlice = Returning<GoogleAppsScript.Document.DocumentApp, 'create' | 'openById', EmuDocument>;

export class EmuDocumentApp implements DocumentAppSlice {
  readonly ParagraphHeading = ParagraphHeading;
  readonly HorizontalAlignment = HorizontalAlignment;
  readonly Attribute = Attribute;
  readonly ElementType = ElementType;
  readonly GlyphType = GlyphType;
  constructor(private readonly rt: Runtime, private readonly drive: DriveStore, readonly documents: EmuDocument[]) {}
  create(name: string): EmuDocument {
    this.rt.hit('DocumentApp.create');
    const id = this.rt.newId('doc');
    const file = this.drive.addFile(id, String(name), 'application/vnd.google-apps.document', `https://docs.google.com/document/d/${id}/edit`);
    const doc = new EmuDocument(this.rt, file, this.rt.clock.now());
    this.documents.push(doc);
    return doc;
  }
  /** The Google Doc behind a document file made through Drive.Files.create (host helper). */
  adopt(file: DriveItem): EmuDocument {
    const doc = new EmuDocument(this.rt, file, this.rt.clock.now());
    this.documents.push(doc);
    return doc;
  }
  openById(id: string): EmuDocument {
    this.rt.hit('DocumentApp.openById');
    const d = this.documents.find((x) => x.id === id);
    if (!d) throw new Error(NOT_FOUND_MESSAGE);
    return d;
  }
}
