import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkWorkbook } from '../../src/core/checks';
import { exampleData } from '../../src/core/example';
import { Lang, pick } from '../../src/core/i18n';
import { readWorkbook } from '../../src/core/model';
import { ReportSummary, buildReport, reportSummaryJson } from '../../src/core/report';
import { SETTINGS, TABS, tabSpec } from '../../src/core/schema';
import { CellValue } from '../../src/core/values';
import { main } from '../../src/node/cli';
import { offlineProblems } from '../../src/node/cli/problems';
import { Problem } from '../../src/core/problems';
import { readXlsx } from '../../src/node/xlsx/reader';
import { writeTemplate } from '../../src/node/xlsx/template';
import { writeBigWorkbook } from '../../bench/offline';
import { END_OF_CYCLE, rawFromExample, recordingIo, tempDir } from './xlsxHelpers';
import { docxTexts, unzip } from './zip';

const ROOT = join(__dirname, '..', '..');
const dir = tempDir();
const examplePath = (lang: Lang): string => join(dir, `example-${lang}.xlsx`);

beforeAll(async () => {
  await writeTemplate(examplePath('en'), { lang: 'en', example: true });
  await writeTemplate(examplePath('zh-CN'), { lang: 'zh-CN', example: true });
});

async function runCli(args: string[], cwd = dir): Promise<{ code: number; out: string; err: string }> {
  const io = recordingIo(cwd);
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

async function summaryOf(path: string, extra: string[] = []): Promise<{ code: number; json: ReportSummary; err: string }> {
  const out = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  const result = await runCli(['report', path, '--as-of', '2023-09-30', '--out', join(dir, 'r.docx'), '--json', out, ...extra]);
  return { code: result.code, err: result.err, json: JSON.parse(readFileSync(out, 'utf8')) as ReportSummary };
}

describe.each(['en', 'zh-CN'] as const)('report from the example workbook (%s)', (lang: Lang) => {
  test('the model equals the one built from example.ts directly (the Apps Script path reads the same rows)', async () => {
    const read = await readXlsx(examplePath(lang));
    const fromXlsx = readWorkbook(read.raw, END_OF_CYCLE);
    const direct = readWorkbook(rawFromExample(lang), END_OF_CYCLE);
    const model = buildReport(fromXlsx, END_OF_CYCLE, lang, checkWorkbook(fromXlsx, END_OF_CYCLE));
    expect(model).toEqual(buildReport(direct, END_OF_CYCLE, lang, checkWorkbook(direct, END_OF_CYCLE)));
  });

  test('the JSON summary holds the seed figures', async () => {
    const { code, json } = await summaryOf(examplePath(lang));
    expect(code).toBe(0); // the one overdue task is a warning
    const byRow = new Map(json.metrics.map((m) => [m.row, m]));
    expect(byRow.get(2)).toMatchObject({ dimension: 'result', target: 50, actual: 45, achievement: 0.9, status: 'missed' });
    expect(byRow.get(3)).toMatchObject({ target: 200, actual: 215, achievement: 1.075, status: 'met' });
    expect(byRow.get(4)).toMatchObject({ target: 200, actual: 220, status: 'met' });
    expect(byRow.get(4)!.achievement).toBeCloseTo(1.1, 12);
    expect(byRow.get(5)).toMatchObject({ target: 0.15, actual: 0.12, direction: 'higher' });
    expect(byRow.get(5)!.achievement).toBeCloseTo(0.8, 12);
    expect(json.inputOutput).toMatchObject({ totalCost: 28, revenue: 215, ratioLabel: '1:7.7' });
    expect(json.inputOutput.ratio).toBeCloseTo(7.68, 2);
    expect(json.inputOutput.netRoi).toBeCloseTo(187 / 28, 12);
    expect(json).toEqual(reportSummaryJson(readWorkbook(rawFromExample(lang), END_OF_CYCLE), END_OF_CYCLE));
  });
});

// ------------------------------------------------------------------------------------------------
// A workbook as a person might really leave it

type Transform = (tab: string, column: string, value: CellValue, row: number) => ExcelJS.CellValue;

/**
 * The English example's data under Chinese tab names and headers, columns reversed, an extra column in
 * every tab, blank rows in the middle of the logs, and cells typed the many ways people type them.
 */
async function writeMessyWorkbook(path: string, transform: Transform): Promise<void> {
  const example = exampleData('en');
  const wb = new ExcelJS.Workbook();
  for (const tab of [...TABS].reverse()) {
    const ws = wb.addWorksheet(tab.name.zh);
    const columns = [...tab.columns].reverse();
    if (tab.key === 'settings') {
      ws.addRow(['说明', ...columns.map((c) => c.header.zh)]);
      for (const s of SETTINGS) {
        const cells: Record<string, CellValue> = { setting: s.label.zh, value: example.settings[s.key] ?? s.defaultValue, help: '' };
        ws.addRow(['', ...columns.map((c) => transform('settings', c.key, cells[c.key] ?? '', 0) )]);
      }
      continue;
    }
    ws.addRow(['我们自己的列', ...columns.map((c) => c.header.zh)]);
    (example.tabs[tab.key] ?? []).forEach((record, i) => {
      ws.addRow([`note ${i}`, ...columns.map((c) => transform(tab.key, c.key, record[c.key] ?? '', i))]);
      // A blank row after every third data row of the long tabs; blank rows only, so JSON rows stay put
      // for Evaluation (which gets none).
      if ((tab.key === 'weekly' || tab.key === 'tracking') && i % 3 === 2) ws.addRow([]);
    });
  }
  await wb.xlsx.writeFile(path);
}

const messy: Transform = (tab, column, value, row) => {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    // Every accepted date form, in turn: a real date, 2023/7/3, 2023年7月3日, 7/3/2023, ISO text.
    const forms: ExcelJS.CellValue[] = [new Date(Date.UTC(y, m - 1, d)), `${y}/${m}/${d}`, `${y}年${m}月${d}日`, `${m}/${d}/${y}`, value];
    return forms[row % forms.length]!;
  }
  if (tab === 'weekly' && column === 'newCustomers') return `${String(value)}家`;
  if (tab === 'weekly' && column === 'revenue') return { richText: [{ text: String(value) }, { text: ' 万元'.slice(1), font: { italic: true } }] } as ExcelJS.CellValue;
  if (tab === 'weekly' && column === 'visits') return { formula: `${String(value)}*1`, result: value as number };
  if (tab === 'weekly' && column === 'leads') return typeof value === 'number' && value >= 1000 ? value.toLocaleString('en-US') : ` ${String(value)} `;
  if (tab === 'team' && column === 'email') return { text: String(value), hyperlink: `mailto:${String(value)}` };
  if (tab === 'costs' && column === 'amount') return `¥${String(value)}`;
  if (tab === 'evaluation' && column === 'actual' && typeof value === 'number') return `${value} ${row === 0 ? '家' : ''}`.trim();
  return value as ExcelJS.CellValue;
};

test('Chinese headers, reordered and extra columns, blank rows and typed units give the same JSON as the English template', async () => {
  const path = join(dir, 'messy.xlsx');
  await writeMessyWorkbook(path, messy);
  const english = await summaryOf(examplePath('en'));
  const chinese = await summaryOf(path);
  expect(chinese.code).toBe(0);
  expect(chinese.json).toEqual(english.json);
  // And the English example is not trivially empty.
  expect(english.json.metrics).toHaveLength(6);
});

test('planted bad cells are reported with sheet and row, and the rest still computes', async () => {
  const example = exampleData('en');
  const path = join(dir, 'planted.xlsx');
  const badWeeklyIndex = 3; // sheet row 5 in the English template
  await writeTemplate(path, { lang: 'en', example: true });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const cell = (tab: 'weekly' | 'evaluation' | 'tracking', key: string, row: number): ExcelJS.Cell =>
    wb.getWorksheet(tabSpec(tab).name.en)!.getCell(row, tabSpec(tab).columns.findIndex((c) => c.key === key) + 1);
  cell('weekly', 'revenue', badWeeklyIndex + 2).value = 'lots';
  cell('evaluation', 'actual', 5).value = '12 or so';
  cell('tracking', 'plannedDate', 3).value = '2023-02-30';
  await wb.xlsx.writeFile(path);

  const { code, json, err } = await summaryOf(path);
  expect(code).toBe(1);
  expect(err).toContain('Weekly log, row 5 (Revenue): "lots" is not a number');
  expect(err).toContain('Evaluation, row 5 (Actual): "12 or so" is not a number');
  expect(err).toContain('Tracking, row 3 (Planned date): "2023-02-30" is not a real date');
  expect(err).toContain('Fix: Type a number in 10k CNY (a plain number is read in 10k CNY; 215万 or 2,150,000元 are converted), or leave it empty.');
  expect(err).toContain('Fix: Type a percentage such as 12% (or 12), or leave it empty.');
  const byRow = new Map(json.metrics.map((m) => [m.row, m]));
  // An unreadable cell is "check data", never a number and never "no data".
  expect(byRow.get(5)).toMatchObject({ target: 0.15, actual: null, achievement: null, status: 'check_data' });
  expect(byRow.get(2)).toMatchObject({ achievement: 0.9, status: 'missed' });
  // Revenue is the Evaluation's typed 215, so one unreadable weekly cell does not change the ratio.
  expect(json.inputOutput).toMatchObject({ totalCost: 28, revenue: 215, ratioLabel: '1:7.7' });
  expect(json.metrics).toHaveLength(example.tabs.evaluation!.length);
});

test('a header below a title row keeps the sheet row numbers in messages', async () => {
  const path = join(dir, 'title.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Weekly log');
  ws.addRow(['East China weekly numbers']);
  ws.addRow([]);
  ws.addRow(['Owner', 'Week', 'Revenue']);
  ws.addRow(['Wang*', '2023-07-03', 12]);
  ws.addRow(['Li*', '2023-07-10', 'twelve']);
  await wb.xlsx.writeFile(path);
  const read = await readXlsx(path);
  expect(read.sheets).toEqual([{ tab: 'weekly', sheet: 'Weekly log', headerRow: 3, rows: 2 }]);
  const workbook = readWorkbook(read.raw, END_OF_CYCLE);
  expect(workbook.weekly.map((w) => [w.row, w.revenue])).toEqual([[4, 12], [5, null]]);
  expect(workbook.problems.find((p) => p.code === 'bad_number')).toMatchObject({ tab: 'weekly', row: 5, value: 'twelve' });
});

test('a cell merged down several rows (as paper forms do with Stage) counts for each row', async () => {
  const path = join(dir, 'merged.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('执行跟踪');
  ws.addRow(['阶段', '任务名称', '责任人']);
  ws.addRow(['执行', '上海行业展会参展', '李*']);
  ws.addRow([null, '新增客户签约跟进', '王*']);
  ws.mergeCells('A2:A3');
  await wb.xlsx.writeFile(path);
  const tasks = readWorkbook((await readXlsx(path)).raw, END_OF_CYCLE).tasks;
  expect(tasks.map((t) => [t.row, t.stage, t.task, t.owners])).toEqual([[2, '执行', '上海行业展会参展', ['李*']], [3, '执行', '新增客户签约跟进', ['王*']]]);
});

test('a renamed tab is still found by its headers', async () => {
  const path = join(dir, 'renamed.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(tabSpec('costs').columns.map((c) => c.header.zh));
  ws.addRow(['营销费用', '行业展会', '10万', '']);
  await wb.xlsx.writeFile(path);
  const read = await readXlsx(path);
  expect(read.sheets.map((s) => [s.tab, s.sheet])).toEqual([['costs', 'Sheet1']]);
  expect(read.lang).toBe('zh-CN');
  expect(readWorkbook(read.raw, END_OF_CYCLE).costs[0]).toMatchObject({ category: 'marketing', amount: 100000 });
});

/** A Tracking sheet under a title row, its Task header misspelt and no Owner column, beside an unknown sheet. */
async function missingColumnsWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Tracking');
  ws.addRow(['East China tasks']);
  ws.addRow(['Stage', 'Task name', 'Planned date', 'Status', 'My notes']);
  ws.addRow(['Prepare', 'Book the trade-show booth', '2023-07-20', 'Done', '']);
  ws.addRow(['Execute', 'Visit key accounts', '2023-09-20', 'Done', 'x']);
  ws.addRow(['Execute', 'Sign new customers', '2023-09-25', 'Done', '']);
  wb.addWorksheet('Sheet9').addRow(['Amount', 'Note']);
  await wb.xlsx.writeFile(path);
}

describe('a missing column or tab is explained for the file, not for the Google Sheet menu', () => {
  const path = join(dir, 'missing-columns.xlsx');
  beforeAll(() => missingColumnsWorkbook(path));

  test('English: one line per missing column, the headers not recognised, and how to add it', async () => {
    const { code, err } = await runCli(['report', path, '--as-of', '2023-09-30', '--out', join(dir, 'mc.docx')]);
    expect(code).toBe(1);
    expect(err).not.toMatch(/menu|Set up or repair/i);
    expect(err).toContain('error   Tracking, row 2 (Task): The column "Task" is missing. Headers in row 2 that are not recognised: "Task name", "My notes".');
    expect(err).toContain('    Fix: Add a column headed Task / 任务名称 in row 2 of the Tracking sheet (accepted headers: "Task", "任务名称"; ' +
      'case, spaces and full-width letters do not matter). If one of the unrecognised headers is that column, rename it to Task.');
    expect(err).toContain('error   Tracking, row 2 (Owner): The column "Owner" is missing.');
    // The missing columns are said once: no per-row "empty" or "no owner" lines for them.
    expect(err.split('\n').filter((line) => line.includes('(Owner)') || line.includes('(Task)'))).toHaveLength(2);
    expect(err).not.toMatch(/row [345] \((Task|Owner)\)/);
    // A missing tab: add it, or rename the sheet that was not recognised.
    expect(err).toContain('warning Costs: The tab "Costs" is missing.');
    expect(err).toContain('    Fix: Add a sheet named Costs (or 投入) with these headers in row 1: Category, Channel, Amount, Note. ' +
      'Or copy it from a new template: market-expansion template --lang en --out blank.xlsx ' +
      'If it is one of the sheets that were not recognised ("Sheet9"), rename that sheet to Costs.');
  });

  test('Chinese: the same, in Chinese, and the report\'s data-quality table says the same', async () => {
    const docx = join(dir, 'mc-zh.docx');
    const { err } = await runCli(['report', path, '--as-of', '2023-09-30', '--lang', 'zh-CN', '--out', docx]);
    expect(err).not.toMatch(/菜单|创建或修复/);
    expect(err).toContain('错误 Tracking，第 2 行（任务名称）：缺少列“任务名称”。第 2 行中未能识别的表头：“Task name”、“My notes”。');
    expect(err).toContain('    修改：请在“Tracking”工作表第 2 行添加表头为“任务名称”的列（可识别的表头：“Task”、“任务名称”；不区分大小写、空格和全角/半角）。' +
      '如果某个未能识别的表头就是这一列，请将其改为“任务名称”。');
    expect(err).toContain('请将该工作表重命名为“投入”');
    const document = (await unzip(readFileSync(docx))).get('word/document.xml')!.toString('utf8');
    expect(document).toContain('请在“Tracking”工作表第 2 行添加表头为“任务名称”的列');
    expect(document).not.toContain('创建或修复工作表');
    expect(document.split('缺少列“任务名称”').length - 1).toBe(1);
  });
});

test('per-row problems of a missing column collapse into the missing-column line, whether or not the core emits them', () => {
  const problem = (code: Problem['code'], row: number | null, column: string, severity: Problem['severity'] = 'error'): Problem => ({
    code, severity, tab: 'tracking', row, column, value: '', message: { en: code, zh: code }, fix: { en: 'fix', zh: '修改' },
  });
  const missing = problem('missing_column', 1, 'owner');
  const other = problem('bad_date', 3, 'plannedDate');
  const raw = { tracking: [['Task', 'Planned date', 'Who']] };
  const sheets = [{ tab: 'tracking' as const, sheet: 'Tracking', headerRow: 1 }];
  const withRows = offlineProblems([missing, problem('missing_value', 3, 'owner'), problem('missing_owner', 4, 'owner'), other], raw, sheets, []);
  const without = offlineProblems([missing, other], raw, sheets, []);
  expect(withRows).toEqual(without);
  expect(withRows.map((p) => [p.code, p.row, p.column])).toEqual([['missing_column', 1, 'owner'], ['bad_date', 3, 'plannedDate']]);
  expect(withRows[0]!.message.en).toBe('missing_column Headers in row 1 that are not recognised: "Who".');
  expect(withRows[0]!.fix.en).toContain('Add a column headed Owner / 责任人 in row 1 of the Tracking sheet');
  // A missing Owner column on another tab leaves Tracking's owner problems alone.
  const elsewhere = { ...missing, tab: 'goals' as const };
  expect(offlineProblems([elsewhere, problem('missing_owner', 4, 'owner')], raw, sheets, []).map((p) => p.code)).toEqual(['missing_column', 'missing_owner']);
});

describe('command line exit codes', () => {
  test('0: template written, help shown, report of clean data', async () => {
    const out = join(dir, 'cli-template.xlsx');
    const t = await runCli(['template', '--lang', 'zh-CN', '--example', '--out', out]);
    expect(t).toMatchObject({ code: 0 });
    expect(t.out).toContain('12 个工作表');
    expect(existsSync(out)).toBe(true);
    for (const command of ['template', 'report', 'remind']) {
      const help = await runCli([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.out).toContain(`market-expansion ${command}`);
    }
    expect((await runCli(['--help'])).code).toBe(0);
    const report = await runCli(['report', out, '--as-of', '2023-09-30', '--out', join(dir, 'cli.docx')]);
    expect(report.code).toBe(0);
    expect(report.out).toContain('cli.docx');
    expect(readFileSync(join(dir, 'cli.docx')).subarray(0, 2).toString()).toBe('PK');
    // The .docx carries the per-channel funnel, the plan against the result (哪些策略有效) and the per-owner table.
    const document = (await unzip(readFileSync(join(dir, 'cli.docx')))).get('word/document.xml')!.toString('utf8');
    expect(docxTexts(document)).toEqual(expect.arrayContaining([
      '各渠道转化漏斗', '哪些策略有效：各渠道计划与结果对比', '按责任人统计目标与任务', '获客成本', '预算（万元）', '预算使用率', '1:22.3', '60%',
      '华东区域销售额（万元，团队目标）', '获客成本最低：合作伙伴转介绍（每个新客户 0.21 万元）；最高：线上获客平台（0.62 万元）。',
    ]));
  });

  test('1: problems in the data (errors; warnings too with --strict), report still written', async () => {
    const strict = await runCli(['report', examplePath('en'), '--as-of', '2023-09-30', '--out', join(dir, 'strict.docx'), '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.err).toContain('Tracking, row 4 (Next step due)');
    expect(existsSync(join(dir, 'strict.docx'))).toBe(true);
  });

  test.each([
    [['report'], 'Name the workbook'],
    [['report', 'missing.xlsx'], 'Cannot read missing.xlsx: no such file'],
    [['report', 'not-a-workbook.txt'], 'it is not an Excel workbook'],
    [['report', 'x.xlsx', '--as-of', '2023-02-30'], 'not a real date'],
    [['report', 'x.xlsx', '--as-of', '2023-07-10-12'], 'one day, not a range'],
    [['report', 'x.xlsx', '--lang', 'fr'], '--lang must be zh-CN or en'],
    [['report', 'x.xlsx', '--colour'], 'Unknown option "--colour"'],
    [['report', 'x.xlsx', '--out'], 'needs a value'],
    [['remind', 'x.xlsx', '--kind', 'hourly'], '--kind must be'],
    [['template'], '--out plan.xlsx'],
    [['publish'], 'Unknown command "publish"'],
    [[], 'Usage:'],
  ])('2: %j', async (args, message) => {
    writeFileSync(join(dir, 'not-a-workbook.txt'), 'Week,Owner\n2023-07-03,Wang*\n');
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(`${result.err}\n${result.out}`).toContain(message);
  });

  test('2: the template never overwrites a file unless --force', async () => {
    const out = join(dir, 'kept.xlsx');
    writeFileSync(out, 'precious');
    const refused = await runCli(['template', '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('already exists');
    expect(readFileSync(out, 'utf8')).toBe('precious');
    expect((await runCli(['template', '--out', out, '--force'])).code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  test('messages follow the system language when no workbook says otherwise', async () => {
    const io = recordingIo(dir, { LANG: 'zh_CN.UTF-8' });
    expect(await main(['report', 'missing.xlsx'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('无法读取 missing.xlsx：文件不存在');
  });

  test('--json - prints the summary on stdout and everything else on stderr', async () => {
    const result = await runCli(['report', examplePath('zh-CN'), '--as-of', '2023-09-30', '--out', join(dir, 'zh.docx'), '--json', '-']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out) as ReportSummary;
    expect(json.inputOutput.ratioLabel).toBe('1:7.7');
    expect(json.metrics[0]!.metric).toBe('新增客户数');
    expect(result.err).toContain('已生成');
  });

  test('remind writes the digest emails of the day', async () => {
    const out = join(dir, 'emails');
    const result = await runCli(['remind', examplePath('en'), '--as-of', '2023-07-28', '--out', out]);
    expect(result.code).toBe(0);
    const files = readdirSync(out).filter((f) => f.endsWith('.eml'));
    expect(files.length).toBeGreaterThan(0);
    expect(result.out).toContain(`Wrote ${files.length} emails (weekly digest, week 2023-W30)`);
    const manager = readFileSync(join(out, files.find((f) => f.includes('manager'))!), 'utf8');
    expect(manager).toMatch(/^To: director@example\.com/m);
    expect(manager).toContain('Content-Type: multipart/alternative');
    const owners = files.filter((f) => f.includes('owner'));
    expect(owners.length).toBeGreaterThan(0);
    expect(owners.every((f) => /@example\.com/.test(f))).toBe(true);
  });
});

test('a long file shows progress on stderr; the problem list is capped unless --all', async () => {
  const path = join(dir, 'long.xlsx');
  await writeBigWorkbook(path, 2_500, 300);
  const base = ['report', path, '--as-of', '2023-09-30', '--out', join(dir, 'long.docx')];
  const capped = await runCli(base);
  expect(capped.code).toBe(0);
  expect(capped.err).toContain('  Tracking: 2,500 rows');
  expect(capped.err).toContain('  Weekly log: 300 rows');
  expect(capped.err).toMatch(/Checking 2,8\d\d rows…/);
  const total = Number(/^(\d+) problems in the data/m.exec(capped.err)?.[1]);
  expect(total).toBeGreaterThan(100);
  expect(capped.err.split('\n').filter((l) => l.startsWith('warning ')).length).toBe(100);
  expect(capped.err).toContain(`… and ${total - 100} more. Run again with --all`);
  const all = await runCli([...base, '--all', '--quiet']);
  expect(all.err.split('\n').filter((l) => l.startsWith('warning ')).length).toBe(total);
  expect(all.err).not.toContain('Checking');
  // The small example stays silent: no progress lines.
  expect((await runCli(['report', examplePath('en'), '--as-of', '2023-09-30', '--out', join(dir, 'small.docx')])).err).not.toContain('Checking');
  // Four whole reports of a 2,500-row workbook, each drawing its charts: room for a busy machine (timing is the benchmark's job).
}, 240_000);

test('the launcher runs the built command line (npx market-expansion)', () => {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { encoding: 'utf8' });
  expect(build.status).toBe(0);
  const bin = join(ROOT, 'bin', 'market-expansion.js');
  const ok = spawnSync(process.execPath, [bin, 'report', examplePath('en'), '--as-of', '2023-09-30', '--out', join(dir, 'bin.docx'), '--json', '-', '--quiet'], { encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' } });
  expect(ok.status).toBe(0);
  expect((JSON.parse(ok.stdout) as ReportSummary).inputOutput.totalCost).toBe(28);
  const bad = spawnSync(process.execPath, [bin, 'report', join(dir, 'missing.xlsx')], { encoding: 'utf8' });
  expect(bad.status).toBe(2);
  expect(pick({ en: bad.stderr, zh: bad.stderr }, 'en')).toContain('missing.xlsx');
});
