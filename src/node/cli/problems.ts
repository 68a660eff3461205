import { Lang, pick } from '../../core/i18n';
import { Problem } from '../../core/problems';
import { TabKey, tabSpec } from '../../core/schema';
import { CLI, say } from './text';

/**
 * One problem as lines a person can act on: severity, the sheet as it is named in their file, the row,
 * the column header, the value, what is wrong and how to fix it.
 */
export function problemLines(p: Problem, lang: Lang, sheetNames: ReadonlyMap<TabKey, string>): string[] {
  const sheet = sheetNames.get(p.tab) ?? pick(tabSpec(p.tab).name, lang);
  const spec = p.column === undefined ? undefined : tabSpec(p.tab).columns.find((c) => c.key === p.column);
  const column = spec ? (lang === 'zh-CN' ? `（${spec.header.zh}）` : ` (${spec.header.en})`) : '';
  const message = pick(p.message, lang);
  const value = p.value !== undefined && p.value !== '' && !message.includes(p.value) ? ` "${p.value}"` : '';
  const severity = (p.severity === 'error' ? say(CLI.error, lang) : say(CLI.warning, lang)).padEnd(lang === 'zh-CN' ? 2 : 7);
  const first = p.row === null
    ? say(CLI.problemLineNoRow, lang, { severity, sheet, column, message })
    : say(CLI.problemLine, lang, { severity, sheet, row: p.row, column, value, message });
  return [first, say(CLI.fixLine, lang, { fix: pick(p.fix, lang) })];
}

/** Problems printed when --all is not given; the report's data-quality section always lists every one. */
export const PRINTED_PROBLEMS = 100;

/** The problem list for the terminal: errors first, then warnings, at most `limit` of them. */
export function problemReport(problems: readonly Problem[], lang: Lang, sheetNames: ReadonlyMap<TabKey, string>, limit = Infinity): string {
  if (problems.length === 0) return say(CLI.noProblems, lang);
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity !== 'error');
  const header = problems.length === 1 ? CLI.problemsHeaderOne : CLI.problemsHeader;
  const lines = [say(header, lang, { count: problems.length, errors: errors.length, warnings: warnings.length })];
  const shown = [...errors, ...warnings].slice(0, limit);
  for (const p of shown) lines.push(...problemLines(p, lang, sheetNames));
  if (shown.length < problems.length) lines.push(say(CLI.moreProblems, lang, { count: problems.length - shown.length }));
  return lines.join('\n');
}

/** 1 when the data has errors (or, with --strict, any problem); else 0. */
export function exitCodeFor(problems: readonly Problem[], strict: boolean): 0 | 1 {
  return problems.some((p) => strict || p.severity === 'error') ? 1 : 0;
}
