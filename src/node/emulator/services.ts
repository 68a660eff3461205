/** Session, Utilities (+ Blob), HtmlService, Logger, PropertiesService, LockService. */
import { createHmac } from 'node:crypto';
import { formatDate } from './format';
import type { Returning, Runtime } from './runtime';

/* ------------------------------------------------------------------ Blob */

export type BlobSlice = Pick<GoogleAppsScript.Base.Blob, 'getBytes' | 'getDataAsString' | 'getContentType' | 'getName'> &
  Returning<GoogleAppsScript.Base.Blob, 'setName' | 'setContentType' | 'getAs' | 'copyBlob', EmuBlob>;

export class EmuBlob implements BlobSlice {
  constructor(private readonly rt: Runtime, readonly data: Buffer, public contentType: string | null, public name: string | null) {}
  /** Apps Script returns signed bytes (-128..127). */
  getBytes(): number[] {
    this.rt.hit('Blob.getBytes');
    return Array.from(this.data, (b) => (b > 127 ? b - 256 : b));
  }
  getDataAsString(charset?: string): string {
    this.rt.hit('Blob.getDataAsString');
    return this.data.toString(charset && /^utf-?16/i.test(charset) ? 'utf16le' : 'utf8');
  }
  getContentType(): string | null {
    this.rt.hit('Blob.getContentType');
    return this.contentType;
  }
  setContentType(contentType: string | null): this {
    this.rt.hit('Blob.setContentType');
    this.contentType = contentType;
    return this;
  }
  getName(): string | null {
    this.rt.hit('Blob.getName');
    return this.name;
  }
  setName(name: string): this {
    this.rt.hit('Blob.setName');
    this.name = name;
    return this;
  }
  getAs(contentType: string): EmuBlob {
    this.rt.hit('Blob.getAs');
    if (contentType !== this.contentType) throw new Error(`Converting from ${this.contentType} to ${contentType} is not supported.`);
    return new EmuBlob(this.rt, this.data, this.contentType, this.name);
  }
  copyBlob(): EmuBlob {
    this.rt.hit('Blob.copyBlob');
    return new EmuBlob(this.rt, Buffer.from(this.data), this.contentType, this.name);
  }
}

export function toBuffer(data: unknown): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (Array.isArray(data)) return Buffer.from(data.map((b: number) => b & 0xff));
  if (data instanceof Uint8Array) return Buffer.from(data);
  throw new Error('Invalid argument: data');
}

/* ------------------------------------------------------------------ Utilities */

export type UtilitiesSlice = Pick<GoogleAppsScript.Utilities.Utilities, 'formatDate' | 'sleep' | 'getUuid' | 'base64Encode' | 'computeHmacSha256Signature'> &
  Returning<GoogleAppsScript.Utilities.Utilities, 'newBlob', EmuBlob>;

export class EmuUtilities implements UtilitiesSlice {
  private uuidSeq = 0;
  readonly Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' };
  constructor(private readonly rt: Runtime) {}
  formatDate(date: Date, timeZone: string, format: string): string {
    this.rt.hit('Utilities.formatDate');
    return formatDate(date, timeZone, format);
  }
  newBlob(data: unknown, contentType?: string, name?: string): EmuBlob {
    this.rt.hit('Utilities.newBlob');
    return new EmuBlob(this.rt, toBuffer(data), contentType ?? null, name ?? null);
  }
  /** Advances the virtual clock (counts toward the 6-minute limit). */
  sleep(milliseconds: number): void {
    this.rt.hit('Utilities.sleep');
    if (milliseconds > 300000) throw new Error('Invalid argument: milliseconds');
    this.rt.spend(milliseconds);
  }
  /** Deterministic v4-shaped UUIDs. */
  getUuid(): string {
    this.rt.hit('Utilities.getUuid');
    const h = (++this.uuidSeq).toString(16).padStart(12, '0');
    return `00000000-0000-4000-8000-${h}`;
  }
  base64Encode(data: unknown): string {
    this.rt.hit('Utilities.base64Encode');
    return toBuffer(data).toString('base64');
  }
  /** HMAC-SHA256 of value with key (strings as UTF-8, or byte arrays), as Apps Script's signed bytes. */
  computeHmacSha256Signature(value: unknown, key: unknown): number[] {
    this.rt.hit('Utilities.computeHmacSha256Signature');
    const mac = createHmac('sha256', toBuffer(key)).update(toBuffer(value)).digest();
    return Array.from(mac, (b) => (b > 127 ? b - 256 : b));
  }
}

/* ------------------------------------------------------------------ HtmlService */

export type HtmlOutputSlice = Pick<GoogleAppsScript.HTML.HtmlOutput, 'getContent' | 'getTitle' | 'getWidth' | 'getHeight'> &
  Returning<GoogleAppsScript.HTML.HtmlOutput, 'setTitle' | 'setWidth' | 'setHeight' | 'append' | 'setContent', EmuHtmlOutput>;

export class EmuHtmlOutput implements HtmlOutputSlice {
  title = '';
  width: number | undefined;
  height: number | undefined;
  constructor(private readonly rt: Runtime, public content: string) {}
  getContent(): string {
    this.rt.hit('HtmlOutput.getContent');
    return this.content;
  }
  setContent(content: string): this {
    this.rt.hit('HtmlOutput.setContent');
    this.content = content;
    return this;
  }
  append(addedContent: string): this {
    this.rt.hit('HtmlOutput.append');
    this.content += addedContent;
    return this;
  }
  setTitle(title: string): this {
    this.rt.hit('HtmlOutput.setTitle');
    this.title = title;
    return this;
  }
  getTitle(): string {
    this.rt.hit('HtmlOutput.getTitle');
    return this.title;
  }
  setWidth(width: number): this {
    this.rt.hit('HtmlOutput.setWidth');
    this.width = width;
    return this;
  }
  getWidth(): number {
    this.rt.hit('HtmlOutput.getWidth');
    return this.width ?? 600;
  }
  setHeight(height: number): this {
    this.rt.hit('HtmlOutput.setHeight');
    this.height = height;
    return this;
  }
  getHeight(): number {
    this.rt.hit('HtmlOutput.getHeight');
    return this.height ?? 400;
  }
}

export type HtmlServiceSlice = Returning<GoogleAppsScript.HTML.HtmlService, 'createHtmlOutput', EmuHtmlOutput>;

export class EmuHtmlService implements HtmlServiceSlice {
  constructor(private readonly rt: Runtime) {}
  createHtmlOutput(html?: unknown): EmuHtmlOutput {
    this.rt.hit('HtmlService.createHtmlOutput');
    return new EmuHtmlOutput(this.rt, html === undefined ? '' : String(html));
  }
}

/* ------------------------------------------------------------------ Session */

export class EmuUser {
  constructor(private readonly rt: Runtime, private readonly email: string) {}
  getEmail(): string {
    this.rt.hit('User.getEmail');
    return this.email;
  }
}

export type SessionSlice = Pick<GoogleAppsScript.Base.Session, 'getScriptTimeZone' | 'getActiveUserLocale' | 'getTemporaryActiveUserKey'> &
  Returning<GoogleAppsScript.Base.Session, 'getActiveUser' | 'getEffectiveUser', EmuUser>;

/**
 * Session: the active user (the person at the keyboard; their email blank where Apps Script hides it) and
 * the effective user (whose authority the script runs under: a trigger's owner).
 */
export class EmuSession implements SessionSlice {
  constructor(
    private readonly rt: Runtime,
    private readonly opts: { activeEmail: () => string; effectiveEmail: () => string; timeZone: () => string; locale: () => string },
  ) {}
  getActiveUser(): EmuUser {
    this.rt.hit('Session.getActiveUser');
    return new EmuUser(this.rt, this.opts.activeEmail());
  }
  getEffectiveUser(): EmuUser {
    this.rt.hit('Session.getEffectiveUser');
    return new EmuUser(this.rt, this.opts.effectiveEmail());
  }
  getScriptTimeZone(): string {
    this.rt.hit('Session.getScriptTimeZone');
    return this.opts.timeZone();
  }
  /** Apps Script returns e.g. 'en' or 'zh_CN'. */
  getActiveUserLocale(): string {
    this.rt.hit('Session.getActiveUserLocale');
    const l = this.opts.locale();
    return l === 'en_US' ? 'en' : l;
  }
  getTemporaryActiveUserKey(): string {
    this.rt.hit('Session.getTemporaryActiveUserKey');
    return Buffer.from(`key:${this.opts.effectiveEmail()}`).toString('base64').replace(/=+$/, '');
  }
}

/* ------------------------------------------------------------------ Logger */

export class EmuLogger {
  constructor(private readonly rt: Runtime, private readonly sink: string[]) {}
  log(data: unknown, ...values: unknown[]): this {
    this.rt.hit('Logger.log');
    let msg = typeof data === 'string' ? data : JSON.stringify(data);
    if (values.length && typeof data === 'string') {
      let i = 0;
      msg = data.replace(/%s|%d/g, () => String(values[i++]));
    }
    this.sink.push(msg);
    return this;
  }
  getLog(): string {
    this.rt.hit('Logger.getLog');
    return this.sink.join('\n');
  }
  clear(): void {
    this.rt.hit('Logger.clear');
    this.sink.length = 0;
  }
}

/* ------------------------------------------------------------------ PropertiesService */

export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;
export const PropertyErrors = {
  tooLarge: 'Argument too large: value',
  quota: 'You have exceeded the property storage quota. Please remove some properties and try again.',
};

export type PropertiesSlice = Pick<GoogleAppsScript.Properties.Properties, 'getProperty' | 'getProperties' | 'getKeys'> &
  Returning<GoogleAppsScript.Properties.Properties, 'setProperty' | 'setProperties' | 'deleteProperty' | 'deleteAllProperties', EmuProperties>;

export class EmuProperties implements PropertiesSlice {
  constructor(private readonly rt: Runtime, readonly store: Map<string, string>) {}
  private static size(m: Map<string, string>): number {
    let n = 0;
    for (const [k, v] of m) n += Buffer.byteLength(k) + Buffer.byteLength(v);
    return n;
  }
  private commit(next: Map<string, string>): void {
    for (const v of next.values()) if (Buffer.byteLength(v) > PROPERTY_VALUE_LIMIT) throw new Error(PropertyErrors.tooLarge);
    if (EmuProperties.size(next) > PROPERTY_STORE_LIMIT) throw new Error(PropertyErrors.quota);
    this.store.clear();
    for (const [k, v] of next) this.store.set(k, v);
  }
  getProperty(key: string): string | null {
    this.rt.hit('Properties.getProperty');
    return this.store.get(key) ?? null;
  }
  getProperties(): { [key: string]: string } {
    this.rt.hit('Properties.getProperties');
    return Object.fromEntries(this.store);
  }
  getKeys(): string[] {
    this.rt.hit('Properties.getKeys');
    return [...this.store.keys()];
  }
  setProperty(key: string, value: string): this {
    this.rt.hit('Properties.setProperty');
    const next = new Map(this.store);
    next.set(String(key), String(value));
    this.commit(next);
    return this;
  }
  setProperties(properties: { [key: string]: string }, deleteAllOthers?: boolean): this {
    this.rt.hit('Properties.setProperties');
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.store);
    for (const [k, v] of Object.entries(properties)) next.set(k, String(v));
    this.commit(next);
    return this;
  }
  deleteProperty(key: string): this {
    this.rt.hit('Properties.deleteProperty');
    this.store.delete(key);
    return this;
  }
  deleteAllProperties(): this {
    this.rt.hit('Properties.deleteAllProperties');
    this.store.clear();
    return this;
  }
}

export type PropertiesServiceSlice = Returning<GoogleAppsScript.Properties.PropertiesService,
  'getScriptProperties' | 'getDocumentProperties' | 'getUserProperties', EmuProperties>;

export class EmuPropertiesService implements PropertiesServiceSlice {
  /** `user` is the effective user's own store: each account has its own user properties. */
  constructor(private readonly rt: Runtime, private readonly stores: { script: Map<string, string>; document: Map<string, string>; user: () => Map<string, string> }) {}
  getScriptProperties(): EmuProperties {
    this.rt.hit('PropertiesService.getScriptProperties');
    return new EmuProperties(this.rt, this.stores.script);
  }
  getDocumentProperties(): EmuProperties {
    this.rt.hit('PropertiesService.getDocumentProperties');
    return new EmuProperties(this.rt, this.stores.document);
  }
  getUserProperties(): EmuProperties {
    this.rt.hit('PropertiesService.getUserProperties');
    return new EmuProperties(this.rt, this.stores.user());
  }
}

/* ------------------------------------------------------------------ LockService */

export type LockScope = 'document' | 'script' | 'user';
export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

/** Lock state per scope; tests make "another execution" hold a lock, optionally until a virtual time. */
export class LockManager {
  private self = new Set<LockScope>();
  private other = new Map<LockScope, number>(); // scope -> release time (ms, Infinity = until released)
  constructor(private readonly rt: Runtime) {}
  /** Another execution holds the lock (for `forMs` of virtual time, or until releaseOther). */
  holdByOther(scope: LockScope, forMs?: number): void {
    this.other.set(scope, forMs === undefined ? Infinity : this.rt.clock.nowMs() + forMs);
  }
  releaseOther(scope: LockScope): void {
    this.other.delete(scope);
  }
  /** Whether this execution holds the scope's lock. */
  heldBySelf(scope: LockScope): boolean {
    return this.self.has(scope);
  }
  releaseAllSelf(): void {
    this.self.clear();
  }
  acquire(scope: LockScope, timeoutMs: number): boolean {
    if (this.self.has(scope)) return true;
    const until = this.other.get(scope);
    const now = this.rt.clock.nowMs();
    if (until !== undefined && until > now) {
      if (until - now > timeoutMs) {
        this.rt.spend(timeoutMs);
        return false;
      }
      this.rt.spend(until - now);
      this.other.delete(scope);
    }
    this.self.add(scope);
    return true;
  }
  release(scope: LockScope): void {
    this.self.delete(scope);
  }
}

export type LockSlice = Pick<GoogleAppsScript.Lock.Lock, 'tryLock' | 'waitLock' | 'releaseLock' | 'hasLock'>;

export class EmuLock implements LockSlice {
  private held = false;
  constructor(private readonly rt: Runtime, private readonly mgr: LockManager, readonly scope: LockScope) {}
  tryLock(timeoutInMillis: number): boolean {
    this.rt.hit('Lock.tryLock');
    this.held = this.mgr.acquire(this.scope, timeoutInMillis);
    return this.held;
  }
  waitLock(timeoutInMillis: number): void {
    this.rt.hit('Lock.waitLock');
    this.held = this.mgr.acquire(this.scope, timeoutInMillis);
    if (!this.held) throw new Error(LOCK_TIMEOUT_MESSAGE);
  }
  releaseLock(): void {
    this.rt.hit('Lock.releaseLock');
    if (this.held) this.mgr.release(this.scope);
    this.held = false;
  }
  hasLock(): boolean {
    this.rt.hit('Lock.hasLock');
    return this.held && this.mgr.heldBySelf(this.scope);
  }
}

export type LockServiceSlice = Returning<GoogleAppsScript.Lock.LockService, 'getScriptLock' | 'getUserLock', EmuLock> & {
  getDocumentLock(): EmuLock | null;
};

export class EmuLockService implements LockServiceSlice {
  constructor(private readonly rt: Runtime, private readonly mgr: LockManager, private readonly inDocument: () => boolean = () => true) {}
  /** Null outside a containing document's context, as the reference says (standalone scripts, web apps). */
  getDocumentLock(): EmuLock | null {
    this.rt.hit('LockService.getDocumentLock');
    return this.inDocument() ? new EmuLock(this.rt, this.mgr, 'document') : null;
  }
  getScriptLock(): EmuLock {
    this.rt.hit('LockService.getScriptLock');
    return new EmuLock(this.rt, this.mgr, 'script');
  }
  getUserLock(): EmuLock {
    this.rt.hit('LockService.getUserLock');
    return new EmuLock(this.rt, this.mgr, 'user');
  }
}
