import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedServer } from '../db/embedded';
import { localServerUrl, probeServer, TEST_SERVERS_ENV, type TestServer } from './servers';

/**
 * Jest global setup: starts a throwaway embedded server (major STRATA_TEST_PG_MAJOR,
 * default 18) and adds the local server when it answers, so every integration test
 * runs on two real PostgreSQL majors.
 */
export default async function globalSetup(): Promise<void> {
  // Every temporary file of this run — the tests', the CLI's they spawn, the server's — goes
  // into one folder that the teardown removes, so a run leaves nothing in /tmp.
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'strata-jest-'));
  chmodSync(runDir, 0o755); // the embedded server's user (postgres, as root) must enter it
  process.env.TMPDIR = runDir;
  process.env.STRATA_TEST_RUN_DIR = runDir;
  const major = Number(process.env.STRATA_TEST_PG_MAJOR ?? 18);
  const home = mkdtempSync(path.join(runDir, `pg${major}-`));
  // Above Linux's ephemeral range (32768–60999) and apart from the checkouts' ports (22000–31999).
  const port = 61000 + Math.floor(Math.random() * 4500);
  const server = new EmbeddedServer({ major, home, port });
  server.start();
  (globalThis as { __strataEmbedded?: EmbeddedServer }).__strataEmbedded = server;

  const servers: TestServer[] = [{ label: `embedded-${major}`, url: server.url }];
  if (process.env.STRATA_TEST_LOCAL !== '0') {
    const local = localServerUrl();
    const localMajor = await probeServer(local);
    if (localMajor) servers.push({ label: `local-${localMajor}`, url: local });
  }
  process.env[TEST_SERVERS_ENV] = JSON.stringify(servers);
  process.env.STRATA_TEST_EMBEDDED_HOME = home;
}
