// npm start: the whole product on the built-in example, with no Google account. Runs the built Apps
// Script bundle (dist/Code.js) in the local emulator the way a person would use the Sheet, prints what
// each step did (with its service calls), in the run's language, and writes what it produced to out/.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { achievementRateFormula, roiFormula } from '../core/customFunctions';
import { Bilingual, Lang, fill, pick } from '../core/i18n';
import { Emulator } from './emulator';
import { evaluateFormulas } from './emulator/formulas';
import { docxToPdf } from './pdf';

const root = join(__dirname, '..', '..');
const out = join(root, 'out');

/** Every line the run prints, in both languages. */
export const DEMO_TEXT = {
  title: { en: 'Market Expansion Tracker — local run on the built-in example (East China, 2023 Q3)', zh: '市场拓展跟踪表 — 在本地用内置示例运行（华东区域，2023 Q3）' },
  clock: { en: 'Virtual clock: {time} ({what})', zh: '虚拟时钟：{time}（{what}）' },
  clockFriday: { en: 'Friday 2023-07-28, 08:00 Asia/Shanghai', zh: '2023-07-28 星期五 08:00，Asia/Shanghai' },
  clockAfter: { en: 'after the cycle ended', zh: '周期结束之后' },
  stepSetup: { en: 'Set up or repair sheets', zh: '创建或修复工作表' },
  stepExample: { en: 'Load example data', zh: '载入示例数据' },
  stepOpen: { en: 'Open the spreadsheet', zh: '打开表格' },
  menu: { en: 'menu "{caption}": {items}', zh: '菜单“{caption}”：{items}' },
  stepCheck: { en: 'Check data', zh: '检查数据' },
  stepRemindersOn: { en: 'Turn Friday reminders on', zh: '开启周五提醒' },
  trigger: {
    en: 'Friday 09:00: the reminder trigger fires ({runs} {runs:run|runs}{error})',
    zh: '周五 09:00：提醒触发器运行（{runs} 次{error}）',
  },
  triggerError: { en: ', error: {message}', zh: '，错误：{message}' },
  mailTo: { en: '→ {to}: {subject}', zh: '→ {to}：{subject}' },
  calls: { en: 'service calls: {calls}', zh: '服务调用：{calls}' },
  callsNone: { en: 'none', zh: '无' },
  done: { en: '(done)', zh: '（完成）' },
  dialog: { en: '[dialog] {title}: {text}', zh: '［对话框］{title}：{text}' },
  wroteMail: { en: 'Wrote {count} {count:email|emails} to {dir}/', zh: '已将 {count} 封邮件写入 {dir}/' },
  wrote: { en: 'Wrote {path}', zh: '已生成 {path}' },
  myWeek: {
    en: 'My week: {owner} (wang@example.com) checks in in the sidebar (HtmlService; google.script.run → myWeekLoad, myWeekSave)',
    zh: '我的本周：{owner}（wang@example.com）在侧边栏中填报（HtmlService；google.script.run → myWeekLoad、myWeekSave）',
  },
  secondFriday: {
    en: 'Friday 2023-08-04 09:00: the trigger fires again ({runs} {runs:run|runs}); the progress history now holds {rows} snapshot {rows:row|rows} (two weeks)',
    zh: '2023-08-04 星期五 09:00：触发器再次运行（{runs} 次）；进度历史现有 {rows} 行快照（两周）',
  },
  summaryLine: { en: 'summary: {line}', zh: '汇总：{line}' },
  stepReport: { en: 'Generate 2023 Q3 report', zh: '生成 2023 Q3 评估报告' },
  stepRollover: { en: 'Start next cycle (2023 Q3 → 2023 Q4), answering Yes to the confirmation', zh: '开启下一周期（2023 Q3 → 2023 Q4），确认时回答“是”' },
  stepWeekly: { en: 'Weekly tracking sheet (2023-W31, for the Friday meeting)', zh: '周度执行跟踪表（2023-W31，供周五例会使用）' },
  stepPlan: { en: 'Generate 2023 Q4 strategy plan (after the roll-over: Q3 results from the archive, the plan review against them)', zh: '生成 2023 Q4 市场拓展策略方案（开启新周期后：Q3 结果取自归档，方案审核据此比较）' },
  stepPlaybook: { en: 'Playbook manual (the practice proven in Q3)', zh: '市场拓展操作手册（Q3 验证有效的做法）' },
} as const satisfies Record<string, Bilingual>;

function stepper(emulator: Emulator, lang: Lang): { say: (text: Bilingual, params?: Record<string, string | number>) => string; step: (title: Bilingual, fn: string) => void } {
  const say = (text: Bilingual, params: Record<string, string | number> = {}): string => pick(fill(text, params), lang);
  const callsLine = (): string => {
    const calls = Object.entries(emulator.calls.byService()).map(([service, n]) => `${service} ${n}`).join(', ');
    return say(DEMO_TEXT.calls, { calls: calls || say(DEMO_TEXT.callsNone) });
  };
  const step = (title: Bilingual, fn: string): void => {
    emulator.calls.reset();
    const alertsBefore = emulator.ui.alerts.length;
    const dialogsBefore = emulator.ui.dialogs.length;
    // As a person runs it: the item of the menu they see, in Apps Script's menu context.
    emulator.runMenuFunction(fn);
    const said = [
      ...emulator.ui.alerts.slice(alertsBefore).map((a) => a.prompt),
      ...emulator.ui.dialogs.slice(dialogsBefore).map((d) => say(DEMO_TEXT.dialog, {
        title: d.title, text: d.html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300),
      })),
    ];
    console.log(`\n▶ ${say(title)}\n  ${said.join('\n  ') || say(DEMO_TEXT.done)}\n  ${callsLine()}`);
  };
  return { say, step };
}

/**
 * The weekly loop: an owner checks in through the My week sidebar (its page run as a browser runs it, its
 * google.script.run calling the bundle), then the next Friday's trigger adds the second week's snapshot to the
 * progress history and the managers' summary shows the change week over week.
 */
async function weeklyLoop(emulator: Emulator, lang: Lang, say: (text: Bilingual, params?: Record<string, string | number>) => string): Promise<void> {
  const chinese = lang === 'zh-CN';
  emulator.clock.set(new Date('2023-07-28T17:30:00+08:00'));
  const owner = chinese ? '王*' : 'Wang*';
  // Wang, an owner, opens the sheet with his own account and checks in.
  emulator.addUser('wang@example.com');
  emulator.switchUser('wang@example.com');
  emulator.calls.reset();
  emulator.call('menuMyWeek');
  const page = emulator.openPage('sidebar');
  // The sheet's owner has a consumer account, so Apps Script hides Wang's email from the script: he picks his name.
  const notice = page.document.querySelector('p.conflict')?.textContent ?? '';
  if (page.document.getElementById('owner')) {
    page.choose('owner', owner);
    await page.idle();
  }
  page.type('t-0-progress', chinese ? '签约14家，2家试用中' : '14 signed, 2 in trial');
  page.choose('t-0-needsHelp', true);
  page.type('t-0-helpNote', chinese ? '申请增加1个试用名额' : 'One more trial licence for a customer on the fence');
  page.type('w-1-visits', '6');
  page.type('w-1-newCustomers', '2');
  page.type('w-1-revenue', '8');
  page.click('save');
  await page.idle();
  const said = page.document.getElementById('message')?.textContent ?? '';
  const calls = Object.entries(emulator.calls.byService()).map(([service, n]) => `${service} ${n}`).join(', ');
  console.log(`\n▶ ${say(DEMO_TEXT.myWeek, { owner })}${notice !== '' ? `\n  ${notice}` : ''}\n  ${said}\n  ${say(DEMO_TEXT.calls, { calls })}`);
  page.close();
  emulator.switchUser('director@example.com');

  emulator.clock.set(new Date('2023-08-04T09:00:00+08:00'));
  emulator.calls.reset();
  const runs = emulator.fireTimeTriggers();
  const history = emulator.spreadsheet.getSheetByName(chinese ? '历史' : 'Progress history')!;
  const summary = emulator.mail.filter((m) => m.to === 'director@example.com').at(-1)?.body ?? '';
  const change = summary.split('\n').filter((line) => /this week|本周 [+−±]/.test(line)).slice(0, 3);
  console.log(`\n▶ ${say(DEMO_TEXT.secondFriday, { runs: runs.length, rows: history.getLastRow() - 1 })}`);
  for (const line of change) console.log(`  ${say(DEMO_TEXT.summaryLine, { line: line.trim() })}`);
}

/** The workbook as a person opens it: each formula's value as Sheets computes it (the Dashboard's among them), then exported. */
async function exportWorkbook(emulator: Emulator, path: string): Promise<void> {
  evaluateFormulas(emulator.spreadsheet, {
    ACHIEVEMENT_RATE: (a, t, d) => achievementRateFormula(a as never, t as never, d as never),
    ROI: (r, c, m) => roiFormula(r as never, c as never, m as never),
  }).applyTo();
  await emulator.exportXlsx(path);
}

async function main(): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // `npm start -- --lang zh-CN` runs the same on a spreadsheet whose locale is Chinese, and speaks Chinese.
  const chinese = process.argv.includes('zh-CN') || process.argv.includes('--zh');
  const lang: Lang = chinese ? 'zh-CN' : 'en';
  const emulator = new Emulator({ now: new Date('2023-07-28T08:00:00+08:00'), locale: chinese ? 'zh_CN' : 'en_US' });
  emulator.loadManifest(JSON.parse(readFileSync(join(root, 'dist', 'appsscript.json'), 'utf8')));
  emulator.loadBundle(readFileSync(join(root, 'dist', 'Code.js'), 'utf8'));
  // Opening the new spreadsheet runs onOpen (a simple trigger, LIMITED mode): the menu the steps below use.
  emulator.fireOnOpen();
  const { say, step } = stepper(emulator, lang);
  console.log(say(DEMO_TEXT.title));
  console.log(say(DEMO_TEXT.clock, { time: emulator.clock.now().toISOString(), what: say(DEMO_TEXT.clockFriday) }));

  step(DEMO_TEXT.stepSetup, 'menuSetupSheets');
  step(DEMO_TEXT.stepExample, 'menuLoadExample');
  emulator.fireOnOpen();
  const menu = emulator.ui.menus.at(-1);
  const items = menu?.entries.map((e) => (e.kind === 'item' ? e.caption : e.kind === 'submenu' ? `${e.menu.caption} ▸` : '—')).join(' | ') ?? '';
  console.log(`\n▶ ${say(DEMO_TEXT.stepOpen)}\n  ${say(DEMO_TEXT.menu, { caption: menu?.caption ?? '', items })}`);
  step(DEMO_TEXT.stepCheck, 'menuCheckData');

  step(DEMO_TEXT.stepRemindersOn, 'menuTurnRemindersOn');
  emulator.clock.set(new Date('2023-07-28T09:00:00+08:00'));
  emulator.calls.reset();
  const runs = emulator.fireTimeTriggers();
  const failed = runs.find((r) => r.error);
  console.log(`\n▶ ${say(DEMO_TEXT.trigger, { runs: runs.length, error: failed ? say(DEMO_TEXT.triggerError, { message: failed.error!.message }) : '' })}`);
  for (const mail of emulator.mail) console.log(`  ${say(DEMO_TEXT.mailTo, { to: mail.to, subject: mail.subject })}`);
  console.log(`  ${say(DEMO_TEXT.calls, { calls: Object.entries(emulator.calls.byService()).map(([service, n]) => `${service} ${n}`).join(', ') })}`);
  const mails = await emulator.exportMail(join(out, 'mail'));
  console.log(say(DEMO_TEXT.wroteMail, { count: mails.length, dir: relative(root, join(out, 'mail')) }));

  await weeklyLoop(emulator, lang, say);
  step(DEMO_TEXT.stepWeekly, 'menuWeeklySheet');

  const workbook = join(out, 'market-expansion-example.xlsx');
  await exportWorkbook(emulator, workbook);
  console.log(`\n${say(DEMO_TEXT.wrote, { path: relative(root, workbook) })}`);

  emulator.clock.set(new Date('2023-10-08T10:00:00+08:00'));
  console.log(`\n${say(DEMO_TEXT.clock, { time: emulator.clock.now().toISOString(), what: say(DEMO_TEXT.clockAfter) })}`);
  step(DEMO_TEXT.stepReport, 'menuGenerateReport');

  emulator.ui.respondNextAlert('YES');
  step(DEMO_TEXT.stepRollover, 'menuStartNextCycle');
  const after = join(out, 'market-expansion-after-rollover.xlsx');
  await exportWorkbook(emulator, after);
  console.log(say(DEMO_TEXT.wrote, { path: relative(root, after) }));
  // The menu now names the new cycle: the Q4 plan, then the manual of what Q3 proved.
  emulator.fireOnOpen();
  step(DEMO_TEXT.stepPlan, 'menuGeneratePlan');
  step(DEMO_TEXT.stepPlaybook, 'menuPlaybookManual');

  // The four documents: the weekly tracking sheet, the Q3 evaluation report, the Q4 strategy plan, the playbook manual.
  const docs = await emulator.exportDocs(out);
  for (const path of docs) {
    console.log(say(DEMO_TEXT.wrote, { path: relative(root, path) }));
    // A PDF when LibreOffice is installed and has the fonts the document's language needs; otherwise why not.
    console.log(docxToPdf(path, lang, { shown: relative(root, path) }).message);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
