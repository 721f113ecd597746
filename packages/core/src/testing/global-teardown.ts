import { rmSync } from 'node:fs';
import type { EmbeddedServer } from '../db/embedded';

/** Jest global teardown: stops and deletes the throwaway embedded server and the run's temporary folder. */
export default async function globalTeardown(): Promise<void> {
  (globalThis as { __strataEmbedded?: EmbeddedServer }).__strataEmbedded?.destroy();
  const runDir = process.env.STRATA_TEST_RUN_DIR;
  if (runDir) rmSync(runDir, { recursive: true, force: true });
}
