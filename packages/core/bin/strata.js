#!/usr/bin/env node
'use strict';
// Strata is TypeScript run as is: types are stripped on load (no ts-node, no build step).
require('./ts-hook').register();
// `strata help | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) stream.on('error', (error) => error.code === 'EPIPE' && process.exit(process.exitCode ?? 0));
const { main } = require('../src/cli/main.ts');

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // Exit once output is flushed, even if a driver left a handle open.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
});
