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
const { probeServer } = require('../src/testing/servers.ts');

const STRATA = path.join(__dirname, '..', 'bin', 'strata.js');
const ROOT = path.resolve(__dirname, '..', '..', '..');

function check(label, args, env) {
  console.log(`== strata check --all on ${label}`);
  const result = spawnSync(process.execPath, [STRATA, 'check', '--all', ...args], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}


async function main() {
  check('embedded PostgreSQL 18', ['--pg', '18'], {});
  const local = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await probeServer(local)) check(`the server of ${local.replace(/:[^:@/]*@/, ':***@')}`, [], { DATABASE_URL: local });
  else console.log(`== no server at ${local.replace(/:[^:@/]*@/, ':***@')}: checked on the embedded server only`);
}

main();
