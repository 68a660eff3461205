/**
 * Every word of "My week" / 我的本周 (the sidebar, its messages and its Log lines), in both languages, and
 * the page HtmlService serves. The page carries its data as JSON and its script; the script builds every
 * element with textContent, so nothing that came from a cell is ever read as HTML.
 */
import { CheckInResult, CheckInView, Conflict, TaskField, WeeklyField } from './checkin';
import { Bilingual, Lang, fill, pick } from './i18n';
import { columnSpec, tabSpec } from './schema';

const b = (en: string, zh: string): Bilingual => ({ en, zh });

export const MY_WEEK_TEXT = {
  menu: b('My week', '我的本周'),
  title: b('My week', '我的本周'),
  intro: b('{owner}: update your open tasks and this week\'s numbers, then Save. Only what you change is written.', '{owner}：请更新您未完成的任务和本周数据，然后点“保存”。只会写入您修改过的内容。'),
  week: b('Numbers for', '数据所属周'),
  owner: b('Check in for', '填写人'),
  tasks: b('My open tasks', '我的未完成任务'),
  noTasks: b('No open tasks.', '没有未完成的任务。'),
  numbers: b('This week\'s numbers by channel', '本周各渠道数据'),
  channel: b('Channel', '渠道'),
  noChannel: b('(no channel)', '（未填渠道）'),
  planned: b('Planned {date}', '计划 {date}'),
  overdue: b('overdue', '已逾期'),
  updated: b('updated {date}', '更新于 {date}'),
  neverUpdated: b('never updated', '从未更新'),
  since: b('flagged on {date}', '上报于 {date}'),
  decision: b('Decision: {text}', '处理决定：{text}'),
  fieldProgress: b('What was done this week', '本周完成情况'),
  fieldProblem: b('Problem met', '遇到问题'),
  fieldSolution: b('Solution', '解决措施'),
  fieldNextStep: b('Next step', '下一步计划'),
  fieldNextStepDue: b('Next step due', '下一步截止'),
  fieldNeedsHelp: b('Needs the director (上报销售总监)', '上报销售总监（协调调整资源）'),
  fieldHelpNote: b('What help or resources are needed', '需协调的资源或支持'),
  save: b('Save', '保存'),
  saving: b('Saving…', '正在保存…'),
  loading: b('Loading…', '正在加载…'),
  fixFirst: b('Correct the fields marked in red first.', '请先更正标红的内容。'),
  nothing: b('Nothing to save: nothing was changed.', '没有需要保存的内容：未做任何修改。'),
  saved: b('Saved: {tasks} task(s) and {weekly} weekly row(s) ({added} new). Updated was stamped.', '已保存：任务 {tasks} 项，周报 {weekly} 行（新增 {added} 行），并已记录更新时间。'),
  conflictsIntro: b('Changed by someone else after you opened the form: the sheet keeps their value, your value stays here (and in Log).', '以下内容在您打开表单后已被他人修改：表格中保留对方的内容，您填写的内容保留在表单中（并记入日志）。'),
  conflict: b('{what} — {field}: in the sheet now “{theirs}”; yours “{yours}”.', '“{what}”的“{field}”：表格中现为“{theirs}”；您填写的是“{yours}”。'),
  useMine: b('Use mine', '用我的'),
  gone: b('{what} is no longer in {tab} (deleted or given to someone else meanwhile): its changes were not saved.', '“{what}”已不在“{tab}”中（已被删除或改由他人负责），其修改未保存。'),
  invalid: b('{what} — {field}: {message} {fix}', '“{what}”的“{field}”：{message}{fix}'),
  failed: b('Could not save: {error}. Nothing was written; try again.', '保存失败：{error}。未写入任何内容，请重试。'),
  busy: b('Another run is using the sheet. Nothing was written; try again in a minute.', '另一个操作正在使用表格，未写入任何内容，请稍后重试。'),
  notAllowed: b('Only managers (Settings → Manager emails) can check in for someone else.', '只有管理者（“设置”→“管理者邮箱”）可以替他人填写。'),
  notInTeam: b('Your account ({email}) is not in Team. Ask your manager to add it to your row in Team, or choose your name.', '您的账号（{email}）不在“团队”中。请让管理者在“团队”中您的那一行填写该邮箱，或选择您的姓名。'),
  noAccount: b('The script cannot see your account\'s email address, so choose your name.', '脚本无法获取您账号的邮箱地址，请选择您的姓名。'),
  noTabs: b('The Tracking and Weekly log tabs are missing. Run Set up or repair sheets first.', '缺少“执行跟踪”和“周报”工作表，请先运行“创建或修复工作表”。'),
  logAction: b('My week', '我的本周'),
  logSaved: b('{owner}: {tasks} task(s), {weekly} weekly row(s) ({added} new), week of {week}', '{owner}：任务 {tasks} 项，周报 {weekly} 行（新增 {added} 行），{week} 当周'),
  logFor: b(' (by {by} for {owner})', '（由 {by} 代 {owner} 填写）'),
  logHelp: b('; needs help: {tasks}', '；上报销售总监：{tasks}'),
  logConflict: b('; kept {theirs} in {tab} row {row} {field} (someone else changed it); {owner} typed {yours}', '；“{tab}”第 {row} 行“{field}”保留他人修改的“{theirs}”，{owner} 填写的是“{yours}”'),
  closeHint: b('You can close this panel; nothing unsaved is kept.', '关闭面板后，未保存的内容不会保留。'),
  yes: b('Yes', '是'),
  no: b('No', '否'),
} as const satisfies Record<string, Bilingual>;

export type MyWeekTextKey = keyof typeof MY_WEEK_TEXT;

export function myWeekText(lang: Lang, key: MyWeekTextKey, params: Record<string, string | number> = {}): string {
  return pick(fill(MY_WEEK_TEXT[key], params), lang);
}

const TASK_LABEL: Readonly<Record<TaskField, MyWeekTextKey | null>> = {
  status: null, progress: 'fieldProgress', problem: 'fieldProblem', solution: 'fieldSolution', nextStep: 'fieldNextStep',
  nextStepDue: 'fieldNextStepDue', needsHelp: 'fieldNeedsHelp', helpNote: 'fieldHelpNote',
};

/** A field's label in the form and its messages: the form's own words for tasks, the column header for numbers. */
export function fieldLabel(tab: 'tracking' | 'weekly', field: string, lang: Lang, currencyUnit = ''): string {
  const key = tab === 'tracking' ? TASK_LABEL[field as TaskField] : null;
  if (key) return myWeekText(lang, key);
  const header = pick(columnSpec(tab, field).header, lang);
  const money = tab === 'weekly' && (field === 'revenue' || field === 'cost') && currencyUnit.trim() !== '';
  return money ? (lang === 'zh-CN' ? `${header}（${currencyUnit}）` : `${header} (${currencyUnit})`) : header;
}

/** Every label the page needs, resolved in its language. */
export function pageText(lang: Lang, currencyUnit: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(MY_WEEK_TEXT) as MyWeekTextKey[]) out[key] = pick(MY_WEEK_TEXT[key], lang);
  for (const field of ['status', 'progress', 'problem', 'solution', 'nextStep', 'nextStepDue', 'needsHelp', 'helpNote'] satisfies TaskField[]) {
    out[`tracking.${field}`] = fieldLabel('tracking', field, lang);
  }
  for (const field of ['visits', 'leads', 'newCustomers', 'revenue', 'cost', 'eventParticipants', 'note'] satisfies WeeklyField[]) {
    out[`weekly.${field}`] = fieldLabel('weekly', field, lang, currencyUnit);
  }
  out['tab.tracking'] = pick(tabSpec('tracking').name, lang);
  out['tab.weekly'] = pick(tabSpec('weekly').name, lang);
  return out;
}

export function conflictText(c: Conflict, lang: Lang): string {
  return myWeekText(lang, 'conflict', { what: c.what, field: fieldLabel(c.tab === 'weekly' ? 'weekly' : 'tracking', c.field, lang), theirs: c.theirs, yours: c.yours });
}

/** JSON inside a <script> element: `<`, `>`, `&` and the JavaScript line separators escaped, so no cell text can end the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const STYLE = `
body{font:13px/1.45 Arial,Helvetica,sans-serif;color:#202124;margin:0;padding:10px}
h2{font-size:15px;margin:12px 0 6px}
label{display:block;color:#5f6368;font-size:12px;margin-top:6px}
input,select,textarea{box-sizing:border-box;width:100%;font:inherit;padding:3px 4px;border:1px solid #dadce0;border-radius:3px}
textarea{min-height:38px;resize:vertical}
.task{border:1px solid #dadce0;border-radius:4px;padding:8px;margin:8px 0}
.task .name{font-weight:bold}
.meta{color:#5f6368;font-size:12px}
.overdue{color:#d93025}
.invalid{border-color:#d93025;background:#fce8e6}
.error{color:#d93025;font-size:12px}
.conflict{background:#fef7e0;border:1px solid #f9ab00;padding:6px;margin:6px 0}
.msg{margin:8px 0}
.row{display:flex;gap:6px}
.row>div{flex:1}
.checkbox{display:flex;align-items:center;gap:6px;margin-top:8px;color:#202124}
.checkbox input{width:auto}
button{background:#1a73e8;color:#fff;border:0;border-radius:4px;padding:7px 16px;font:inherit;cursor:pointer}
button:disabled{background:#9aa0a6}
table{border-collapse:collapse;width:100%}
`;

/** The sidebar page: a shell, its data as escaped JSON, and the client script (built from src/client/myWeek.ts). */
export function myWeekPage(view: CheckInView, notice: string, clientScript: string): string {
  const data = { view, text: pageText(view.lang, view.currencyUnit), notice };
  const lang = view.lang === 'zh-CN' ? 'zh-CN' : 'en';
  return `<!DOCTYPE html><html lang="${lang}"><head><base target="_top"><meta charset="utf-8"><style>${STYLE}</style></head>` +
    `<body><div id="app"></div><script type="application/json" id="my-week-data">${scriptJson(data)}</script>` +
    `<script>${clientScript.replace(/<\/script/gi, '<\\/script')}</script></body></html>`;
}

/** What a save answers the form: a message, what was kept for whom, and the form as the sheet now is. */
export interface SaveResponse {
  /** False when nothing was written because of invalid values, a busy sheet or an error. */
  readonly ok: boolean;
  readonly message: string;
  readonly details: readonly string[];
  readonly conflicts: readonly { readonly tab: string; readonly row: number; readonly field: string; readonly yours: string; readonly text: string }[];
  readonly invalid: readonly { readonly tab: string; readonly row: number | null; readonly key: string; readonly field: string; readonly text: string }[];
  readonly view: CheckInView | null;
}

export function saveResponse(result: CheckInResult, view: CheckInView | null, lang: Lang, currencyUnit: string): SaveResponse {
  const invalid = result.invalid.map((i) => ({
    tab: i.tab, row: i.row, key: i.key, field: i.field,
    text: myWeekText(lang, 'invalid', {
      what: i.what || myWeekText(lang, 'noChannel'), field: fieldLabel(i.tab === 'weekly' ? 'weekly' : 'tracking', i.field, lang, currencyUnit),
      message: pick(i.problem.message, lang), fix: pick(i.problem.fix, lang),
    }),
  }));
  if (invalid.length > 0) {
    return { ok: false, message: myWeekText(lang, 'fixFirst'), details: invalid.map((i) => i.text), conflicts: [], invalid, view: null };
  }
  const saved = result.tasksSaved + result.weeklySaved + result.weeklyAdded;
  const conflicts = result.conflicts.map((c) => ({ tab: c.tab, row: c.row, field: c.field, yours: c.yours, text: conflictText(c, lang) }));
  const gone = result.gone.map((g) => myWeekText(lang, 'gone', { what: g.what, tab: pick(tabSpec(g.tab).name, lang) }));
  const message = saved > 0
    ? myWeekText(lang, 'saved', { tasks: result.tasksSaved, weekly: result.weeklySaved + result.weeklyAdded, added: result.weeklyAdded })
    : conflicts.length > 0 || gone.length > 0 ? myWeekText(lang, 'conflictsIntro') : myWeekText(lang, 'nothing');
  return { ok: true, message, details: gone, conflicts, invalid: [], view };
}
