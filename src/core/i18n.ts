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

/**
 * Replaces `{name}` placeholders in both languages; unknown placeholders stay visible so a missing
 * parameter is noticed. `{name:one|other}` is the English plural of a count: "{count} {count:problem|problems}"
 * reads "1 problem", "2 problems" (Chinese needs no plural). The Chinese text then gets full-width
 * punctuation next to Chinese characters (chinesePunctuation), whatever the parameters held.
 */
export function fill(text: Bilingual, params: Record<string, string | number>): Bilingual {
  const has = (name: string): boolean => Object.prototype.hasOwnProperty.call(params, name);
  const replace = (template: string): string =>
    template
      .replace(/\{(\w+):([^{}|]*)\|([^{}]*)\}/g, (whole: string, name: string, one: string, other: string) =>
        has(name) ? (Number(params[name]) === 1 ? one : other) : whole)
      .replace(/\{(\w+)\}/g, (whole: string, name: string) => (has(name) ? String(params[name]) : whole));
  return { en: replace(text.en), zh: chinesePunctuation(replace(text.zh)) };
}

/** Chinese characters and Chinese (full-width) punctuation: what counts as "inside Chinese text". */
const HAN = '[\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff01-\\uff60\\u201c\\u201d]';
const FULL_WIDTH: Readonly<Record<string, string>> = { ':': '：', ',': '，', ';': '；', '(': '（', ')': '）', '!': '！', '?': '？' };
const HALF_AFTER_HAN = new RegExp(`(${HAN})\\s*([:,;!?)])\\s*`, 'g');
const HALF_BEFORE_HAN = new RegExp(`\\s*([,;(])\\s*(?=${HAN})`, 'g');
const OPEN_BEFORE_HAN_CLOSE = new RegExp(`（([^()（）]*)\\)`, 'g');

/**
 * Chinese punctuation for Chinese text: a half-width colon, comma, semicolon, bracket, ! or ? next to a
 * Chinese character becomes full-width (拓展总成本（万元）: → 拓展总成本（万元）：; 周期目标: 50 → 周期目标：50),
 * and a list of numbers inside Chinese text uses 、 (第 3, 4 行 → 第 3、4 行). Latin text, times (9:00),
 * ratios (1:7.7), decimals and URLs are left alone.
 */
export function chinesePunctuation(text: string): string {
  if (!/[\u4e00-\u9fff]/.test(text)) return text;
  return text
    .replace(/(\d)\s*,\s+(?=\d+(?:\s*[,、]\s*\d+)*\s*[\u4e00-\u9fff])/g, '$1、')
    .replace(HALF_AFTER_HAN, (_m: string, han: string, mark: string) => `${han}${FULL_WIDTH[mark] ?? mark}`)
    .replace(HALF_BEFORE_HAN, (_m: string, mark: string) => FULL_WIDTH[mark] ?? mark)
    .replace(OPEN_BEFORE_HAN_CLOSE, '（$1）');
}

/** A count with its English noun, or the Chinese count and measure word: plural(2, 'task', 'tasks') → "2 tasks". */
export function countOf(n: number, one: string, other: string): string {
  return `${n} ${n === 1 ? one : other}`;
}

/** Items of a list as a sentence writes them: 张、赵 in Chinese, Zhang, Zhao in English. */
export function joinList(items: readonly string[], lang: Lang): string {
  return items.join(lang === 'zh-CN' ? '、' : ', ');
}

/** Clauses of one line: separated by a full-width semicolon in Chinese. */
export function joinClauses(items: readonly string[], lang: Lang): string {
  return items.join(lang === 'zh-CN' ? '；' : '; ');
}
