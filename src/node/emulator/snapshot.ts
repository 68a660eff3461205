/**
 * Copies the state of one emulator into another one freshly built with the same options (Emulator.snapshot and
 * EmulatorSnapshot.restore use it). A plain deep copy is not enough: the emulator's services hold closures made by
 * its constructor (`() => this.effective().email`), and a copied closure would still act on the old emulator. So
 * the copy walks the old emulator and the new one side by side: where both hold an object in the same place (a
 * service, the spreadsheet, the runtime, the UI recorder) the new object keeps its identity — the new emulator's
 * closures point at it — and takes the old one's contents; where only the old one holds an object, it is copied
 * (prototype, Maps, Sets, Dates, Buffers, shared references and cycles preserved). A function met where the new
 * emulator has none in the same place cannot be copied faithfully, so the copy stops with an error naming where.
 */
import { EventEmitter } from 'node:events';

/** What the copy needs to know of the emulator it copies. */
export interface StateCopyRules {
  /** Old objects that stand for new ones without being copied (the new emulator's own call counter, formula engine). */
  readonly substitutes: ReadonlyMap<object, object>;
  /** The fields of an object that the new emulator starts afresh: the target keeps its own value. */
  freshFields(target: object): readonly string[];
  /** Prototypes of another realm (the old bundle's vm context: arrays and objects the script made) → the host's. */
  readonly foreignPrototypes: ReadonlyMap<object, object>;
}

/** A state the copy cannot reproduce faithfully (a closure, a native handle); `path` says where it was met. */
export class SnapshotError extends Error {
  constructor(readonly reason: string, readonly path: string[] = []) {
    super(`Emulator snapshot: ${reason}${path.length ? ` at ${path.join('')}` : ''}`);
  }
  at(key: PropertyKey): SnapshotError {
    return new SnapshotError(this.reason, [typeof key === 'number' ? `[${key}]` : `.${String(key)}`, ...this.path]);
  }
}

const tagOf = (value: object): string => Object.prototype.toString.call(value);
/** Host-realm objects whose state lives outside JavaScript properties: a copy would be a broken shell. */
const UNCOPYABLE_TAGS = new Set(['[object WeakMap]', '[object WeakSet]', '[object WeakRef]', '[object Promise]', '[object ArrayBuffer]', '[object SharedArrayBuffer]']);

/** Prototype → whether assigning a property to an object made from it defines an own data property (no setter or read-only property in the chain). */
const assignableProtos = new WeakMap<object, boolean>();

function assignable(target: object): boolean {
  const proto = Object.getPrototypeOf(target) as object | null;
  if (proto === null) return true;
  let known = assignableProtos.get(proto);
  if (known === undefined) {
    known = true;
    for (let p: object | null = proto; p && known; p = Object.getPrototypeOf(p) as object | null) {
      for (const key of Reflect.ownKeys(p)) {
        if (key === '__proto__') continue; // Object.prototype's accessor; copyDataFields defines that key itself
        const d = Object.getOwnPropertyDescriptor(p, key)!;
        if (d.get || d.set || !d.writable) {
          known = false;
          break;
        }
      }
    }
    assignableProtos.set(proto, known);
  }
  return known;
}

export class StateCopier {
  /** Old object → the object that stands for it in the new emulator (copied or paired). */
  private readonly memo = new Map<object, object>();
  /** New objects already standing for an old one: never paired with a second. */
  private readonly paired = new Set<object>();

  constructor(private readonly rules: StateCopyRules) {
    for (const [from, to] of rules.substitutes) {
      this.memo.set(from, to);
      this.paired.add(to);
    }
  }

  /** Fills `target` (an object of the new emulator, identity kept) with the contents of `source` (its counterpart in the old one). */
  into(target: object, source: object): void {
    if (target === source) {
      // Module-level data both emulators share (constant tables): shared in the copy as in the original.
      this.memo.set(source, target);
      return;
    }
    this.memo.set(source, target);
    this.paired.add(target);
    if (Array.isArray(source)) {
      const out = target as unknown[];
      out.length = 0;
      this.copyElements(out, source);
      return;
    }
    const tag = tagOf(source);
    if (tag === '[object Map]') {
      (target as Map<unknown, unknown>).clear();
      this.copyEntries(target as Map<unknown, unknown>, source as Map<unknown, unknown>);
      return;
    }
    if (tag === '[object Set]') {
      (target as Set<unknown>).clear();
      for (const v of Set.prototype.values.call(source)) (target as Set<unknown>).add(this.copy(v));
      return;
    }
    if (tag === '[object Date]') {
      (target as Date).setTime(Date.prototype.getTime.call(source));
      return;
    }
    this.copyFields(target, source, true);
  }

  /** A copy of `value` for the new emulator (the same copy for every reference to the same object). */
  copy(value: unknown): unknown {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    const known = this.memo.get(value);
    if (known !== undefined) return known;
    if (typeof value === 'function') throw new SnapshotError('a function (a closure would still act on the old emulator)');
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      this.memo.set(value, out);
      this.copyElements(out, value);
      return out;
    }
    const tag = tagOf(value);
    if (tag === '[object Date]') return this.remember(value, new Date(Date.prototype.getTime.call(value)));
    if (tag === '[object Map]') {
      const out = this.remember(value, new Map());
      this.copyEntries(out, value as Map<unknown, unknown>);
      return out;
    }
    if (tag === '[object Set]') {
      const out = this.remember(value, new Set());
      for (const v of Set.prototype.values.call(value)) out.add(this.copy(v));
      return out;
    }
    if (tag === '[object RegExp]') {
      const re = value as RegExp;
      const out = this.remember(value, new RegExp(re.source, re.flags));
      out.lastIndex = re.lastIndex;
      return out;
    }
    if (Buffer.isBuffer(value)) return this.remember(value, Buffer.from(value));
    if (tag === '[object Uint8Array]') return this.remember(value, new Uint8Array(value as Uint8Array));
    if (ArrayBuffer.isView(value) || UNCOPYABLE_TAGS.has(tag) || value instanceof EventEmitter) {
      throw new SnapshotError(`an object whose state is not in its properties (${tag})`);
    }
    const proto = Object.getPrototypeOf(value) as object | null;
    const out = Object.create(proto === null ? null : (this.rules.foreignPrototypes.get(proto) ?? proto)) as object;
    this.memo.set(value, out);
    this.copyFields(out, value, false);
    if (Object.isFrozen(value)) Object.freeze(out);
    return out;
  }

  private remember<T extends object>(from: object, to: T): T {
    this.memo.set(from, to);
    return to;
  }

  private copyElements(out: unknown[], source: readonly unknown[]): void {
    out.length = source.length;
    // `i in source`: the sheets' cell grids are sparse, and a hole stays a hole (forEach and map skip it).
    for (let i = 0; i < source.length; i++) {
      if (!(i in source)) continue;
      try {
        out[i] = this.copy(source[i]);
      } catch (error) {
        throw error instanceof SnapshotError ? error.at(i) : error;
      }
    }
  }

  private copyEntries(out: Map<unknown, unknown>, source: Map<unknown, unknown>): void {
    for (const [k, v] of Map.prototype.entries.call(source) as IterableIterator<[unknown, unknown]>) {
      try {
        out.set(this.copy(k), this.copy(v));
      } catch (error) {
        throw error instanceof SnapshotError ? error.at(`get(${String(k)})`) : error;
      }
    }
  }

  /**
   * Copies every own property of `source` onto `out`. `pairing`: `out` is the new emulator's own object, so its
   * fresh fields stay, its closures stay where the old object had one, and an object in the same place is
   * filled in place rather than replaced.
   */
  private copyFields(out: object, source: object, pairing: boolean): void {
    if (!pairing && assignable(out)) {
      this.copyDataFields(out as Record<string, unknown>, source);
      return;
    }
    const fresh = pairing ? this.rules.freshFields(out) : [];
    const target = out as Record<PropertyKey, unknown>;
    for (const key of Reflect.ownKeys(source)) {
      if (typeof key === 'string' && fresh.includes(key)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(source, key)!;
      try {
        if (descriptor.get || descriptor.set) throw new SnapshotError('an accessor property (a closure)');
        const value = descriptor.value as unknown;
        const mine = pairing ? target[key] : undefined;
        if (pairing && value !== null && typeof value === 'object' && !this.memo.has(value) && this.pairable(mine, value)) {
          this.into(mine as object, value);
          continue;
        }
        let copied: unknown;
        if (pairing && typeof value === 'function' && !this.memo.has(value)) {
          if (typeof mine !== 'function') throw new SnapshotError('a function the new emulator has no counterpart for');
          copied = mine;
        } else {
          copied = this.copy(value);
        }
        Object.defineProperty(out, key, { ...descriptor, value: copied });
      } catch (error) {
        throw error instanceof SnapshotError ? error.at(key) : error;
      }
    }
    if (!pairing) return;
    for (const key of Reflect.ownKeys(out)) {
      if (typeof key === 'string' && fresh.includes(key)) continue;
      if (!Object.prototype.hasOwnProperty.call(source, key)) delete target[key];
    }
  }

  /**
   * copyFields for a new object whose prototypes hold no setter or read-only property: plain assignment gives the
   * same property as defineProperty (most of a snapshot is cells and style objects, so this is where restore spends).
   * An accessor is refused as copyFields refuses it; a hidden or read-only property is defined as it was.
   */
  private copyDataFields(out: Record<string, unknown>, source: object): void {
    for (const key of Reflect.ownKeys(source)) {
      const descriptor = Object.getOwnPropertyDescriptor(source, key)!;
      try {
        if (descriptor.get || descriptor.set) throw new SnapshotError('an accessor property (a closure)');
        const copied = this.copy(descriptor.value);
        if (typeof key === 'string' && key !== '__proto__' && descriptor.writable && descriptor.enumerable && descriptor.configurable) out[key] = copied;
        else Object.defineProperty(out, key, { ...descriptor, value: copied });
      } catch (error) {
        throw error instanceof SnapshotError ? error.at(key) : error;
      }
    }
  }

  /** Whether the new emulator's object `mine` is the counterpart of the old `theirs`: same kind, not yet standing for another. */
  private pairable(mine: unknown, theirs: object): mine is object {
    if (mine === null || typeof mine !== 'object' || this.paired.has(mine)) return false;
    if (mine === theirs) return true;
    if (Array.isArray(theirs)) return Array.isArray(mine);
    const proto = Object.getPrototypeOf(theirs) as object | null;
    const hostProto = proto === null ? null : (this.rules.foreignPrototypes.get(proto) ?? proto);
    return Object.getPrototypeOf(mine) === hostProto && tagOf(mine) === tagOf(theirs);
  }
}
