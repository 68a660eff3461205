/**
 * A time zone's offset from UTC at any instant, from as few Utilities.formatDate calls as possible: each is a
 * service call, and asking per distinct day made date look-ups grow with the spread of the data's dates.
 *
 * The offsets are resolved over one contiguous span of time, grown to the half-years around the data's
 * earliest and latest instants before the data is read (cover), so a run asks a fixed handful of times: at
 * 1 January and 1 July of each year in the span (every daylight-saving period of the tz database but
 * Morocco's month-long Ramadan change contains one of them, so a zone with DST shows two offsets), and, only
 * where two neighbouring probes differ, a bisection to the minute (about 18 calls) that finds the instant the
 * offset changes.
 */

type Lookup = (ms: number) => number;

const MINUTE_MS = 60_000;

/** The zone's offset in minutes at an instant, from formatDate's 'Z' pattern (e.g. +0800). */
export function formatDateOffset(timeZone: string): Lookup {
  return (ms) => {
    const offset = Utilities.formatDate(new Date(ms), timeZone, 'Z');
    return (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
  };
}

/** [from, to] (ms, inclusive) over which the offset is `offset` minutes. */
interface Span {
  from: number;
  to: number;
  offset: number;
}

/** 00:00 UTC on 1 January and 1 July of each year strictly between a and b. */
function seasonProbes(a: number, b: number): number[] {
  const out: number[] = [];
  const first = new Date(a).getUTCFullYear();
  const last = new Date(b).getUTCFullYear();
  for (let year = first; year <= last; year++) {
    for (const month of [0, 6]) {
      const ms = Date.UTC(year, month, 1);
      if (ms > a && ms < b) out.push(ms);
    }
  }
  return out;
}

/** The latest 1 January or 1 July (00:00 UTC) at or before ms, and the earliest at or after it. */
function seasonFloor(ms: number): number {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const july = Date.UTC(year, 6, 1);
  return ms >= july ? july : Date.UTC(year, 0, 1);
}
function seasonCeil(ms: number): number {
  const floor = seasonFloor(ms);
  if (floor === ms) return ms;
  const d = new Date(floor);
  return d.getUTCMonth() === 0 ? Date.UTC(d.getUTCFullYear(), 6, 1) : Date.UTC(d.getUTCFullYear() + 1, 0, 1);
}

export class ZoneOffsets {
  /** Sorted, contiguous spans: the resolved part of the time line. */
  private spans: Span[] = [];

  constructor(private readonly lookup: Lookup) {}

  /**
   * Resolves every instant from `from` to `to` (ms) now. The span is widened to the half-years around it, so
   * the look-ups depend on the half-years the data touches, never on its distinct days or on a date a little
   * past the data's last one (a next cycle's first day).
   */
  cover(spanFrom: number, spanTo: number): void {
    if (!(spanFrom <= spanTo)) return;
    const from = seasonFloor(spanFrom);
    const to = seasonCeil(spanTo);
    const first = this.spans[0];
    const last = this.spans[this.spans.length - 1];
    if (!first || !last) {
      const offset = this.lookup(from);
      this.spans = [{ from, to: from, offset }];
      if (to > from) this.extend(from, to, offset, this.lookup(to), 'after');
      return;
    }
    if (from < first.from) this.extend(from, first.from, this.lookup(from), first.offset, 'before');
    if (to > last.to) this.extend(last.to, to, last.offset, this.lookup(to), 'after');
  }

  /** The offset in minutes at an instant; resolves the time line up to it first when it lies outside. */
  offsetAt(ms: number): number {
    const first = this.spans[0];
    const last = this.spans[this.spans.length - 1];
    if (!first || !last || ms < first.from || ms > last.to) this.cover(Math.min(ms, first?.from ?? ms), Math.max(ms, last?.to ?? ms));
    let lo = 0;
    let hi = this.spans.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.spans[mid]!.from <= ms) lo = mid;
      else hi = mid - 1;
    }
    return this.spans[lo]!.offset;
  }

  /** Resolves (a, b] or [a, b) next to the resolved spans, given the offsets at both ends. */
  private extend(a: number, b: number, atA: number, atB: number, side: 'before' | 'after'): void {
    const probes = [a, ...seasonProbes(a, b), b];
    const offsets = probes.map((ms, i) => (i === 0 ? atA : i === probes.length - 1 ? atB : this.lookup(ms)));
    const spans: Span[] = [{ from: a, to: a, offset: atA }];
    for (let i = 1; i < probes.length; i++) this.resolve(spans, probes[i - 1]!, probes[i]!, offsets[i - 1]!, offsets[i]!);
    if (side === 'after') {
      const last = this.spans[this.spans.length - 1]!;
      const [head, ...rest] = spans;
      last.to = Math.max(last.to, head!.to);
      this.spans.push(...rest);
    } else {
      const first = this.spans[0]!;
      const tail = spans[spans.length - 1]!;
      if (tail.offset === first.offset) {
        first.from = tail.from;
        spans.pop();
      }
      this.spans.unshift(...spans);
    }
  }

  /** Appends the spans of (a, b] to `spans` (whose last span ends at a with offset atA). */
  private resolve(spans: Span[], a: number, b: number, atA: number, atB: number): void {
    let lo = a;
    let offset = atA;
    while (offset !== atB) {
      // Bisect on whole minutes (zones change on the minute): the offset is `offset` at lo and not at hi.
      let hi = b;
      let atHi = atB;
      for (;;) {
        const firstMinute = Math.floor(lo / MINUTE_MS) + 1;
        const lastMinute = Math.ceil(hi / MINUTE_MS) - 1;
        if (firstMinute > lastMinute) break;
        const mid = ((firstMinute + lastMinute) >> 1) * MINUTE_MS;
        const at = this.lookup(mid);
        if (at === offset) lo = mid;
        else {
          hi = mid;
          atHi = at;
        }
      }
      spans[spans.length - 1]!.to = hi - 1;
      spans.push({ from: hi, to: hi, offset: atHi });
      lo = hi;
      offset = atHi;
    }
    spans[spans.length - 1]!.to = b;
  }
}
