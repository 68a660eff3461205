/**
 * The two languages the product speaks, and the few helpers every message needs.
 * Every user-visible text is written as a Bilingual pair at the place it is produced,
 * so a missing translation is a compile error rather than a runtime surprise.
 */

export type Lang = 'en' | 'zh-CN';

export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

export function bi(en: string, zh: string): Bilingual {
  return { en, zh };
}

export function pick(text: Bilingual, lang: Lang): string {
  return lang === 'zh-CN' ? text.zh : text.en;
}

// Settings cells are typed by people, so accept the spellings they are likely to use.
const ENGLISH_SETTINGS = new Set(['en', 'en-us', 'en-gb', 'english', '英文', '英语']);
const CHINESE_SETTINGS = new Set(['zh', 'zh-cn', 'zh_cn', 'zh-hans', 'chinese', '中文', '简体中文', '汉语', '中文（简体）']);

/**
 * The language from the Settings value, falling back to the spreadsheet locale when the
 * setting is auto, blank or unrecognised (an odd setting should not lock people out of
 * their own language). Any Chinese locale gets Simplified Chinese, the only Chinese we ship.
 */
export function resolveLang(setting: string | null | undefined, locale: string | null | undefined): Lang {
  const wanted = (setting ?? '').trim().toLowerCase();
  if (ENGLISH_SETTINGS.has(wanted)) return 'en';
  if (CHINESE_SETTINGS.has(wanted)) return 'zh-CN';
  return (locale ?? '').trim().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Replaces `{name}` placeholders in both languages; unknown placeholders stay visible so a missing parameter is noticed. */
export function fill(text: Bilingual, params: Record<string, string | number>): Bilingual {
  const replace = (template: string): string =>
    template.replace(/\{(\w+)\}/g, (whole: string, name: string) =>
      Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole);
  return { en: replace(text.en), zh: replace(text.zh) };
}

/** Items of a list as a sentence writes them: 张、赵 in Chinese, Zhang, Zhao in English. */
export function joinList(items: readonly string[], lang: Lang): string {
  return items.join(lang === 'zh-CN' ? '、' : ', ');
}

/** Clauses of one line: separated by a full-width semicolon in Chinese. */
export function joinClauses(items: readonly string[], lang: Lang): string {
  return items.join(lang === 'zh-CN' ? '；' : '; ');
}
