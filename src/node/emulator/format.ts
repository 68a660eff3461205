/** Date and number formatting: Utilities.formatDate patterns and the display of number formats. */

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number; // 0-23
  minute: number;
  second: number;
  ms: number;
  weekday: number; // 0 = Sunday
  offsetMinutes: number; // local - UTC
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();

/** Calendar fields of an instant in an IANA time zone (or 'GMT+8'-style / 'UTC'). */
export function zonedParts(date: Date, timeZone: string): ZonedParts {
  const tz = normaliseTimeZone(timeZone);
  let dtf = dtfCache.get(tz);
  if (!dtf) {
    dtf = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short',
    });
    dtfCache.set(tz, dtf);
  }
  const p: Record<string, string> = {};
  for (const part of dtf.formatToParts(date)) p[part.type] = part.value;
  const year = Number(p.year);
  const month = Number(p.month);
  const day = Number(p.day);
  const hour = Number(p.hour) % 24;
  const minute = Number(p.minute);
  const second = Number(p.second);
  const ms = ((date.getTime() % 1000) + 1000) % 1000;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return { year, month, day, hour, minute, second, ms, weekday, offsetMinutes: Math.round((asUtc - date.getTime()) / 60000) };
}

/** Zone names already normalised: checking a name makes an Intl.DateTimeFormat, which costs more than the look-up it serves. */
const normalisedZones = new Map<string, string>();

/** Accepts IANA names, 'UTC'/'GMT', and Apps Script's 'GMT+8' / 'GMT+08:00' forms. */
export function normaliseTimeZone(tz: string): string {
  let known = normalisedZones.get(tz);
  if (known === undefined) {
    known = normaliseUncached(tz);
    normalisedZones.set(tz, known);
  }
  return known;
}

function normaliseUncached(tz: string): string {
  const m = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(tz);
  if (m) {
    if (m[3] && m[3] !== '00') return 'UTC'; // Intl has no fractional Etc zones; rare
    const h = Number(m[2]);
    // Etc/GMT signs are inverted.
    return h === 0 ? 'UTC' : `Etc/GMT${m[1] === '+' ? '-' : '+'}${h}`;
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    throw new Error(`Invalid argument: timeZone (${tz})`);
  }
}

/** The instant at which the given wall-clock time occurs in the time zone. */
export function zonedTimeToDate(tz: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  let t = guess;
  for (let i = 0; i < 3; i++) {
    const off = zonedParts(new Date(t), tz).offsetMinutes;
    t = guess - off * 60000;
  }
  return new Date(t);
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

function offsetString(mins: number, colon: boolean): string {
  const sign = mins >= 0 ? '+' : '-';
  const a = Math.abs(mins);
  return `${sign}${pad(Math.floor(a / 60), 2)}${colon ? ':' : ''}${pad(a % 60, 2)}`;
}

/** Java SimpleDateFormat subset, as Utilities.formatDate uses it. */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  if (!(date instanceof Date) && Object.prototype.toString.call(date) !== '[object Date]') {
    throw new Error('Invalid argument: date');
  }
  if (Number.isNaN(date.getTime())) throw new Error('Invalid argument: date');
  const p = zonedParts(date, timeZone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] ?? '';
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      out += pattern.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    switch (ch) {
      case 'y': out += n === 2 ? pad(p.year % 100, 2) : pad(p.year, n); break;
      case 'Y': out += n === 2 ? pad(p.year % 100, 2) : pad(p.year, n); break;
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[p.month - 1] : n === 3 ? (MONTHS[p.month - 1] ?? '').slice(0, 3) : pad(p.month, n);
        break;
      case 'd': out += pad(p.day, n); break;
      case 'H': out += pad(p.hour, n); break;
      case 'k': out += pad(p.hour === 0 ? 24 : p.hour, n); break;
      case 'h': out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n); break;
      case 'K': out += pad(p.hour % 12, n); break;
      case 'm': out += pad(p.minute, n); break;
      case 's': out += pad(p.second, n); break;
      case 'S': out += pad(p.ms, 3).slice(0, Math.max(n, 3)).padEnd(n, '0'); break;
      case 'a': out += p.hour < 12 ? 'AM' : 'PM'; break;
      case 'E': out += n >= 4 ? WEEKDAYS[p.weekday] : (WEEKDAYS[p.weekday] ?? '').slice(0, 3); break;
      case 'u': out += pad(p.weekday === 0 ? 7 : p.weekday, n); break;
      case 'D': {
        const doy = Math.round((Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86400000) + 1;
        out += pad(doy, n);
        break;
      }
      case 'Z': out += offsetString(p.offsetMinutes, false); break;
      case 'X': out += p.offsetMinutes === 0 ? 'Z' : offsetString(p.offsetMinutes, n >= 3); break;
      case 'z': out += p.offsetMinutes === 0 ? 'UTC' : `GMT${offsetString(p.offsetMinutes, true)}`; break;
      default: throw new Error(`Illegal pattern character '${ch}'`);
    }
  }
  return out;
}

function groupThousands(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Sheets' number-format patterns for dates (lower-case tokens, m is minute after h). */
function formatDateWithSheetsPattern(date: Date, tz: string, fmt: string): string {
  const java = fmt
    .replace(/yyyy/gi, 'yyyy')
    .replace(/(h+)(:)(m+)/gi, (_, h: string, c: string, m: string) => `${h.replace(/h/gi, 'H')}${c}${m.replace(/m/g, 'm')}`)
    .replace(/(?<![Hh:])m{1,4}(?!:)/g, (m) => m.toUpperCase())
    .replace(/d{3,}/g, (d) => (d.length >= 4 ? 'EEEE' : 'EEE'))
    .replace(/am\/pm/gi, 'a');
  return formatDate(date, tz, java);
}

/**
 * Renders a value the way Sheets shows it for a number format: 'General', '0', '0.0', '0.00',
 * '#,##0', '#,##0.00', '0%', '0.0%', '@', and date patterns like 'yyyy-mm-dd'.
 */
export function displayValue(value: unknown, numberFormat: string, timeZone: string, locale = 'en_US'): string {
  if (value === '' || value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') {
    const d = value as Date;
    const fmt = numberFormat && numberFormat !== 'General' && /[ymdhs]/i.test(numberFormat) ? numberFormat : locale === 'zh_CN' ? 'yyyy-mm-dd' : 'm/d/yyyy';
    const hasTime = d.getTime() % 86400000 !== 0 && fmt === 'm/d/yyyy';
    return formatDateWithSheetsPattern(d, timeZone, hasTime ? 'm/d/yyyy h:mm:ss' : fmt);
  }
  if (typeof value === 'number') {
    const fmt = numberFormat || 'General';
    if (fmt === 'General' || fmt === '0.###############' || fmt === '@') {
      if (Number.isInteger(value)) return String(value);
      return String(Number(value.toPrecision(10)));
    }
    const pct = fmt.includes('%');
    const v = pct ? value * 100 : value;
    const dec = /\.(0+)/.exec(fmt)?.[1]?.length ?? 0;
    const fixed = Math.abs(v).toFixed(dec);
    const [ip = '0', fp] = fixed.split('.');
    const body = (fmt.includes(',') ? groupThousands(ip) : ip) + (fp !== undefined ? `.${fp}` : '');
    const prefix = /^[^0#]*?([$¥€£])/.exec(fmt)?.[1] ?? '';
    return `${v < 0 && Number(fixed) !== 0 ? '-' : ''}${prefix}${body}${pct ? '%' : ''}`;
  }
  return String(value);
}
