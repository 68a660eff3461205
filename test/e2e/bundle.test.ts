import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { BUNDLE } from './harness';

const code = readFileSync(BUNDLE, 'utf8');

/** The bundle in a bare context, as Apps Script evaluates it before each custom-function call. */
function load(): Record<string, unknown> {
  const context = createContext({});
  runInContext(code, context);
  return context as Record<string, unknown>;
}

const call = (ctx: Record<string, unknown>, fn: string, ...args: unknown[]): unknown => (ctx[fn] as (...a: unknown[]) => unknown)(...args);

describe('the built Apps Script bundle', () => {
  it('declares every entry point as a top-level function and nothing else as a function', () => {
    const declared = [...code.matchAll(/^function (\w+)\(/gm)].map((m) => m[1]);
    expect(declared.sort()).toEqual([
      'ACHIEVEMENT_RATE', 'PACING', 'ROI', 'SUM_AMOUNTS', 'menuChatSettings', 'menuCheckData', 'menuGeneratePlan', 'menuGenerateReport', 'menuGenerateRollupReport', 'menuLanguageAuto', 'menuLanguageChinese',
      'menuLanguageEnglish', 'menuLoadExample', 'menuMyWeek', 'menuPlaybookManual', 'menuPreviewReminders', 'menuRefreshRegions', 'menuReminderStatus', 'menuSendRemindersNow',
      'menuSendRollupSummary', 'menuSendTestReminder',
      'menuSetupSheets', 'menuStartNextCycle', 'menuTakeOverReminders', 'menuTurnRemindersOff', 'menuTurnRemindersOn', 'menuWeeklySheet', 'myWeekLoad', 'myWeekSave',
      'onEdit', 'onOpen', 'onReminderTrigger',
    ]);
    const ctx = load();
    const globals = Object.keys(ctx).filter((k) => typeof ctx[k] === 'function');
    expect(globals.sort()).toEqual(declared.sort());
  });

  it('keeps the @customfunction JSDoc directly above each custom function', () => {
    for (const name of ['ACHIEVEMENT_RATE', 'PACING', 'ROI', 'SUM_AMOUNTS']) {
      const at = code.indexOf(`\nfunction ${name}(`);
      const before = code.slice(0, at);
      const doc = before.slice(before.lastIndexOf('/**'));
      expect(doc).toMatch(/@customfunction\s*\n\s*\*\/$/);
      expect(doc).toMatch(/@param/);
    }
  });

  it('holds only src/core, src/gas and src/main.ts: nothing from src/node or npm', () => {
    const inputs = JSON.parse(readFileSync(join(__dirname, '..', '..', 'build', 'bundle-inputs.json'), 'utf8')) as string[];
    expect(inputs).toContain('src/main.ts');
    // src/client is the My week sidebar's browser script, bundled on its own and carried as a string.
    expect(inputs.filter((f) => !/^src\/(core\/|gas\/|client\/|main\.ts$)/.test(f))).toEqual([]);
    // The document and chart models travel to Apps Script; the charting library and its renderer never do.
    expect(inputs).toEqual(expect.arrayContaining(['src/core/chart.ts', 'src/core/document.ts', 'src/core/reportCharts.ts', 'src/core/conclusion.ts']));
    expect(inputs.filter((f) => /echarts|zrender|resvg|fonts-sc|src\/node\//.test(f))).toEqual([]);
  });

  it('keeps Chinese text as UTF-8, not escapes', () => {
    expect(code).toContain('达成率');
    expect(code).not.toMatch(/\\u8fbe/);
  });

  it('computes ACHIEVEMENT_RATE and ROI with Sheets-shaped arguments', () => {
    const ctx = load();
    expect(call(ctx, 'ACHIEVEMENT_RATE', 45, 50)).toBeCloseTo(0.9, 12);
    expect(call(ctx, 'ACHIEVEMENT_RATE', '12%', '15%')).toBeCloseTo(0.8, 12);
    expect(call(ctx, 'ACHIEVEMENT_RATE', 28, 30, 'lower')).toBeCloseTo(30 / 28, 12);
    expect(call(ctx, 'ACHIEVEMENT_RATE', 28, 30, '无')).toBe('');
    expect(call(ctx, 'ROI', 215, 28, 'label')).toBe('1:7.7');
    expect(call(ctx, 'ROI', 35, 10, 'label')).toBe('1:3.5');
    expect(call(ctx, 'ROI', 215, 28)).toBeCloseTo(215 / 28, 12);
    expect(call(ctx, 'ROI', 215, 28, 'net')).toBeCloseTo(187 / 28, 12);
    // A column with blanks and a bad cell among good ones: one formula fills the column.
    const column = call(ctx, 'ACHIEVEMENT_RATE', [[45], [''], ['abc'], ['215万元']], [[50], [50], [50], ['200万']]) as unknown[][];
    expect(column[0]![0]).toBeCloseTo(0.9, 12);
    expect(column[1]![0]).toBe('');
    expect(String(column[2]![0])).toContain('abc');
    expect(column[3]![0]).toBeCloseTo(1.075, 12);
    // A scalar target broadcasts against the range.
    expect(call(ctx, 'ACHIEVEMENT_RATE', [[45], [60]], 50)).toEqual([[0.9], [1.2]]);
    expect(() => call(ctx, 'ACHIEVEMENT_RATE', 'abc', 50)).toThrow(/abc/);
    expect(() => call(ctx, 'ACHIEVEMENT_RATE', [[1], [2]], [[1], [2], [3]])).toThrow(/2×1.*3×1/);
  });
});

describe('two parts: the custom functions as code, the rest compiled on first use', () => {
  const loaderAt = code.indexOf('\nvar MarketExpansionTracker = ');
  const functionsPart = code.slice(0, loaderAt);

  it('evaluating the bundle compiles the custom functions only; a menu entry compiles the rest once', () => {
    expect(loaderAt).toBeGreaterThan(0);
    const ctx = load();
    // Counts the loader's evaluations of the rest (an indirect eval looks the global up when it runs).
    const realEval = runInContext('eval', ctx) as (source: string) => unknown;
    let evaluations = 0;
    ctx.eval = (source: string): unknown => { evaluations++; return realEval(source); };
    expect(call(ctx, 'ACHIEVEMENT_RATE', [[45], ['215万元']], [[50], ['200万']])).toEqual([[0.9], [1.075]]);
    expect(call(ctx, 'ROI', 215, 28, 'label')).toBe('1:7.7');
    expect(evaluations).toBe(0);
    const loader = ctx.MarketExpansionTracker as { app(): Record<string, unknown> };
    const app = loader.app();
    expect(loader.app()).toBe(app);
    expect(evaluations).toBe(1);
    // Strict code: the rest's declarations stay inside it, no global but the loader's.
    expect(ctx.MarketExpansionApp).toBeUndefined();
    expect(typeof app.runEntry).toBe('function');
    expect(typeof app.menuGenerateReport).toBe('function');
  });

  it('the custom functions part uses no Apps Script service (custom functions may not) and is a small part of the bundle', () => {
    expect(functionsPart).not.toMatch(/\b(SpreadsheetApp|DocumentApp|MailApp|ScriptApp|PropertiesService|LockService|UrlFetchApp|Session|HtmlService|CacheService|Drive)\./);
    expect(functionsPart.length).toBeLessThan(code.length / 8);
  });

  it('the rest is held in a comment as esbuild wrote it, "*/" included, and each part reads the built-ins as locals', () => {
    const loader = code.slice(loaderAt);
    // Readable as text (grep DocumentApp.openById dist/Code.js), with no string escaping.
    expect(loader).toContain('(function () {/*"use strict";var MarketExpansionApp=(()=>{const {');
    expect(loader).toContain('DocumentApp.openById(');
    // The source has "*/" in regular expressions (e.g. the date-range separator /^\s*(?:-|~|…)\s*/i): the comment
    // must still end where the holder ends, and the eval'd source must have them back.
    const ctx = load();
    const realEval = runInContext('eval', ctx) as (source: string) => unknown;
    let evaluated = '';
    ctx.eval = (source: string): unknown => { evaluated = source; return realEval(source); };
    (ctx.MarketExpansionTracker as { app(): unknown }).app();
    expect(evaluated.startsWith('"use strict";var MarketExpansionApp=(()=>{')).toBe(true);
    expect(evaluated.split('*/').length).toBeGreaterThan(2);
    expect(evaluated).not.toContain('\uE000');
    expect(functionsPart).toMatch(/var MarketExpansionFunctions = \(\(\) => \{\n {2}const \{ [^}]*\bMath\b[^}]*\} = globalThis;/);
  });

  it('the comment holder gives back any source byte for byte (scripts/bundle-parts.mjs, property-based)', () => {
    // bundle-parts.mjs is an ES module of the build: run it in its own node process.
    const script = `
      import fc from 'fast-check';
      import { commentHolder, commentSource, SEPARATOR } from './scripts/bundle-parts.mjs';
      const text = fc.string({ unit: fc.constantFrom('*', '/', '*/', '/*', 'a', '\\n', '"', "'", '\\\\', '中', '\`', '$') , maxLength: 60 });
      fc.assert(fc.property(text, (source) => (0, eval)('(function (holder) { return ' + commentSource('holder') + '; })(' + commentHolder(source) + ')') === source), { numRuns: 500 });
      let refused = false;
      try { commentHolder('a' + SEPARATOR); } catch { refused = true; }
      if (!refused) throw new Error('the separator character was not refused');
      process.stdout.write('ok');`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
    expect(out).toBe('ok');
  });

  it('both parts compute the same figures (they are built from the same modules)', () => {
    const ctx = load();
    const app = (ctx.MarketExpansionTracker as { app(): Record<string, (...a: unknown[]) => unknown> }).app();
    const cases: unknown[][] = [[45, 50], ['12%', '15%'], [28, 30, 'lower'], [[[45], [''], ['215万元']], [[50], [50], ['200万']]], ['45家', 50, '', '家']];
    for (const args of cases) expect(call(ctx, 'ACHIEVEMENT_RATE', ...args)).toEqual(app.ACHIEVEMENT_RATE!(...args));
    expect(call(ctx, 'ROI', 215, 28, 'label')).toBe(app.ROI!(215, 28, 'label'));
    expect(call(ctx, 'SUM_AMOUNTS', [['12万'], [30000]], '元')).toEqual(app.SUM_AMOUNTS!([['12万'], [30000]], '元'));
  });
});

describe('clasp', () => {
  it('pushes exactly the bundle and the manifest', () => {
    const root = join(__dirname, '..', '..');
    const out = execFileSync(process.execPath, [join(root, 'node_modules', '@google', 'clasp', 'build', 'src', 'index.js'), 'status', '--json'], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out).filesToPush.sort()).toEqual(['dist/Code.js', 'dist/appsscript.json']);
  });

  it('asks for the least-privilege scopes the README explains', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'dist', 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBe('Asia/Shanghai');
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    for (const scope of manifest.oauthScopes as string[]) {
      expect(scope).toMatch(/^https:\/\/www\.googleapis\.com\/auth\//);
      expect(readme).toContain(`\`${scope.replace('https://www.googleapis.com/auth/', '')}\``);
    }
  });
});

describe('npm run deploy', () => {
  it('explains what to do instead of pushing when .clasp.json still holds the placeholder', () => {
    const root = join(__dirname, '..', '..');
    let failure: { status: number; stderr: string } | null = null;
    try {
      execFileSync(process.execPath, [join(root, 'scripts', 'clasp.mjs'), 'push'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      failure = error as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr).toContain('npm run create-sheet');
    expect(failure?.stderr).toContain('脚本 ID');
  });
});
