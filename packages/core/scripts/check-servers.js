#!/usr/bin/env node
'use strict';
/**
 * `pnpm check`: `strata check --all` on two PostgreSQL majors — the embedded 18, and the server
 * of DATABASE_URL (else 127.0.0.1:5432) when it answers; a machine without one checks on the
 * embedded server alone, and says so.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');
require('../bin/ts-hook').register();
const { maskUrl, probeServer } = require('../src/testing/servers.ts');

const STRATA = path.join(__dirname, '..', 'bin', 'strata.js');
const ROOT = path.resolve(__dirname, '..', '..', '..');

function check(label, args, env) {
  console.log(`== strata check --all on ${label}`);
  const result = spawnSync(process.execPath, [STRATA, 'check', '--all', ...args], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}


async function main() {
  const local = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  // Only "nothing listening" means no server; a server refusing us (wrong password) is an error,
  // found before the long checks start.
  const localUp = await probeServer(local);
  check('embedded PostgreSQL 18', ['--pg', '18'], {});
  if (localUp) check(`the server of ${maskUrl(local)}`, [], { DATABASE_URL: local });
  else console.log(`== no server at ${maskUrl(local)}: checked on the embedded server only`);
}

main().catch((error) => {
  console.error(`pnpm check: ${error.message}`);
  process.exit(1);
});
