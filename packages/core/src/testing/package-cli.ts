import path from 'node:path';
import { readPackage } from '../workspace/packages';
import { runCli, type CliResult } from './cli';

/** The CLI of one schema package, as its tests use it. */
export interface PackageCli {
  /** Runs `strata <args> --url <url>` in the package folder, as a user would. */
  strata(url: string, args: readonly string[], env?: Readonly<Record<string, string | undefined>>): Promise<CliResult>;
  /** Like `strata`, failing the test with the CLI's output when it does not exit 0. */
  strataOk(url: string, args: readonly string[], env?: Readonly<Record<string, string | undefined>>): Promise<CliResult>;
}

/**
 * Runs the real `strata` binary inside a package folder, with the variables that would change
 * what it does removed (the package's `<PACKAGE>_DATABASE_URL`, DATABASE_URL, STRATA_ENV,
 * NODE_ENV, and the package's own secrets listed in `unset`), so every test starts clean.
 * @example export const { strata, strataOk } = packageCli(path.resolve(__dirname, '..'), { unset: ['BALATRIX_ADMIN_PASSWORD'] });
 */
export function packageCli(packageDir: string, options: { unset?: readonly string[] } = {}): PackageCli {
  const dir = path.resolve(packageDir);
  const pkg = readPackage(dir);
  if (!pkg) throw new Error(`${dir} is not a schema package (no package.json with migrations/ beside it)`);
  const clean = Object.fromEntries([pkg.databaseEnvVar, ...(options.unset ?? [])].map((name) => [name, undefined]));
  const strata: PackageCli['strata'] = (url, args, env = {}) => runCli([...args, '--url', url], { cwd: dir, env: { ...clean, ...env } });
  return {
    strata,
    async strataOk(url, args, env = {}) {
      const result = await strata(url, args, env);
      if (result.code !== 0) throw new Error(`strata ${args.join(' ')} exited ${result.code}:\n${result.stderr}\n${result.stdout}`);
      return result;
    },
  };
}
