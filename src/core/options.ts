import { Bilingual } from './i18n';

/**
 * The fixed choices a cell may hold (validation drop-downs). A cell may hold the key or the label in
 * either language; the sheet shows labels in its own language.
 */
export interface OptionSet<K extends string = string> {
  readonly key: string;
  readonly options: readonly { readonly key: K; readonly label: Bilingual; readonly aliases?: readonly string[] }[];
}

function set<K extends string>(key: string, options: OptionSet<K>['options']): OptionSet<K> {
  return { key, options };
}

export const TASK_STATUS = set('taskStatus', [
  { key: 'not_started', label: { en: 'Not started', zh: '未开始' }, aliases: ['todo', 'open', '待开始'] },
  { key: 'in_progress', label: { en: 'In progress', zh: '进行中' }, aliases: ['doing', 'ongoing', '执行中'] },
  { key: 'done', label: { en: 'Done', zh: '已完成' }, aliases: ['complete', 'completed', 'finished', '完成'] },
  { key: 'blocked', label: { en: 'Blocked', zh: '受阻' }, aliases: ['stuck', '阻塞'] },
]);
export type TaskStatus = (typeof TASK_STATUS.options)[number]['key'];

/**
 * THE status vocabulary of a metric (metrics.statusOf decides which): while the cycle runs, on track / at risk /
 * off track against the target expected by today; once it has ended, met / missed against the full target; no
 * data when a figure is blank; check data when a cell is not a readable number. The sheet's Status formulas, the
 * Goals progress, the report, the emails and the JSON summary all show these words.
 */
export const METRIC_STATUS = set('metricStatus', [
  { key: 'on_track', label: { en: 'On track', zh: '进度正常' } },
  { key: 'at_risk', label: { en: 'At risk', zh: '有风险' } },
  { key: 'off_track', label: { en: 'Off track', zh: '进度落后' } },
  { key: 'met', label: { en: 'Met', zh: '已达成' } },
  { key: 'missed', label: { en: 'Missed', zh: '未达成' } },
  { key: 'no_data', label: { en: 'No data', zh: '无数据' } },
  { key: 'check_data', label: { en: 'Check data', zh: '请核对数据' } },
]);
export type MetricStatus = (typeof METRIC_STATUS.options)[number]['key'];

/**
 * THE list of direction words: parseDirection (report, reminders, ACHIEVEMENT_RATE) matches it, and the
 * offline template's achievement formula is generated from it, so a word means the same everywhere.
 */
export const DIRECTION = set('direction', [
  {
    key: 'higher', label: { en: 'Higher', zh: '越高越好' },
    aliases: ['up', 'high', '↑', 'higher is better', '越大越好', '越多越好', '高', '正向'],
  },
  {
    key: 'lower', label: { en: 'Lower', zh: '越低越好' },
    aliases: ['down', 'low', '↓', 'lower is better', '越小越好', '越少越好', '低', '反向'],
  },
  {
    key: 'none', label: { en: 'None', zh: '无' },
    // U+2212 (typographic minus) is listed because the spreadsheet formula compares it as typed.
    aliases: ['-', 'n/a', 'na', '--', '\u2212', '—', '–', '/', '不适用'],
  },
]);

export const FREQUENCY = set('frequency', [
  { key: 'daily', label: { en: 'Daily', zh: '每日' }, aliases: ['day', '日'] },
  { key: 'weekly', label: { en: 'Weekly', zh: '每周' }, aliases: ['week', '周'] },
  { key: 'monthly', label: { en: 'Monthly', zh: '每月' }, aliases: ['month', '月'] },
]);
export type Frequency = (typeof FREQUENCY.options)[number]['key'];

export const DIMENSION = set('dimension', [
  { key: 'result', label: { en: 'Result', zh: '结果指标' }, aliases: ['results', '结果'] },
  { key: 'process', label: { en: 'Process', zh: '过程指标' }, aliases: ['过程'] },
  { key: 'feedback', label: { en: 'Customer feedback', zh: '客户反馈' }, aliases: ['feedback'] },
  { key: 'input_output', label: { en: 'Input-output', zh: '投入产出' }, aliases: ['input output', 'roi'] },
]);
export type Dimension = (typeof DIMENSION.options)[number]['key'];

export const YES_NO = set('yesNo', [
  { key: 'yes', label: { en: 'Yes', zh: '是' }, aliases: ['y', 'true', 'on', '1'] },
  { key: 'no', label: { en: 'No', zh: '否' }, aliases: ['n', 'false', 'off', '0'] },
]);

export const COST_CATEGORY = set('costCategory', [
  { key: 'marketing', label: { en: 'Marketing', zh: '营销费用' }, aliases: ['营销'] },
  { key: 'personnel', label: { en: 'Personnel', zh: '人力成本' }, aliases: ['staff', 'people', '人力'] },
  { key: 'channel_commission', label: { en: 'Channel commission', zh: '渠道佣金' }, aliases: ['commission', '佣金'] },
  { key: 'other', label: { en: 'Other', zh: '其他' } },
]);

export const RETRO_STATUS = set('retroStatus', [
  { key: 'open', label: { en: 'Open', zh: '待办' }, aliases: ['todo', 'in progress', '进行中', '未完成'] },
  { key: 'done', label: { en: 'Done', zh: '已完成' }, aliases: ['complete', '完成'] },
  { key: 'proven', label: { en: 'Proven', zh: '已验证' }, aliases: ['validated', '有效'] },
]);
export type RetroStatus = (typeof RETRO_STATUS.options)[number]['key'];

/** A Playbook practice: still recommended, or retired (left out of the playbook manual). */
export const PLAYBOOK_STATUS = set('playbookStatus', [
  { key: 'active', label: { en: 'Active', zh: '有效' }, aliases: ['in use', 'current', '启用', '使用中'] },
  { key: 'retired', label: { en: 'Retired', zh: '已停用' }, aliases: ['obsolete', 'inactive', '停用', '废弃', '作废'] },
]);
export type PlaybookStatus = (typeof PLAYBOOK_STATUS.options)[number]['key'];

export const LANGUAGE = set('language', [
  { key: 'auto', label: { en: 'Auto', zh: '自动' } },
  { key: 'en', label: { en: 'English', zh: 'English' } },
  { key: 'zh-CN', label: { en: '简体中文', zh: '简体中文' }, aliases: ['zh', 'chinese', '中文'] },
]);

export const WEEKDAY = set('weekday', [
  { key: 'monday', label: { en: 'Monday', zh: '星期一' }, aliases: ['mon', '周一'] },
  { key: 'tuesday', label: { en: 'Tuesday', zh: '星期二' }, aliases: ['tue', '周二'] },
  { key: 'wednesday', label: { en: 'Wednesday', zh: '星期三' }, aliases: ['wed', '周三'] },
  { key: 'thursday', label: { en: 'Thursday', zh: '星期四' }, aliases: ['thu', '周四'] },
  { key: 'friday', label: { en: 'Friday', zh: '星期五' }, aliases: ['fri', '周五'] },
  { key: 'saturday', label: { en: 'Saturday', zh: '星期六' }, aliases: ['sat', '周六'] },
  { key: 'sunday', label: { en: 'Sunday', zh: '星期日' }, aliases: ['sun', '周日', '星期天'] },
]);

/** Settings → Work calendar: which days are workdays (see workCalendar.ts). */
export const WORK_CALENDAR = set('workCalendar', [
  { key: 'none', label: { en: 'None (Monday to Friday)', zh: '无（周一至周五）' }, aliases: ['none', 'no', 'off', '无', '否', 'weekdays', 'monday to friday', '周一至周五'] },
  {
    key: 'cn', label: { en: 'China (mainland)', zh: '中国大陆' },
    aliases: ['china', 'cn', 'prc', 'mainland china', 'china mainland', '中国', '中国大陆法定节假日', '大陆', '法定节假日'],
  },
]);

/** Settings → Pacing: what "expected by today" counts. */
export const PACING = set('pacing', [
  { key: 'calendar', label: { en: 'Calendar days', zh: '自然日' }, aliases: ['calendar', 'days', '日历日', '天'] },
  { key: 'workdays', label: { en: 'Workdays', zh: '工作日' }, aliases: ['workday', 'working days', 'business days', '工作天'] },
]);

/** Settings → Chat notifications: what goes to the team's chat group (the webhook itself is in script properties). */
export const CHAT_MODE = set('chatMode', [
  { key: 'off', label: { en: 'Off', zh: '关闭' }, aliases: ['no', 'none', '否', '无', '不发送'] },
  { key: 'summary', label: { en: "Managers' summary", zh: '管理者汇总' }, aliases: ['summary', 'weekly summary', '汇总', '每周汇总'] },
  { key: 'all', label: { en: "Summary and owners' digests", zh: '汇总及个人提醒' }, aliases: ['all', 'everything', 'owners', 'yes', '全部', '是'] },
]);

/** Settings → Mode: one team's tracker, or a director's roll-up of several regional trackers. */
export const MODE = set('mode', [
  { key: 'tracker', label: { en: 'Team tracker', zh: '团队跟踪表' }, aliases: ['tracker', 'team', '团队', '跟踪表', 'region', '区域跟踪表'] },
  { key: 'rollup', label: { en: 'Regional roll-up', zh: '区域汇总' }, aliases: ['roll-up', 'rollup', 'roll up', 'director', '汇总', '区域汇总表', '总监汇总'] },
]);

/** Case-, space- and width-insensitive form used to compare what a person typed with keys and labels. */
export function normalizeLabel(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s_]+/g, ' ')
    .trim()
    .toLowerCase();
}

// Each set's names, normalised once: matchOption runs for every option cell of every row.
const NORMALIZED_NAMES = new WeakMap<OptionSet, ReadonlyMap<string, string>>();

function normalizedNames(optionSet: OptionSet): ReadonlyMap<string, string> {
  let names = NORMALIZED_NAMES.get(optionSet);
  if (!names) {
    const map = new Map<string, string>();
    for (const option of optionSet.options) {
      for (const name of [option.key, option.label.en, option.label.zh, ...(option.aliases ?? [])]) {
        const normalized = normalizeLabel(name);
        if (!map.has(normalized)) map.set(normalized, option.key);
      }
    }
    NORMALIZED_NAMES.set(optionSet, map);
    names = map;
  }
  return names;
}

/** The option a cell means, whatever language or alias it uses; null when it matches none. */
export function matchOption<K extends string>(optionSet: OptionSet<K>, text: string): K | null {
  const wanted = normalizeLabel(text);
  if (wanted === '') return null;
  return (normalizedNames(optionSet).get(wanted) as K | undefined) ?? null;
}

export function optionLabel<K extends string>(optionSet: OptionSet<K>, key: K): Bilingual {
  const option = optionSet.options.find((o) => o.key === key);
  return option ? option.label : { en: key, zh: key };
}
