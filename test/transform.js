// Jest's TypeScript transform: esbuild (already the bundler) strips the types, as ts-jest did with type checks
// off (npm run typecheck checks the types). ts-jest took seconds per suite on a clean clone; esbuild takes
// milliseconds. The class-field semantics are the tsconfig's (target ES2020: fields assigned in the constructor).
const { createHash } = require('node:crypto');
const { transformSync, version } = require('esbuild');

// esbuild reads only these of the tsconfig (its own import interop matches esModuleInterop).
const TSCONFIG = { compilerOptions: { target: 'ES2020', useDefineForClassFields: false } };

module.exports = {
  process(sourceText, sourcePath) {
    const { code, map } = transformSync(sourceText, {
      loader: 'ts',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'external',
      sourcefile: sourcePath,
      tsconfigRaw: TSCONFIG,
    });
    return { code, map };
  },
  getCacheKey(sourceText, sourcePath) {
    return createHash('sha256').update(version).update(JSON.stringify(TSCONFIG)).update(sourcePath).update('\0').update(sourceText).digest('hex');
  },
};
