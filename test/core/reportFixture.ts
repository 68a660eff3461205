import { checkWorkbook } from '../../src/core/checks';
import { exampleData } from '../../src/core/example';
import { Lang } from '../../src/core/i18n';
import { RawWorkbook, TimeContext, readWorkbook } from '../../src/core/model';
import { ReportModel, buildReport } from '../../src/core/report';
import { SETTINGS, TABS, TabKey } from '../../src/core/schema';
import { CellValue, dayFromIso, utcDayOf } from '../../src/core/values';

/** The worked example as the grids a sheet would hold (header row first), in one language. */
export function exampleRaw(lang: Lang, drop: readonly TabKey[] = []): RawWorkbook {
  const data = exampleData(lang);
  const pickLang = (b: { en: string; zh: string }): string => (lang === 'zh-CN' ? b.zh : b.en);
  const raw: RawWorkbook = {};
  for (const tab of TABS) {
    if (drop.includes(tab.key)) continue;
    const header = tab.columns.map((c) => pickLang(c.header));
    if (tab.key === 'settings') {
      raw.settings = [header, ...SETTINGS.map((s) => [pickLang(s.label), data.settings[s.key] ?? '', ''])];
      continue;
    }
    const rows = data.tabs[tab.key] ?? [];
    raw[tab.key] = [header, ...rows.map((r) => tab.columns.map((c): CellValue => r[c.key] ?? ''))];
  }
  return raw;
}

/** A week after the example cycle ended. */
export const AFTER_CYCLE: TimeContext = { today: dayFromIso('2023-10-08'), dayOf: utcDayOf };

export function reportOf(lang: Lang, raw: RawWorkbook = exampleRaw(lang), time: TimeContext = AFTER_CYCLE): ReportModel {
  const workbook = readWorkbook(raw, time);
  return buildReport(workbook, time, lang, checkWorkbook(workbook, time));
}
