/**
 * Protected sheets and ranges (Sheet.protect, Range.protect, Spreadsheet.getProtections), as gas-fakes'
 * tests exercise them on real Apps Script (test/testsheets.js "Protection", test/testsheetspermissions.js):
 * a sheet protection covers the whole sheet except its unprotected ranges, a range protection its range;
 * the spreadsheet's owner and the protection's editors may edit; anyone else's write throws Apps Script's
 * error, unless the protection only warns. The protection's creator becomes an editor.
 */
import type { Runtime } from './runtime';
import type { EmuRange, EmuSheet } from './spreadsheet';

export const PROTECTED_MESSAGE = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';
export const ProtectionType = { SHEET: 'SHEET', RANGE: 'RANGE' } as const;

export class EmuProtection {
  description = '';
  warningOnly = false;
  domainEdit = false;
  readonly editors = new Set<string>();
  unprotected: EmuRange[] = [];
  removed = false;
  constructor(
    private readonly rt: Runtime,
    readonly type: 'SHEET' | 'RANGE',
    readonly sheet: EmuSheet,
    public range: EmuRange | null,
    creator: string,
  ) {
    if (creator) this.editors.add(creator.toLowerCase());
  }
  private hit(method: string): void {
    this.rt.hit(`Protection.${method}`);
  }
  getProtectionType(): string {
    this.hit('getProtectionType');
    return this.type;
  }
  getDescription(): string {
    this.hit('getDescription');
    return this.description;
  }
  setDescription(description: string): this {
    this.hit('setDescription');
    this.description = String(description);
    return this;
  }
  isWarningOnly(): boolean {
    this.hit('isWarningOnly');
    return this.warningOnly;
  }
  setWarningOnly(warningOnly: boolean): this {
    this.hit('setWarningOnly');
    this.warningOnly = Boolean(warningOnly);
    return this;
  }
  getRange(): EmuRange {
    this.hit('getRange');
    return this.range ?? this.sheet.makeRange(1, 1, this.sheet.maxRows, this.sheet.maxCols);
  }
  setRange(range: EmuRange): this {
    this.hit('setRange');
    this.range = range;
    return this;
  }
  getUnprotectedRanges(): EmuRange[] {
    this.hit('getUnprotectedRanges');
    return [...this.unprotected];
  }
  setUnprotectedRanges(ranges: EmuRange[]): this {
    this.hit('setUnprotectedRanges');
    this.unprotected = [...ranges];
    return this;
  }
  addEditor(emailAddress: string | { getEmail(): string }): this {
    this.hit('addEditor');
    this.editors.add((typeof emailAddress === 'string' ? emailAddress : emailAddress.getEmail()).toLowerCase());
    return this;
  }
  addEditors(emailAddresses: string[]): this {
    this.hit('addEditors');
    for (const e of emailAddresses) this.editors.add(e.toLowerCase());
    return this;
  }
  removeEditor(emailAddress: string): this {
    this.hit('removeEditor');
    this.editors.delete(emailAddress.toLowerCase());
    return this;
  }
  getEditors(): { getEmail(): string }[] {
    this.hit('getEditors');
    return [...this.editors].map((email) => ({ getEmail: () => email }));
  }
  setDomainEdit(editable: boolean): this {
    this.hit('setDomainEdit');
    this.domainEdit = Boolean(editable);
    return this;
  }
  canDomainEdit(): boolean {
    this.hit('canDomainEdit');
    return this.domainEdit;
  }
  remove(): void {
    this.hit('remove');
    this.removed = true;
    // Through the sheet, not a closure given at creation: an emulator's snapshot copies protections (snapshot.ts).
    this.sheet.parent.dropProtection(this);
  }

  /** Whether a write of rows × columns at (row, col) touches a cell this protection guards (host helper). */
  covers(row: number, col: number, numRows: number, numCols: number): boolean {
    const overlaps = (r: { row: number; col: number; numRows: number; numCols: number }): boolean =>
      row <= r.row + r.numRows - 1 && r.row <= row + numRows - 1 && col <= r.col + r.numCols - 1 && r.col <= col + numCols - 1;
    if (this.range !== null) return overlaps(this.range);
    // A sheet protection guards every cell outside its unprotected ranges.
    for (let r = row; r < row + numRows; r++) {
      for (let c = col; c < col + numCols; c++) {
        const inside = (u: EmuRange): boolean => r >= u.row && r < u.row + u.numRows && c >= u.col && c < u.col + u.numCols;
        if (!this.unprotected.some(inside)) return true;
      }
    }
    return false;
  }

  /** Whether `email` (its domain for domain editing) may edit what this protects (host helper). */
  allows(email: string, ownerDomain: string): boolean {
    const who = email.toLowerCase();
    if (this.editors.has(who)) return true;
    return this.domainEdit && who.endsWith(`@${ownerDomain}`);
  }
}
