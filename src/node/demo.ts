// npm start: the whole product on the built-in example, with no Google account. Runs the built Apps
// Script bundle (dist/Code.js) in the local emulator the way a person would use the Sheet, prints what
// each step did (with its service calls) and writes what it produced to out/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { achievementRateFormula, roiFormula } from '../core/customFunctions';
import { Emulator } from './emulator';
import { evaluateFormulas } from './emulator/formulas';

const root = join(__dirname, '..', '..');
const out = join(root, 'out');

function step(emulator: Emulator, title: string, fn: string): void {
  emulator.calls.reset();
  const alertsBefore = emulator.ui.alerts.length;
  const dialogsBefore = emulator.ui.dialogs.length;
  // As a person runs it: the item of the menu they see, in Apps Script's menu context.
  emulator.runMenuFunction(fn);
  const calls = emulator.calls.byService();
  const said = [
    ...emulator.ui.alerts.slice(alertsBefore).map((a) => a.prompt),
    ...emulator.ui.dialogs.slice(dialogsBefore).map((d) => `[dialog] ${d.title}: ${d.html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300)}`),
  ];
  const summary = Object.entries(calls).map(([service, n]) => `${service} ${n}`).join(', ');
  console.log(`\n▶ ${title}\n  ${said.join('\n  ') || '(done)'}\n  service calls: ${summary || 'none'}`);
}

/**
 * The weekly loop: an owner checks in through the My week sidebar (its page run as a browser runs it, its
 * google.script.run calling the bundle), then the next Friday's trigger adds the second week's snapshot to the
 * progress history and the managers' summary shows the change week over week.
 */
async function weeklyLoop(emulator: Emulator, chinese: boolean): Promise<void> {
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
  console.log(`\n▶ My week: ${owner} (wang@example.com) checks in in the sidebar (HtmlService; google.script.run → myWeekLoad, myWeekSave)${notice !== '' ? `\n  ${notice}` : ''}\n  ${said}\n  service calls: ${calls}`);
  page.close();
  emulator.switchUser('director@example.com');

  emulator.clock.set(new Date('2023-08-04T09:00:00+08:00'));
  emulator.calls.reset();
  const runs = emulator.fireTimeTriggers();
  const history = emulator.spreadsheet.getSheetByName(chinese ? '历史' : 'Progress history')!;
  const summary = emulator.mail.filter((m) => m.to === 'director@example.com').at(-1)?.body ?? '';
  const change = summary.split('\n').filter((line) => /this week|本周 [+−±]/.test(line)).slice(0, 3);
  console.log(`\n▶ Friday 2023-08-04 09:00: the trigger fires again (${runs.length} run${runs.length === 1 ? '' : 's'}); the progress history now holds ${history.getLastRow() - 1} snapshot rows (two weeks)`);
  for (const line of change) console.log(`  summary: ${line.trim()}`);
}

/** Each formula's value as Sheets computes it (HyperFormula with the project's custom functions). */
function formulaValues(emulator: Emulator): void {
  evaluateFormulas(emulator.spreadsheet, {
    ACHIEVEMENT_RATE: (a, t, d) => achievementRateFormula(a as never, t as never, d as never),
    ROI: (r, c, m) => roiFormula(r as never, c as never, m as never),
  }).applyTo();
}

async function main(): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // `npm start -- --lang zh-CN` runs the same on a spreadsheet whose locale is Chinese.
  const chinese = process.argv.includes('zh-CN') || process.argv.includes('--zh');
  const emulator = new Emulator({ now: new Date('2023-07-28T08:00:00+08:00'), locale: chinese ? 'zh_CN' : 'en_US' });
  emulator.loadManifest(JSON.parse(readFileSync(join(root, 'dist', 'appsscript.json'), 'utf8')));
  emulator.loadBundle(readFileSync(join(root, 'dist', 'Code.js'), 'utf8'));
  // Opening the new spreadsheet runs onOpen (a simple trigger, LIMITED mode): the menu the steps below use.
  emulator.fireOnOpen();
  console.log('Market Expansion Tracker — local run on the built-in example (East China, 2023 Q3)');
  console.log(`Virtual clock: ${emulator.clock.now().toISOString()} (Friday 2023-07-28, 08:00 Asia/Shanghai)`);

  step(emulator, 'Set up or repair sheets', 'menuSetupSheets');
  step(emulator, 'Load example data', 'menuLoadExample');
  emulator.fireOnOpen();
  const menu = emulator.ui.menus.at(-1);
  console.log(`\n▶ Open the spreadsheet\n  menu "${menu?.caption}": ${menu?.entries.map((e) => (e.kind === 'item' ? e.caption : e.kind === 'submenu' ? `${e.menu.caption} ▸` : '—')).join(' | ')}`);
  step(emulator, 'Check data', 'menuCheckData');

  step(emulator, 'Turn Friday reminders on', 'menuTurnRemindersOn');
  emulator.clock.set(new Date('2023-07-28T09:00:00+08:00'));
  emulator.calls.reset();
  const runs = emulator.fireTimeTriggers();
  console.log(`\n▶ Friday 09:00: the reminder trigger fires (${runs.length} run${runs.length === 1 ? '' : 's'}${runs.some((r) => r.error) ? `, error: ${runs.find((r) => r.error)!.error!.message}` : ''})`);
  for (const mail of emulator.mail) console.log(`  → ${mail.to}: ${mail.subject}`);
  console.log(`  service calls: ${Object.entries(emulator.calls.byService()).map(([service, n]) => `${service} ${n}`).join(', ')}`);
  const mails = await emulator.exportMail(join(out, 'mail'));
  console.log(`Wrote ${mails.length} emails to ${relative(root, join(out, 'mail'))}/`);

  await weeklyLoop(emulator, chinese);

  const workbook = join(out, 'market-expansion-example.xlsx');
  // The exported workbook carries each formula with the value Sheets shows (the Dashboard's among them).
  formulaValues(emulator);
  await emulator.exportXlsx(workbook);
  console.log(`\nWrote ${relative(root, workbook)}`);

  emulator.clock.set(new Date('2023-10-08T10:00:00+08:00'));
  console.log(`\nVirtual clock: ${emulator.clock.now().toISOString()} (after the cycle ended)`);
  step(emulator, 'Generate 2023 Q3 report', 'menuGenerateReport');
  const docs = await emulator.exportDocs(out);
  for (const path of docs) console.log(`Wrote ${relative(root, path)}`);
  const pdf = spawnSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', out, ...docs], { stdio: 'ignore' });
  if (pdf.status === 0) console.log('Wrote a PDF beside each .docx (LibreOffice)');
  else console.log('(No PDF: LibreOffice is not installed; the .docx opens in Word, WPS or LibreOffice.)');

  emulator.ui.respondNextAlert('YES');
  step(emulator, 'Start next cycle (2023 Q3 → 2023 Q4), answering Yes to the confirmation', 'menuStartNextCycle');
  const after = join(out, 'market-expansion-after-rollover.xlsx');
  await emulator.exportXlsx(after);
  console.log(`Wrote ${relative(root, after)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
