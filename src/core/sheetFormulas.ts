/**
 * Pieces of spreadsheet formulas built from the schema's option sets: built-in functions only, so the same
 * text works in Google Sheets, Excel, WPS, LibreOffice and HyperFormula (the offline template and the
 * Dashboard both use them).
 */
import { Lang, pick } from './i18n';
import { DIRECTION, METRIC_STATUS, MetricStatus, OptionSet, normalizeLabel, optionLabel } from './options';

/** A string literal in a formula. */
export function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A sheet name as a formula refers to it: `'Weekly log'`. */
export function sheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * Every spelling of an option a person may pick or type (key, both labels, aliases), each once. Excel's
 * `=` compares text case-insensitively, so spellings that differ only in case are dropped.
 */
export function spellings<K extends string>(set: OptionSet<K>, key: K): string[] {
  const option = set.options.find((o) => o.key === key);
  if (!option) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of [option.label.en, option.label.zh, option.key, ...(option.aliases ?? [])]) {
    const norm = normalizeLabel(name);
    if (norm === '' || seen.has(norm)) continue;
    seen.add(norm);
    out.push(name);
  }
  return out;
}

export function isOneOf(cell: string, names: readonly string[]): string {
  const tests = names.map((n) => `${cell}=${quote(n)}`);
  return tests.length === 1 ? tests[0]! : `OR(${tests.join(',')})`;
}

/**
 * The words an achievement formula compares a Direction cell with, per direction: every spelling of the
 * DIRECTION option set, the same list parseDirection reads (so the sheet and the report agree).
 */
export function directionWords(key: 'higher' | 'lower' | 'none'): string[] {
  return spellings(DIRECTION, key);
}

/**
 * 达成率 of `actual` against `target` with the direction in `direction` (a cell or ''): actual ÷ target for a
 * blank direction or a word for higher, target ÷ actual for a word for lower; blank for none, an unknown
 * word, a blank figure, a zero target or text.
 */
export function achievementExpression(actual: string, target: string, direction: string): string {
  const dir = direction === '' ? '""' : `TRIM(${direction})`;
  const higher = isOneOf(dir, ['', ...directionWords('higher')]);
  const lower = isOneOf(dir, directionWords('lower'));
  return `IF(OR(${actual}="",${target}=""),"",IFERROR(IF(${target}=0,"",IF(${higher},${actual}/${target},IF(${lower},${target}/${actual},""))),""))`;
}

/**
 * The status word of a rate, the steps of metrics.statusOf: a rate that is not a number (a cell's error text) →
 * Check data; no rate → No data; while the cycle runs (`running`, a formula) ≥ 100% On track, ≥ threshold At risk,
 * else Off track; after it ≥ 100% Met, else Missed. Blank when `blankWhen` holds. ROUND removes floating-point
 * noise (0.12/0.15 = 0.7999999999999999).
 */
export function statusExpression(rate: string, threshold: string, lang: Lang, blankWhen = '', running = ''): string {
  const label = (key: MetricStatus): string => quote(pick(optionLabel(METRIC_STATUS, key), lang));
  const r = `ROUND(${rate},9)`;
  const whileRunning = `IF(${r}>=1,${label('on_track')},IF(${r}>=${threshold},${label('at_risk')},${label('off_track')}))`;
  const afterwards = `IF(${r}>=1,${label('met')},${label('missed')})`;
  const judged = running === '' ? afterwards : `IF(${running},${whileRunning},${afterwards})`;
  const status = `IF(${rate}="",${label('no_data')},IF(ISNUMBER(${rate}),${judged},${label('check_data')}))`;
  return blankWhen === '' ? status : `IF(${blankWhen},"",${status})`;
}
