// Builds the Apps Script bundle: dist/Code.js + dist/appsscript.json.
//
// esbuild bundles src/main.ts into one IIFE held by a single non-function global (so internal helpers
// never become Apps Script globals). Apps Script only treats top-level `function` declarations as entry
// points, and Sheets only autocompletes a custom function whose JSDoc with @customfunction sits directly
// above such a declaration, so each export of src/main.ts gets a top-level wrapper carrying its JSDoc.
//
// Apps Script compiles the whole project before every custom-function call (each cell's recalculation), so
// Code.js is two parts: the custom functions alone (the modules they import, ~45 KB), compiled as code, and
// the rest of the tracker as one string of minified code, evaluated the first time a menu item, trigger or
// sidebar call needs it, held in a comment (scripts/bundle-parts.mjs): V8 skips a comment faster than it scans
// a string, and far faster than it parses the code (README "Performance").
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { commentHolder, commentSource, localBuiltins } from './bundle-parts.mjs';
import { writeIfChanged as writeCalendarData } from './calendar-data.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'src/main.ts');
const dist = join(root, 'dist');
const NAMESPACE = 'MarketExpansionTracker';
const APP = 'MarketExpansionApp';
const FUNCTIONS = 'MarketExpansionFunctions';

/** Exported functions of src/main.ts with their parameters and JSDoc text. */
function entryPoints() {
  const source = ts.createSourceFile(entry, readFileSync(entry, 'utf8'), ts.ScriptTarget.ES2020, true);
  const found = [];
  for (const statement of source.statements) {
    if (!ts.isFunctionDeclaration(statement) || !statement.name) continue;
    const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    const docs = ts.getJSDocCommentsAndTags(statement).filter(ts.isJSDoc);
    const jsdoc = docs.length ? source.text.slice(docs[docs.length - 1].pos, docs[docs.length - 1].end) : '';
    const params = statement.parameters.map((p) => p.name.getText(source).replace(/^\.\.\./, ''));
    found.push({ name: statement.name.text, params, jsdoc: jsdoc.trim() });
  }
  return found;
}

// The work calendar's holiday data, compiled in from its npm package (Apps Script never fetches it).
if (writeCalendarData()) console.log('src/core/chinaCalendarData.ts updated from the chinese-days package');

// The "My week" sidebar's browser script, bundled first and handed to the Apps Script bundle as a string
// (HtmlService serves it inside the sidebar page): it shares core's readers, so the form checks as Check data does.
const client = await build({
  entryPoints: [join(root, 'src/client/myWeek.ts')],
  bundle: true,
  format: 'iife',
  target: 'es2019',
  platform: 'browser',
  charset: 'utf8',
  minify: true,
  legalComments: 'none',
  write: false,
  metafile: true,
  logLevel: 'warning',
});

const result = await build({
  entryPoints: [entry],
  define: { MY_WEEK_CLIENT: JSON.stringify(client.outputFiles[0].text) },
  bundle: true,
  format: 'iife',
  globalName: APP,
  target: 'es2020',
  platform: 'neutral',
  charset: 'utf8',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  write: false,
  metafile: true,
  logLevel: 'warning',
});

const entries = entryPoints();
const customFunctions = entries.filter((e) => /@customfunction\b/.test(e.jsdoc)).map((e) => e.name);

// The custom functions on their own: src/main.ts's exports of those names and only the modules they reach. No
// module of src/ has import side effects, so esbuild may leave out every module the four do not use.
const functions = await build({
  stdin: { contents: `export { ${customFunctions.join(', ')} } from './src/main';`, resolveDir: root, loader: 'ts' },
  define: { MY_WEEK_CLIENT: '""' },
  bundle: true,
  format: 'iife',
  globalName: FUNCTIONS,
  target: 'es2020',
  platform: 'neutral',
  charset: 'utf8',
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  write: false,
  metafile: true,
  logLevel: 'warning',
  plugins: [{
    name: 'src-has-no-import-side-effects',
    setup(b) {
      b.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData === 'resolved') return undefined;
        const found = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolved' });
        return found.errors.length === 0 && found.path.startsWith(join(root, 'src')) ? { path: found.path, sideEffects: false } : undefined;
      });
    },
  }],
});

// The rest of the tracker as the text of a comment, evaluated once per execution on first use (indirect eval: in
// the global scope); sourceURL names it in stack traces.
const appCode = localBuiltins(result.outputFiles[0].text, `var ${APP}=(()=>{`);
const appSource = `${appCode}\n${APP}\n//# sourceURL=MarketExpansionTracker.js\n`;
const loader = [
  '// The tracker itself: compiled the first time an entry point other than a custom function runs.',
  `var ${NAMESPACE} = (function (holder) {`,
  '  var app = null;',
  `  return { app: function () { return app || (app = (0, eval)(${commentSource('holder')})); } };`,
  `})(${commentHolder(appSource)});`,
].join('\n');

// Custom functions call their own part; every other wrapper runs its entry point inside one run state
// (src/gas/run.ts: tabs, time zone looked up once per run).
const wrappers = entries
  .map(({ name, params, jsdoc }) => {
    const list = params.join(', ');
    const body = customFunctions.includes(name)
      ? `  return ${FUNCTIONS}.${name}.apply(this, arguments);`
      : `  var app = ${NAMESPACE}.app();\n  return app.runEntry(app.${name}, this, arguments);`;
    return `${jsdoc ? `${jsdoc}\n` : ''}function ${name}(${list}) {\n${body}\n}\n`;
  })
  .join('\n');

const banner = '// Market Expansion Tracker: built from src/ by scripts/build.mjs. Do not edit; edit the TypeScript and rebuild.\n';
mkdirSync(dist, { recursive: true });
const functionsCode = localBuiltins(functions.outputFiles[0].text, `var ${FUNCTIONS} = (() => {\n`);
writeFileSync(join(dist, 'Code.js'), `${banner}${functionsCode}\n${loader}\n\n${wrappers}`);
copyFileSync(join(root, 'appsscript.json'), join(dist, 'appsscript.json'));
// What went into the bundle, for the test that keeps Node-only code out of it.
mkdirSync(join(root, 'build'), { recursive: true });
const inputs = new Set([...Object.keys(result.metafile.inputs), ...Object.keys(client.metafile.inputs), ...Object.keys(functions.metafile.inputs).filter((f) => f !== '<stdin>')]);
writeFileSync(join(root, 'build', 'bundle-inputs.json'), `${JSON.stringify([...inputs].sort(), null, 2)}\n`);
const size = Buffer.byteLength(readFileSync(join(dist, 'Code.js')));
const eager = Buffer.byteLength(functions.outputFiles[0].text);
console.log(`dist/Code.js ${(size / 1024).toFixed(1)} KiB (the custom functions ${(eager / 1024).toFixed(1)} KiB of it as code), ${entries.length} entry points`);
