// Two transformations scripts/build.mjs applies to esbuild's output, kept apart so a test can check them.

/** The standard built-ins a bundle part may read as locals (see localBuiltins). */
const BUILTINS = [
  'Array', 'BigInt', 'Boolean', 'Date', 'Error', 'Intl', 'JSON', 'Map', 'Math', 'Number', 'Object', 'Promise',
  'RangeError', 'Reflect', 'RegExp', 'Set', 'String', 'Symbol', 'SyntaxError', 'TypeError', 'WeakMap', 'WeakSet',
  'isFinite', 'isNaN', 'parseFloat', 'parseInt',
];

/**
 * Reads the built-ins an IIFE uses once, as locals of the IIFE, right after its opening `opening`. A global
 * look-up costs far more than a local one in a V8 context whose global object is intercepted (Node's `vm`, which
 * the emulator and the benchmark run the bundle in): ACHIEVEMENT_RATE over 10,000 rows went from ~23 to ~7 ms of
 * CPU there. The values are the same objects, so nothing else changes.
 */
export function localBuiltins(code, opening) {
  const at = code.indexOf(opening);
  if (at < 0) throw new Error(`localBuiltins: "${opening}" not found`);
  const body = code.slice(at + opening.length);
  const used = BUILTINS.filter((name) => new RegExp(`(?<![.\\w$])${name}(?![\\w$])`).test(body));
  if (used.length === 0) return code;
  const declaration = `const { ${used.join(', ')} } = globalThis;`;
  return `${code.slice(0, at + opening.length)}${opening.endsWith('\n') ? `  ${declaration}\n` : declaration}${body}`;
}

/**
 * Source held in a comment (see commentHolder) writes each `*\/` as `*` SEPARATOR `/`, so the comment cannot
 * end early; a private-use character, which build checks the source does not contain.
 */
export const SEPARATOR = '\uE000';

/**
 * A function expression whose body is only a comment holding `source`, and the expression that gets the source
 * back from it (`holder` names the function): Function.prototype.toString returns a function's exact source text
 * (ECMAScript 2019), so the source survives byte for byte. V8 skips a comment far faster than it scans a string
 * literal of the same length (about 1 ms against 6 ms of CPU for the tracker's 520 KB): Apps Script compiles the
 * whole project before every custom-function call.
 */
export function commentHolder(source) {
  if (source.includes(SEPARATOR)) throw new Error('commentHolder: the source contains the separator character U+E000');
  const body = source.split('*/').join(`*${SEPARATOR}/`);
  return `function () {/*${body}*/}`;
}

/** The JavaScript expression that reads the source back from the holder function named `holder`. */
export function commentSource(holder) {
  return `(function (text) { return text.slice(text.indexOf('/*') + 2, text.lastIndexOf('*/')).split('*${escapeForSingleQuotes(SEPARATOR)}/').join('*/'); })(String(${holder}))`;
}

function escapeForSingleQuotes(text) {
  return [...text].map((c) => (c.charCodeAt(0) > 0x7e ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');
}
