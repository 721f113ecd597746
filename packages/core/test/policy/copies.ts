/** Throwaway copies of the policy fixtures, with the package.json policy set, removed or broken. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const FIXTURES = path.join(__dirname, 'fixtures');
const made: string[] = [];

/**
 * A copy of fixture `name` as package folder `notes` (so messages name it `notes`): `policy`
 * replaces the package.json `strata.policy` (undefined removes it); `overlays` are folders of
 * fixtures/broken whose migrations are added.
 */
export function fixtureCopy(name: string, policy: unknown, ...overlays: string[]): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'strata-policy-'));
  made.push(root);
  const dir = path.join(root, 'notes');
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  for (const overlay of overlays) cpSync(path.join(FIXTURES, 'broken', overlay), path.join(dir, 'migrations'), { recursive: true });
  setPolicy(dir, policy);
  return dir;
}

/** Sets the package.json `strata.policy` of a copy (undefined removes it). */
export function setPolicy(dir: string, policy: unknown): void {
  const manifest = path.join(dir, 'package.json');
  const json = JSON.parse(readFileSync(manifest, 'utf8')) as { strata: Record<string, unknown> };
  if (policy === undefined) delete json.strata.policy;
  else json.strata.policy = policy;
  writeFileSync(manifest, `${JSON.stringify(json, null, 2)}\n`);
}

/** Removes every copy made (afterAll). */
export function removeCopies(): void {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
}
