import { Bilingual } from './i18n';
import {
  CHAT_MODE, COST_CATEGORY, DIMENSION, DIRECTION, FREQUENCY, LANGUAGE, METRIC_STATUS, MODE, OptionSet, PACING, PLAYBOOK_STATUS, RETRO_STATUS,
  TASK_STATUS, WEEKDAY, WORK_CALENDAR, YES_NO,
} from './options';

/**
 * The one declaration of the workbook: every tab, column, header (both languages), type, drop-down and
 * number format. Set-up, reading, writing, checks and the .xlsx export all read this; nothing else names
 * a header or a column position.
 */

export type ColumnType =
  | 'text' // free text, kept as typed
  | 'number' // a quantity; text with units is accepted (see values.parseNumber)
  | 'percent' // a fraction shown as %
  | 'ratio' // input-output ratio X shown as 1:X
  | 'measure' // a number, percent or 1:X, as the metric's unit says (Evaluation target / actual)
  | 'date' // one calendar day, or a range that ends on its last day
  | 'month' // a cycle label or a month (Goals period)
  | 'email'
  | 'emails' // several addresses separated by commas
  | 'owners' // one or more Team names
  | 'option' // one of an OptionSet
  | 'timestamp'; // written by the script

/** A column whose cells the template fills with one formula (in its first data row) that spills down. */
export type ColumnFormula =
  | { readonly kind: 'achievement'; readonly actual: string; readonly target: string; readonly direction: string }
  | { readonly kind: 'status'; readonly rate: string };

export interface ColumnSpec {
  readonly key: string;
  readonly header: Bilingual;
  readonly type: ColumnType;
  readonly options?: OptionSet;
  readonly numberFormat?: string;
  /** Every row needs a value here (so the column must exist too). */
  readonly required?: boolean;
  /** The column must exist, though a row may leave it blank (e.g. an Actual not known yet). */
  readonly essential?: boolean;
  /**
   * Filled by the script (progress against today), not typed: it is refreshed when the sheet opens, on Check
   * data and on each reminder run, left empty by the roll-over, and not in the offline template.
   */
  readonly computed?: boolean;
  readonly formula?: ColumnFormula;
  readonly width?: number;
  readonly note?: Bilingual;
}

export type TabKey =
  | 'settings' | 'team' | 'goals' | 'strategy' | 'tracking' | 'weekly' | 'evaluation' | 'costs' | 'retrospective'
  | 'playbook' | 'history' | 'log'
  // The director's roll-up (rollup.ts): a regional tracker's Roll-up data, and the roll-up's own tabs.
  | 'feed' | 'regions' | 'rollup' | 'imports';

export interface TabSpec {
  readonly key: TabKey;
  readonly name: Bilingual;
  readonly columns: readonly ColumnSpec[];
  /** Columns whose cells show a status, coloured by conditional formatting. */
  readonly statusColumn?: string;
  readonly tabColor?: string;
}

export const DATE_FORMAT = 'yyyy-mm-dd';
export const PERCENT_FORMAT = '0.0%';
export const RATIO_FORMAT = '"1:"0.0';
export const NUMBER_FORMAT = '#,##0.##';
export const TIMESTAMP_FORMAT = 'yyyy-mm-dd hh:mm';

const col = (key: string, en: string, zh: string, type: ColumnType, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  key, header: { en, zh }, type, ...extra,
});

export const SETTINGS_TAB: TabSpec = {
  key: 'settings',
  name: { en: 'Settings', zh: '设置' },
  columns: [
    col('setting', 'Setting', '设置项', 'text', { required: true, width: 220 }),
    col('value', 'Value', '值', 'text', { width: 280 }),
    col('help', 'Help', '说明', 'text', { width: 360 }),
  ],
  tabColor: '#5f6368',
};

export const TABS: readonly TabSpec[] = [
  SETTINGS_TAB,
  {
    key: 'team',
    name: { en: 'Team', zh: '团队' },
    columns: [
      col('name', 'Name', '姓名', 'text', { required: true }),
      col('email', 'Email', '邮箱', 'email', { width: 220 }),
      col('role', 'Role', '角色', 'text'),
      col('department', 'Department', '部门', 'text'),
      col('reminders', 'Reminders', '接收提醒', 'option', { options: YES_NO }),
      col('language', 'Language', '语言', 'option', { options: LANGUAGE }),
      col('mobile', 'Mobile', '手机号', 'text', { note: { en: 'For @mentions in WeCom and DingTalk chat messages (optional)', zh: '用于企业微信、钉钉群消息中 @ 提醒（可选）' } }),
      col('chatId', 'Chat user ID', '群聊用户ID', 'text', {
        width: 160,
        note: { en: 'For @mentions: Google Chat users/…, Slack U…, WeCom or DingTalk user ID, Feishu open_id ou_… (optional)', zh: '用于 @ 提醒：Google Chat 的 users/…、Slack 的 U…、企业微信或钉钉的用户 ID、飞书的 open_id ou_…（可选）' },
      }),
    ],
    tabColor: '#1a73e8',
  },
  {
    key: 'goals',
    name: { en: 'Goals', zh: '目标' },
    columns: [
      col('metric', 'Metric', '指标', 'text', { required: true, width: 200 }),
      col('period', 'Period', '周期', 'month', { required: true, note: { en: 'The cycle label (2023 Q3) or a month (2023-07)', zh: '周期标签（2023 Q3）或月份（2023-07）' } }),
      col('target', 'Target', '目标值', 'measure', { required: true }),
      col('owner', 'Owner', '责任人', 'owners'),
      col('note', 'Note', '备注', 'text', { width: 280 }),
      col('actualToDate', 'Actual to date', '截至今日实际', 'number', { computed: true, numberFormat: NUMBER_FORMAT }),
      col('expectedToDate', 'Expected by today', '截至今日应完成', 'number', { computed: true, numberFormat: NUMBER_FORMAT }),
      col('progress', 'Progress vs expected', '进度（对比应完成）', 'percent', { computed: true, numberFormat: PERCENT_FORMAT }),
      col('progressStatus', 'Status vs expected', '进度状态（对比应完成）', 'option', { computed: true, options: METRIC_STATUS }),
      col('projection', 'Run-rate projection', '按当前速度预计', 'number', { computed: true, numberFormat: NUMBER_FORMAT }),
      col('perWeek', 'Needed per week', '每周还需', 'number', { computed: true, numberFormat: NUMBER_FORMAT }),
    ],
    statusColumn: 'progressStatus',
    tabColor: '#188038',
  },
  {
    key: 'strategy',
    name: { en: 'Strategy', zh: '策略' },
    columns: [
      col('channel', 'Channel', '渠道', 'text', { required: true }),
      col('action', 'Action', '行动方案', 'text', { width: 280 }),
      col('budget', 'Budget', '预算', 'number', { numberFormat: NUMBER_FORMAT }),
      col('staffing', 'Staffing', '人员配置', 'text'),
      col('differentiator', 'Differentiator', '差异化卖点', 'text', { width: 220 }),
      col('owner', 'Owner', '责任人', 'owners'),
    ],
    tabColor: '#188038',
  },
  {
    key: 'tracking',
    name: { en: 'Tracking', zh: '执行跟踪' },
    columns: [
      col('stage', 'Stage', '阶段', 'text'),
      col('task', 'Task', '任务名称', 'text', { required: true, width: 260 }),
      col('owner', 'Owner', '责任人', 'owners', { required: true }),
      col('plannedDate', 'Planned date', '计划完成时间', 'date', { numberFormat: DATE_FORMAT, essential: true }),
      col('status', 'Status', '状态', 'option', { options: TASK_STATUS, essential: true }),
      col('progress', 'Progress', '实际完成情况', 'text', { width: 220 }),
      col('problem', 'Problem', '遇到问题', 'text', { width: 220 }),
      col('solution', 'Solution', '解决措施', 'text', { width: 220 }),
      col('nextStep', 'Next step', '下一步计划', 'text', { width: 220 }),
      col('nextStepDue', 'Next step due', '下一步截止', 'date', { numberFormat: DATE_FORMAT }),
      col('frequency', 'Frequency', '跟踪频率', 'option', { options: FREQUENCY }),
      col('updated', 'Updated', '更新时间', 'timestamp', { numberFormat: TIMESTAMP_FORMAT }),
      // Escalation (the form's 上报销售总监, 协调调整资源): flagged by the owner, decided by the director.
      col('needsHelp', 'Needs help', '上报销售总监', 'option', { options: YES_NO, note: { en: 'Yes puts the task at the top of the managers\' summary until set back to No', zh: '选“是”后，该任务会列在管理者汇总的最前面，直到改回“否”' } }),
      col('helpNote', 'Help asked for', '需协调的资源', 'text', { width: 240 }),
      col('helpSince', 'Flagged on', '上报日期', 'date', { numberFormat: DATE_FORMAT }),
      col('decision', 'Decision', '处理决定', 'text', { width: 240 }),
    ],
    statusColumn: 'status',
    tabColor: '#f9ab00',
  },
  {
    key: 'weekly',
    name: { en: 'Weekly log', zh: '周报' },
    columns: [
      col('week', 'Week', '周', 'date', { required: true, numberFormat: DATE_FORMAT, note: { en: 'Any day of the week (the Monday is best)', zh: '该周任意一天（建议填周一）' } }),
      col('owner', 'Owner', '责任人', 'owners', { required: true }),
      col('channel', 'Channel', '渠道', 'text'),
      col('visits', 'Visits', '拜访量', 'number', { numberFormat: NUMBER_FORMAT }),
      col('leads', 'Leads', '线索量', 'number', { numberFormat: NUMBER_FORMAT }),
      col('newCustomers', 'New customers', '新增客户', 'number', { numberFormat: NUMBER_FORMAT }),
      col('revenue', 'Revenue', '销售额', 'number', { numberFormat: NUMBER_FORMAT }),
      col('cost', 'Cost', '成本', 'number', { numberFormat: NUMBER_FORMAT }),
      col('eventParticipants', 'Event participants', '活动参与人数', 'number', { numberFormat: NUMBER_FORMAT }),
      col('note', 'Note', '备注', 'text', { width: 240 }),
    ],
    tabColor: '#f9ab00',
  },
  {
    key: 'evaluation',
    name: { en: 'Evaluation', zh: '效果评估' },
    columns: [
      col('dimension', 'Dimension', '评估维度', 'option', { options: DIMENSION, required: true }),
      col('metric', 'Metric', '核心指标', 'text', { required: true, width: 200 }),
      col('unit', 'Unit', '单位', 'text'),
      col('direction', 'Direction', '方向', 'option', { options: DIRECTION }),
      col('target', 'Target', '目标值', 'measure', { essential: true }),
      col('actual', 'Actual', '实际值', 'measure', { essential: true }),
      col('achievement', 'Achievement', '达成率', 'percent', {
        numberFormat: PERCENT_FORMAT,
        formula: { kind: 'achievement', actual: 'actual', target: 'target', direction: 'direction' },
      }),
      col('status', 'Status', '状态', 'option', { options: METRIC_STATUS, formula: { kind: 'status', rate: 'achievement' } }),
      col('analysis', 'Analysis', '分析说明', 'text', { width: 320 }),
    ],
    statusColumn: 'status',
    tabColor: '#d93025',
  },
  {
    key: 'costs',
    name: { en: 'Costs', zh: '投入' },
    columns: [
      col('category', 'Category', '费用类别', 'option', { options: COST_CATEGORY, required: true }),
      col('channel', 'Channel', '渠道', 'text'),
      col('amount', 'Amount', '金额', 'number', { numberFormat: NUMBER_FORMAT, required: true }),
      col('note', 'Note', '备注', 'text', { width: 280 }),
    ],
    tabColor: '#d93025',
  },
  {
    key: 'retrospective',
    name: { en: 'Retrospective', zh: '复盘' },
    columns: [
      col('module', 'Module', '复盘模块', 'text', { required: true }),
      col('highlight', 'Highlight', '亮点总结', 'text', { width: 260 }),
      col('problem', 'Problem', '问题识别', 'text', { width: 260 }),
      col('suggestion', 'Suggestion', '优化建议', 'text', { width: 260 }),
      col('owner', 'Owner', '责任人', 'owners'),
      col('due', 'Due', '完成时间', 'date', { numberFormat: DATE_FORMAT }),
      col('status', 'Status', '状态', 'option', { options: RETRO_STATUS }),
    ],
    tabColor: '#9334e6',
  },
  {
    key: 'playbook',
    name: { en: 'Playbook', zh: '经验库' },
    columns: [
      col('practice', 'Practice', '有效做法', 'text', { required: true, width: 280 }),
      col('evidence', 'Evidence', '依据', 'text', { width: 280 }),
      col('sourceCycle', 'Source cycle', '来源周期', 'text'),
      col('tags', 'Tags', '标签', 'text'),
      col('howToApply', 'How to apply', '应用方法', 'text', { width: 280, note: { en: 'How a team puts the practice to work: the steps, who, when (shown in the playbook manual)', zh: '团队如何运用这一做法：步骤、由谁、何时（写入操作手册）' } }),
      col('status', 'Status', '状态', 'option', { options: PLAYBOOK_STATUS, note: { en: 'Retired practices are left out of the playbook manual', zh: '“已停用”的做法不写入操作手册' } }),
    ],
    tabColor: '#9334e6',
  },
  {
    // One row per metric (and per owner) per snapshot: appended by reminder runs and Check data, never rewritten.
    // Not plain "History": Excel reserves that sheet name, and the offline template has this tab too.
    key: 'history',
    name: { en: 'Progress history', zh: '历史' },
    columns: [
      col('week', 'Week', '周', 'date', { required: true, numberFormat: DATE_FORMAT, note: { en: 'Monday of the week of the snapshot', zh: '快照所在周的周一' } }),
      col('date', 'Date', '日期', 'date', { required: true, numberFormat: DATE_FORMAT }),
      col('cycle', 'Cycle', '周期', 'text', { required: true }),
      col('metric', 'Metric', '指标', 'text', { required: true, width: 200 }),
      col('owner', 'Owner', '责任人', 'text', { note: { en: 'Blank for the whole team', zh: '空白表示整个团队' } }),
      col('target', 'Target', '目标值', 'number', { numberFormat: NUMBER_FORMAT }),
      col('actual', 'Actual to date', '截至当日实际', 'number', { numberFormat: NUMBER_FORMAT }),
      col('expected', 'Expected by then', '截至当日应完成', 'number', { numberFormat: NUMBER_FORMAT }),
      col('progress', 'Progress vs expected', '进度（对比应完成）', 'percent', { numberFormat: PERCENT_FORMAT }),
      col('status', 'Status', '状态', 'option', { options: METRIC_STATUS }),
      col('recorded', 'Recorded', '记录时间', 'timestamp', { numberFormat: TIMESTAMP_FORMAT }),
    ],
    statusColumn: 'status',
    tabColor: '#5f6368',
  },
  {
    key: 'log',
    name: { en: 'Log', zh: '日志' },
    columns: [
      col('time', 'Time', '时间', 'timestamp', { numberFormat: TIMESTAMP_FORMAT }),
      col('action', 'Action', '操作', 'text'),
      col('by', 'By', '操作人', 'text'),
      col('detail', 'Detail', '详情', 'text', { width: 480 }),
    ],
    tabColor: '#5f6368',
  },
];

/**
 * Roll-up data (汇总数据): a regional tracker's figures for a director's roll-up (rollupFeed.ts), written by the
 * tracker itself and imported by the roll-up with IMPORTRANGE. Hidden; not part of the offline workbook.
 */
export const FEED_TAB: TabSpec = {
  key: 'feed',
  name: { en: 'Roll-up data', zh: '汇总数据' },
  columns: [
    col('record', 'Record', '记录', 'text'),
    col('name', 'Name', '名称', 'text'),
    col('value', 'Value', '值', 'text'),
    col('key', 'Metric key', '指标键', 'text'),
    col('dimension', 'Dimension', '评估维度', 'text'),
    col('unit', 'Unit', '单位', 'text'),
    col('direction', 'Direction', '方向', 'text'),
    col('kind', 'Kind', '类型', 'text'),
    col('target', 'Target', '目标值', 'number'),
    col('actual', 'Actual', '实际值', 'number'),
    col('achievement', 'Achievement', '达成率', 'number'),
    col('status', 'Status', '状态', 'text'),
  ],
  tabColor: '#5f6368',
};

/** Regions (区域): the regional trackers a roll-up gathers, one per row; the script fills the columns after Owner. */
export const REGIONS_TAB: TabSpec = {
  key: 'regions',
  name: { en: 'Regions', zh: '区域' },
  columns: [
    col('region', 'Region', '区域', 'text', { required: true, width: 160 }),
    col('url', 'Sheet URL', '表格链接', 'text', { required: true, width: 320, note: { en: 'The regional tracker\'s address, https://docs.google.com/spreadsheets/d/…', zh: '区域跟踪表的地址，https://docs.google.com/spreadsheets/d/…' } }),
    col('owner', 'Owner', '负责人', 'text', { width: 140 }),
    col('state', 'Status', '状态', 'text', { computed: true, width: 110 }),
    col('rank', 'Rank', '排名', 'number', { computed: true, width: 60 }),
    col('asOf', 'Data as of', '数据截至', 'text', { computed: true, width: 100 }),
    col('lastCheckIn', 'Last check-in', '最近更新', 'text', { computed: true, width: 100 }),
    col('problems', 'Problems', '问题数', 'number', { computed: true, width: 80 }),
    col('note', 'Note', '说明', 'text', { computed: true, width: 420 }),
  ],
  tabColor: '#1a73e8',
};

/** Roll-up (区域汇总): every metric, its total over the regions and each region's figure, written by Refresh regions. */
export const ROLLUP_TAB: TabSpec = {
  key: 'rollup',
  name: { en: 'Roll-up', zh: '区域汇总' },
  columns: [
    col('metric', 'Metric', '指标', 'text', { computed: true, width: 200 }),
    col('unit', 'Unit', '单位', 'text', { computed: true, width: 80 }),
    col('region', 'Region', '区域', 'text', { computed: true, width: 140 }),
    col('target', 'Target', '目标值', 'number', { computed: true, numberFormat: NUMBER_FORMAT }),
    col('actual', 'Actual', '实际值', 'number', { computed: true, numberFormat: NUMBER_FORMAT }),
    col('achievement', 'Achievement', '达成率', 'percent', { computed: true, numberFormat: PERCENT_FORMAT }),
    col('status', 'Status', '状态', 'option', { computed: true, options: METRIC_STATUS }),
    col('rank', 'Rank', '排名', 'number', { computed: true, width: 60 }),
    col('note', 'Note', '说明', 'text', { computed: true, width: 360 }),
  ],
  statusColumn: 'status',
  tabColor: '#d93025',
};

/** Region imports (区域导入): one IMPORTRANGE per region of its Roll-up data, written by Set up; hidden. */
export const IMPORTS_TAB: TabSpec = {
  key: 'imports',
  name: { en: 'Region imports', zh: '区域导入' },
  columns: [],
  tabColor: '#5f6368',
};

/** Every tab the product knows: a team tracker's (TABS) and the roll-up's. */
export const ALL_TABS: readonly TabSpec[] = [...TABS, FEED_TAB, REGIONS_TAB, ROLLUP_TAB, IMPORTS_TAB];

/** The tabs Set up makes in a roll-up tracker (Settings → Mode = Regional roll-up). */
export const ROLLUP_TABS: readonly TabSpec[] = [SETTINGS_TAB, REGIONS_TAB, ROLLUP_TAB, ALL_TABS.find((t) => t.key === 'team')!, ALL_TABS.find((t) => t.key === 'log')!];

export function tabSpec(key: TabKey): TabSpec {
  const spec = ALL_TABS.find((t) => t.key === key);
  if (!spec) throw new Error(`Unknown tab ${key}`);
  return spec;
}

export function columnSpec(tab: TabKey, key: string): ColumnSpec {
  const spec = tabSpec(tab).columns.find((c) => c.key === key);
  if (!spec) throw new Error(`Unknown column ${tab}.${key}`);
  return spec;
}

/** The rows of Settings: one setting each, found by its label in either language. */
export type SettingType = 'text' | 'date' | 'option' | 'number' | 'percent' | 'emails' | 'hour';

export interface SettingSpec {
  readonly key: SettingKey;
  readonly label: Bilingual;
  readonly type: SettingType;
  readonly options?: OptionSet;
  readonly defaultValue: string | number;
  readonly help: Bilingual;
  readonly numberFormat?: string;
  /** What set-up writes on a sheet of that language instead of defaultValue (a blank cell still reads as defaultValue). */
  readonly defaultByLang?: { readonly 'zh-CN'?: string };
}

export type SettingKey =
  | 'team' | 'region' | 'cycle' | 'cycleStart' | 'cycleEnd' | 'language' | 'currencyUnit' | 'reminderWeekday'
  | 'reminderHour' | 'remindersOn' | 'remindersPaused' | 'managerEmails' | 'atRiskThreshold' | 'reportFolder'
  | 'allowedDomains' | 'workCalendar' | 'pacing' | 'mode' | 'chat' | 'planGrowthMargin' | 'planShortfallMargin';

const setting = (
  key: SettingKey, en: string, zh: string, type: SettingType, defaultValue: string | number, help: Bilingual,
  extra: Partial<SettingSpec> = {},
): SettingSpec => ({ key, label: { en, zh }, type, defaultValue, help, ...extra });

export const SETTINGS: readonly SettingSpec[] = [
  setting('team', 'Team', '团队', 'text', '', { en: 'Team name, shown in emails and the report', zh: '团队名称，用于邮件和报告' }),
  setting('region', 'Region', '区域', 'text', '', { en: 'Market or region of this plan, e.g. East China', zh: '本计划的市场或区域，例如 华东区域' }),
  setting('cycle', 'Cycle', '周期', 'text', '', { en: 'Cycle label, e.g. 2023 Q3', zh: '周期标签，例如 2023 Q3' }),
  setting('cycleStart', 'Cycle start', '周期开始', 'date', '', { en: 'First day of the cycle', zh: '周期第一天' }, { numberFormat: DATE_FORMAT }),
  setting('cycleEnd', 'Cycle end', '周期结束', 'date', '', { en: 'Last day of the cycle', zh: '周期最后一天' }, { numberFormat: DATE_FORMAT }),
  setting('language', 'Language', '语言', 'option', 'auto', { en: 'Auto follows the spreadsheet locale', zh: '自动 = 跟随表格区域设置' }, { options: LANGUAGE }),
  setting('currencyUnit', 'Currency unit', '金额单位', 'text', '', { en: 'Unit of money amounts, e.g. 10k CNY', zh: '金额单位，例如 万元' }),
  setting('reminderWeekday', 'Reminder weekday', '提醒日', 'option', 'friday', { en: 'Day of the weekly reminder', zh: '每周提醒发送日' }, { options: WEEKDAY }),
  setting('reminderHour', 'Reminder hour', '提醒时间（时）', 'hour', 9, { en: 'Hour of day (0-23), spreadsheet time zone', zh: '几点发送（0-23，表格时区）' }),
  setting('remindersOn', 'Reminders on', '开启提醒', 'option', 'no', { en: 'Set by the menu: Turn Friday reminders on / off', zh: '由菜单“开启/关闭周五提醒”设置' }, { options: YES_NO }),
  setting('remindersPaused', 'Pause all email', '暂停所有邮件', 'option', 'no', { en: 'Yes stops every reminder email until set back to No', zh: '选“是”则暂停所有提醒邮件' }, { options: YES_NO }),
  setting('managerEmails', 'Manager emails', '管理者邮箱', 'emails', '', { en: 'Who gets the weekly summary, separated by commas', zh: '接收每周汇总的邮箱，用逗号分隔' }),
  setting('atRiskThreshold', 'At-risk threshold', '风险阈值', 'percent', 0.8, { en: 'Achievement below this is off target', zh: '达成率低于此值即为未达标' }, { numberFormat: '0%' }),
  setting('reportFolder', 'Report folder', '报告文件夹', 'text', '', { en: 'Google Drive folder ID or URL for reports (optional)', zh: '保存报告的 Google 云端硬盘文件夹 ID 或链接（可选）' }),
  setting('allowedDomains', 'Allowed email domains', '允许的邮箱域名', 'text', '', { en: 'Only send to these domains, e.g. example.com (optional)', zh: '仅向这些域名发送，例如 example.com（可选）' }),
  setting('workCalendar', 'Work calendar', '工作日历', 'option', 'none', {
    en: 'China (mainland): statutory holidays and make-up workdays (调休) decide reminder days, and overdue days count workdays. None: Monday to Friday',
    zh: '中国大陆：按法定节假日和调休安排发送提醒，逾期天数按工作日计算；无：按周一至周五',
  }, { options: WORK_CALENDAR, defaultByLang: { 'zh-CN': 'cn' } }),
  setting('pacing', 'Pacing', '进度计算', 'option', 'calendar', {
    en: 'Expected by today counts calendar days, or workdays of the work calendar',
    zh: '“截至今日应完成”按自然日计算，或按工作日历的工作日计算',
  }, { options: PACING }),
  setting('planGrowthMargin', 'Plan review: growth margin', '方案审核：增长容差', 'percent', 0.2, {
    en: 'The plan review warns when a target grows over the last cycle\'s actual by more than the best growth of an earlier cycle plus this margin',
    zh: '目标较上一周期实际的增幅，超过历史最佳增幅加上此容差时，方案审核给出提示',
  }, { numberFormat: '0%' }),
  setting('planShortfallMargin', 'Plan review: below last cycle', '方案审核：低于上期容差', 'percent', 0, {
    en: 'The plan review warns when a target is more than this below the last cycle\'s actual (0% warns on any target below it)',
    zh: '目标低于上一周期实际超过此比例时，方案审核给出提示（0% 表示只要低于上期实际即提示）',
  }, { numberFormat: '0%' }),
  setting('chat', 'Chat notifications', '群聊通知', 'option', 'off', {
    en: 'Post to the team\'s chat group too: the webhook is set by Reminders → Chat settings (kept in script properties, never in a cell)',
    zh: '同时发送到团队群聊：群机器人地址在“提醒 → 群聊设置”中填写（保存在脚本属性中，不写入单元格）',
  }, { options: CHAT_MODE }),
  setting('mode', 'Mode', '模式', 'option', 'tracker', {
    en: 'Team tracker; or Regional roll-up: gathers the regional trackers listed in the Regions tab',
    zh: '团队跟踪表；或区域汇总：汇总“区域”表中列出的各区域跟踪表',
  }, { options: MODE }),
];

export function settingSpec(key: SettingKey): SettingSpec {
  const spec = SETTINGS.find((s) => s.key === key);
  if (!spec) throw new Error(`Unknown setting ${key}`);
  return spec;
}

/**
 * The Costs tab's summary panel: label cells with a formula beside each, placed two columns right of the
 * table and found again by its labels (either language), so re-running set-up never duplicates it.
 */
export type CostSummaryKey = 'totalCost' | 'revenue' | 'ratio' | 'ratioLabel' | 'netRoi';

export interface CostSummarySpec {
  readonly key: CostSummaryKey;
  readonly label: Bilingual;
  readonly numberFormat: string;
}

export const COST_SUMMARY: readonly CostSummarySpec[] = [
  { key: 'totalCost', label: { en: 'Total cost', zh: '拓展总成本' }, numberFormat: NUMBER_FORMAT },
  { key: 'revenue', label: { en: 'Revenue (Weekly log)', zh: '销售额（周报合计）' }, numberFormat: NUMBER_FORMAT },
  { key: 'ratio', label: { en: 'Input-output ratio', zh: '投入产出比' }, numberFormat: RATIO_FORMAT },
  { key: 'ratioLabel', label: { en: 'Input-output ratio (text)', zh: '投入产出比（文本）' }, numberFormat: '@' },
  { key: 'netRoi', label: { en: 'Net ROI', zh: '净投资回报率' }, numberFormat: PERCENT_FORMAT },
];
