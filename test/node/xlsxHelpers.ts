import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleData } from '../../src/core/example';
import { Lang, pick } from '../../src/core/i18n';
import { RawWorkbook, TimeContext } from '../../src/core/model';
import { SETTINGS, TABS } from '../../src/core/schema';
import { dayFromIso, utcDayOf } from '../../src/core/values';
import { Io } from '../../src/node/cli';

/** The worked example as grids straight from example.ts (no .xlsx involved): the "other way" to read it. */
export function rawFromExample(lang: Lang): RawWorkbook {
  const example = exampleData(lang);
  const raw: RawWorkbook = {};
  for (const tab of TABS) {
    const header = tab.columns.map((c) => pick(c.header, lang));
    if (tab.key === 'settings') {
      raw.settings = [header, ...SETTINGS.map((s) => [pick(s.label, lang), example.settings[s.key] ?? s.defaultValue, pick(s.help, lang)])];
    } else {
      raw[tab.key] = [header, ...(example.tabs[tab.key] ?? []).map((row) => tab.columns.map((c) => row[c.key] ?? ''))];
    }
  }
  return raw;
}

export const END_OF_CYCLE: TimeContext = { today: dayFromIso('2023-09-30'), dayOf: utcDayOf };

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'mx-xlsx-'));
}

export async function loadWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** An Io that records what the command line prints. */
export function recordingIo(cwd: string, env: Record<string, string> = { LANG: 'en_US.UTF-8' }): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout, stderr, env, cwd,
    out: (text) => { stdout.push(text); },
    err: (text) => { stderr.push(text); },
    now: () => new Date('2023-09-30T12:00:00Z'),
  };
}

/** Values of a sheet for HyperFormula: formulas as "=…", dates as serials. */
export function sheetContent(ws: ExcelJS.Worksheet): (string | number | boolean | null)[][] {
  const rows: (string | number | boolean | null)[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const line: (string | number | boolean | null)[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const v = cell.value;
      // A formula as Excel shows it: without the file's `_xlfn.` prefix of newer functions (MAXIFS).
      if (v && typeof v === 'object' && 'formula' in v) line[c - 1] = `=${String(v.formula).replace(/_xlfn\./g, '')}`;
      else if (v instanceof Date) line[c - 1] = v.getTime() / 86_400_000 + 25569;
      else if (v === null || v === undefined || typeof v === 'object') line[c - 1] = null;
      else line[c - 1] = v;
    });
    rows[r - 1] = Array.from(line, (x) => x ?? null);
  });
  return Array.from(rows, (x) => x ?? []);
}
