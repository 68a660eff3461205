#!/usr/bin/env node
// Launcher of the offline command line (package.json "bin"). The command itself is TypeScript in
// src/node/cli.ts, bundled into build/cli.js by `npm run build` (scripts/build-cli.mjs).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'build', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write(
    'market-expansion: build/cli.js is missing. Run "npm run build" first (in the project folder).\n' +
    'market-expansion：缺少 build/cli.js。请先在项目目录中运行 “npm run build”。\n',
  );
  process.exitCode = 2;
} else {
  require(cli)
    .main(process.argv.slice(2))
    .then((code) => { process.exitCode = code; })
    .catch((error) => {
      process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
      process.exitCode = 2;
    });
}
