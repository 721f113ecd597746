#!/usr/bin/env node
'use strict';
// Strata is TypeScript run as is: types are stripped on load (no ts-node, no build step).
// pg asks "am I in a Cloudflare Worker?" by building a fetch Response when `navigator` is
// missing, which loads all of undici (~30–50 ms of every start on Node 20). Node 21+ defines
// `navigator`; give Node 20 the same answer it would give, so pg's question costs nothing.
if (typeof globalThis.navigator === 'undefined') {
  Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${process.versions.node.split('.')[0]}` }, configurable: true, writable: true });
}
require('./ts-hook').register();
// `strata help | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) stream.on('error', (error) => error.code === 'EPIPE' && process.exit(process.exitCode ?? 0));
const { main } = require('../src/cli/main.ts');

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // Exit once output is flushed, even if a driver left a handle open.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
});
