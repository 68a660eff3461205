import { Bilingual, Lang, fill, pick } from '../../core/i18n';
import { RawWorkbook } from '../../core/model';
import { normalizeLabel } from '../../core/options';
import { Problem } from '../../core/problems';
import { ColumnSpec, TabKey, tabSpec } from '../../core/schema';
import { mapHeaders } from '../../core/table';
import { CLI, say } from './text';

/** The offline wording of the structure problems (the core's says to use the Google Sheet's menu). */
const OFFLINE = {
  missingColumnFix: {
    en: 'Add a column headed {header} in row {row} of the {sheet} sheet (accepted headers: {accepted}; case, spaces and full-width letters do not matter).',
    zh: '请在“{sheet}”工作表第 {row} 行添加表头为“{header}”的列（可识别的表头：{accepted}；不区分大小写、空格和全角/半角）。',
  },
  renameHeader: {
    en: ' If one of the unrecognised headers is that column, rename it to {header}.',
    zh: '如果某个未能识别的表头就是这一列，请将其改为“{header}”。',
  },
  unrecognisedHeaders: {
    en: ' Headers in row {row} that are not recognised: {headers}.',
    zh: '第 {row} 行中未能识别的表头：{headers}。',
  },
  missingTabFix: {
    en: 'Add a sheet named {name} (or {other}) with these headers in row 1: {headers}. Or copy it from a new template: market-expansion template --lang {lang} --out blank.xlsx',
    zh: '请添加名为“{name}”（或“{other}”）的工作表，并在第 1 行填写表头：{headers}。也可用 market-expansion template --lang {lang} --out blank.xlsx 生成新模板，再复制该工作表。',
  },
  renameSheet: {
    en: ' If it is one of the sheets that were not recognised ({sheets}), rename that sheet to {name}.',
    zh: '如果它是未能识别的工作表之一（{sheets}），请将该工作表重命名为“{name}”。',
  },
} as const satisfies Record<string, Bilingual>;

function quoted(texts: readonly string[], lang: 'en' | 'zh'): string {
  return texts.map((t) => (lang === 'zh' ? `“${t}”` : `"${t}"`)).join(lang === 'zh' ? '、' : ', ');
}

/** Every header text the reader accepts for a column: both labels and the key, each once. */
export function acceptedHeaders(spec: ColumnSpec): string[] {
  const seen = new Set<string>();
  return [spec.header.en, spec.header.zh, spec.key].filter((name) => {
    const norm = normalizeLabel(name);
    if (seen.has(norm)) return false;
    seen.add(norm);
    return true;
  });
}

/** Where the command line found a tab: its sheet name and header row (1-based). */
export interface FoundSheet {
  readonly tab: TabKey;
  readonly sheet: string;
  readonly headerRow: number;
}

/**
 * The problems as the command line shows them (terminal and the report's data-quality section):
 * - a missing column or tab says how to fix the file itself (not the Google Sheet's menu), lists the
 *   headers / sheets that were not recognised (a misspelt header is the usual cause), and points at the
 *   header row where it really is;
 * - per-row problems of a column that does not exist (every row "Task is empty") are dropped: the single
 *   missing-column line says it all. Correct whether or not the core still emits them.
 */
export function offlineProblems(
  problems: readonly Problem[], raw: RawWorkbook, sheets: readonly FoundSheet[], unrecognisedSheets: readonly string[],
): Problem[] {
  const found = new Map(sheets.map((s) => [s.tab, s]));
  const missingColumns = new Set(problems.filter((p) => p.code === 'missing_column').map((p) => `${p.tab}\u0000${p.column ?? ''}`));
  const extraHeaders = new Map<TabKey, string[]>();
  const extraOf = (tab: TabKey): string[] => {
    let extra = extraHeaders.get(tab);
    if (!extra) {
      extra = mapHeaders(tabSpec(tab), raw[tab]?.[0] ?? []).extra.map((e) => e.header.trim());
      extraHeaders.set(tab, extra);
    }
    return extra;
  };
  const out: Problem[] = [];
  for (const p of problems) {
    if (p.code === 'missing_column') {
      const spec = tabSpec(p.tab).columns.find((c) => c.key === p.column);
      if (!spec) { out.push(p); continue; }
      const where = found.get(p.tab);
      const row = where?.headerRow ?? 1;
      const extra = extraOf(p.tab);
      const text = (lang: 'en' | 'zh'): { message: string; fix: string } => {
        const header = lang === 'zh' ? spec.header.zh : `${spec.header.en} / ${spec.header.zh}`;
        const sheet = where?.sheet ?? tabSpec(p.tab).name[lang];
        let message = pick(p.message, lang === 'zh' ? 'zh-CN' : 'en');
        let fix = fill(OFFLINE.missingColumnFix, { header, row, sheet, accepted: quoted(acceptedHeaders(spec), lang) })[lang];
        if (extra.length > 0) {
          message += fill(OFFLINE.unrecognisedHeaders, { row, headers: quoted(extra, lang) })[lang];
          fix += fill(OFFLINE.renameHeader, { header: lang === 'zh' ? spec.header.zh : spec.header.en })[lang];
        }
        return { message, fix };
      };
      const en = text('en');
      const zh = text('zh');
      out.push({ ...p, row, message: { en: en.message, zh: zh.message }, fix: { en: en.fix, zh: zh.fix } });
      continue;
    }
    if (p.code === 'missing_tab') {
      const tab = tabSpec(p.tab);
      const fix = (lang: 'en' | 'zh'): string => {
        const other = lang === 'zh' ? 'en' : 'zh';
        const headers = tab.columns.map((c) => c.header[lang]).join(lang === 'zh' ? '、' : ', ');
        const base = fill(OFFLINE.missingTabFix, { name: tab.name[lang], other: tab.name[other], headers, lang: lang === 'zh' ? 'zh-CN' : 'en' })[lang];
        return unrecognisedSheets.length === 0 ? base : base + fill(OFFLINE.renameSheet, { sheets: quoted(unrecognisedSheets, lang), name: tab.name[lang] })[lang];
      };
      out.push({ ...p, fix: { en: fix('en'), zh: fix('zh') } });
      continue;
    }
    // A cell of a column the sheet does not have: already said once by the missing-column line.
    if (p.row !== null && p.column !== undefined && missingColumns.has(`${p.tab}\u0000${p.column}`)) continue;
    out.push(p);
  }
  return out;
}

/**
 * One problem as lines a person can act on: severity, the sheet as it is named in their file, the row,
 * the column header, the value, what is wrong and how to fix it.
 */
export function problemLines(p: Problem, lang: Lang, sheetNames: ReadonlyMap<TabKey, string>): string[] {
  const sheet = sheetNames.get(p.tab) ?? pick(tabSpec(p.tab).name, lang);
  const spec = p.column === undefined ? undefined : tabSpec(p.tab).columns.find((c) => c.key === p.column);
  const column = spec ? (lang === 'zh-CN' ? `（${spec.header.zh}）` : ` (${spec.header.en})`) : '';
  // The line names the column already: a message that starts with it (as the core's cell messages do) drops it.
  const named = spec ? (lang === 'zh-CN' ? `“${spec.header.zh}”：` : `${spec.header.en}: `) : null;
  const full = pick(p.message, lang);
  const message = named !== null && full.startsWith(named) ? full.slice(named.length) : full;
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
