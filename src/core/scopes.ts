/**
 * The OAuth scopes the tracker asks for, what each one lets it do, and which scopes each entry point
 * needs. One declaration: the manifest test checks appsscript.json against it, the granular-consent
 * check (src/gas/consent.ts) asks for exactly an action's scopes before the action does anything, and
 * the messages name a missing permission as Google's consent screen shows it, so a person recognises
 * the box to tick.
 *
 * Least privilege: no `drive`, no `spreadsheets`, no Gmail scope. Reports, their folder, the PDF copy
 * and the clean-up of a failed report use `drive.file` through the Advanced Drive service: the tracker
 * only touches files it created itself (see src/gas/drive.ts).
 */
import { Bilingual, bi } from './i18n';

const BASE = 'https://www.googleapis.com/auth/';

export const SCOPES = {
  sheet: `${BASE}spreadsheets.currentonly`,
  ui: `${BASE}script.container.ui`,
  documents: `${BASE}documents`,
  driveFile: `${BASE}drive.file`,
  sendMail: `${BASE}script.send_mail`,
  triggers: `${BASE}script.scriptapp`,
  email: `${BASE}userinfo.email`,
  fetch: `${BASE}script.external_request`,
} as const;

export type ScopeKey = keyof typeof SCOPES;
export type Scope = (typeof SCOPES)[ScopeKey];

/** What Google's consent screen calls each scope (so the message names the box to tick), and why the tracker asks. */
export const SCOPE_TEXT: Record<ScopeKey, { readonly consent: Bilingual; readonly why: Bilingual }> = {
  sheet: {
    consent: bi('View and manage spreadsheets that this application has been installed in', '查看和管理已安装此应用的电子表格'),
    why: bi('read and write this spreadsheet only', '只读写这一个表格'),
  },
  ui: {
    consent: bi('Display and run third-party web content in prompts and sidebars inside Google applications', '在 Google 应用内的提示和边栏中显示并运行第三方网页内容'),
    why: bi('show its dialogs and questions', '显示对话框和确认问题'),
  },
  documents: {
    consent: bi('See, edit, create, and delete all your Google Docs documents', '查看、修改、创建和删除您的所有 Google 文档'),
    why: bi('write the evaluation report as a Google Doc', '把评估报告写成 Google 文档'),
  },
  driveFile: {
    consent: bi('See, edit, create, and delete only the specific Google Drive files you use with this app', '查看、修改、创建和删除您在此应用中使用的特定 Google 云端硬盘文件'),
    why: bi('keep reports and their PDF copies in the folder the tracker made', '把报告及其 PDF 副本存入跟踪表自己创建的文件夹'),
  },
  sendMail: {
    consent: bi('Send email as you', '以您的身份发送电子邮件'),
    why: bi('send the reminders and the managers’ summary', '发送提醒和主管汇总'),
  },
  triggers: {
    consent: bi('Allow this application to run when you are not present', '允许此应用在您不在时运行'),
    why: bi('run the daily reminder trigger', '运行每日提醒触发器'),
  },
  email: {
    consent: bi('See your primary Google Account email address', '查看您的主要 Google 账号电子邮件地址'),
    why: bi('know which account sends the reminders, and send a test to you', '知道由哪个账号发送提醒，并把测试邮件发给您'),
  },
  fetch: {
    consent: bi('Connect to an external service', '连接到外部服务'),
    why: bi('post the reminders to the team’s chat group (Google Chat, Slack, WeCom, DingTalk, Feishu)', '把提醒发送到团队群聊（Google Chat、Slack、企业微信、钉钉、飞书）'),
  },
};

/** The scopes each entry point needs before it starts. Simple triggers and custom functions need none (they cannot ask). */
export const ACTION_SCOPES = {
  generateReport: ['sheet', 'ui', 'documents', 'driveFile'],
  generatePlan: ['sheet', 'ui', 'documents', 'driveFile'],
  weeklySheet: ['sheet', 'ui', 'documents', 'driveFile'],
  playbookManual: ['sheet', 'ui', 'documents', 'driveFile'],
  checkData: ['sheet', 'ui'],
  sendRemindersNow: ['sheet', 'ui', 'sendMail', 'triggers'],
  previewReminders: ['sheet', 'ui'],
  sendTestReminder: ['sheet', 'ui', 'sendMail', 'email'],
  turnRemindersOn: ['sheet', 'ui', 'sendMail', 'triggers', 'email'],
  turnRemindersOff: ['sheet', 'ui', 'triggers'],
  reminderStatus: ['sheet', 'ui'],
  startNextCycle: ['sheet', 'ui'],
  setupSheets: ['sheet', 'ui'],
  loadExample: ['sheet', 'ui'],
  language: ['sheet', 'ui'],
  reminderTrigger: ['sheet', 'sendMail', 'triggers'],
  myWeek: ['sheet', 'ui'],
  chatSettings: ['sheet', 'ui'],
  refreshRegions: ['sheet', 'ui'],
  generateRollupReport: ['sheet', 'ui', 'documents', 'driveFile'],
  sendRollupSummary: ['sheet', 'ui', 'sendMail'],
} as const satisfies Record<string, readonly ScopeKey[]>;

export type Action = keyof typeof ACTION_SCOPES;

/**
 * Scopes an entry point needs only when a setting turns a feature on: reminders post to chat (and so
 * fetch) only while Settings → Chat notifications is on, so declining it never stops the emails.
 */
export const CONDITIONAL_SCOPES = {
  fetch: ['sendRemindersNow', 'reminderTrigger'],
} as const satisfies Partial<Record<ScopeKey, readonly Action[]>>;

/** Every scope some entry point needs: exactly what appsscript.json lists. */
export function scopesInUse(): Scope[] {
  const keys = new Set<ScopeKey>([...Object.values(ACTION_SCOPES).flat(), ...(Object.keys(CONDITIONAL_SCOPES) as ScopeKey[])]);
  return (Object.keys(SCOPES) as ScopeKey[]).filter((k) => keys.has(k)).map((k) => SCOPES[k]);
}

export function scopeKeyOf(scope: string): ScopeKey | null {
  const entry = (Object.entries(SCOPES) as [ScopeKey, string][]).find(([, url]) => url === scope);
  return entry ? entry[0] : null;
}
