/**
 * Pieces of spreadsheet formulas built from the schema's option sets: built-in functions only, so the same
 * text works in Google Sheets, Excel, WPS, LibreOffice and HyperFormula (the offline template and the
 * Dashboard both use them).
 */
import { Lang, pick } from './i18n';
import { DIRECTION, METRIC_STATUS, OptionSet, normalizeLabel } from './options';

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
 * The status word of a rate (metrics.statusOf): no rate → No data, ≥ 100% on target, ≥ threshold at risk, else
 * off target; blank when `blankWhen` holds. ROUND removes floating-point noise (0.12/0.15 = 0.7999999999999999).
 */
export function statusExpression(rate: string, threshold: string, lang: Lang, blankWhen = ''): string {
  const label = (key: 'on_target' | 'at_risk' | 'off_target' | 'no_data'): string =>
    quote(pick(METRIC_STATUS.options.find((o) => o.key === key)!.label, lang));
  const status = `IF(${rate}="",${label('no_data')},IF(ROUND(${rate},9)>=1,${label('on_target')},IF(ROUND(${rate},9)>=${threshold},${label('at_risk')},${label('off_target')})))`;
  return blankWhen === '' ? status : `IF(${blankWhen},"",${status})`;
}
