// Builds the Apps Script bundle: dist/Code.js + dist/appsscript.json.
//
// esbuild bundles src/main.ts into one IIFE held by a single non-function global (so internal helpers
// never become Apps Script globals). Apps Script only treats top-level `function` declarations as entry
// points, and Sheets only autocompletes a custom function whose JSDoc with @customfunction sits directly
// above such a declaration, so each export of src/main.ts gets a top-level wrapper carrying its JSDoc.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { writeIfChanged as writeCalendarData } from './calendar-data.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'src/main.ts');
const dist = join(root, 'dist');
const NAMESPACE = 'MarketExpansionTracker';

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
  globalName: NAMESPACE,
  target: 'es2020',
  platform: 'neutral',
  charset: 'utf8',
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  write: false,
  metafile: true,
  logLevel: 'warning',
});

// Each wrapper runs its entry point inside one run state (src/gas/run.ts: tabs, time zone looked up once per run).
const wrappers = entryPoints()
  .map(({ name, params, jsdoc }) => {
    const list = params.join(', ');
    return `${jsdoc ? `${jsdoc}\n` : ''}function ${name}(${list}) {\n  return ${NAMESPACE}.runEntry(${NAMESPACE}.${name}, this, arguments);\n}\n`;
  })
  .join('\n');

const banner = '// Market Expansion Tracker: built from src/ by scripts/build.mjs. Do not edit; edit the TypeScript and rebuild.\n';
mkdirSync(dist, { recursive: true });
writeFileSync(join(dist, 'Code.js'), `${banner}${result.outputFiles[0].text}\n${wrappers}`);
copyFileSync(join(root, 'appsscript.json'), join(dist, 'appsscript.json'));
// What went into the bundle, for the test that keeps Node-only code out of it.
mkdirSync(join(root, 'build'), { recursive: true });
const inputs = new Set([...Object.keys(result.metafile.inputs), ...Object.keys(client.metafile.inputs)]);
writeFileSync(join(root, 'build', 'bundle-inputs.json'), `${JSON.stringify([...inputs].sort(), null, 2)}\n`);
const size = Buffer.byteLength(readFileSync(join(dist, 'Code.js')));
console.log(`dist/Code.js ${(size / 1024).toFixed(1)} KiB, ${entryPoints().length} entry points`);
