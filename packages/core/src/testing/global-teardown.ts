import type { EmbeddedServer } from '../db/embedded';

/** Jest global teardown: stops and deletes the throwaway embedded server. */
export default async function globalTeardown(): Promise<void> {
  (globalThis as { __strataEmbedded?: EmbeddedServer }).__strataEmbedded?.destroy();
}
