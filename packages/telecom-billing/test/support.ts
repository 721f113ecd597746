/** Shared by the package's tests: the real `strata` CLI run in this package, with a clean environment. */
import path from 'node:path';
import { packageCli } from '@strata/core/testing';

/** The package folder: the CLI finds migrations/ and seeds/ from here, as `pnpm migrate` does. */
export const PACKAGE_DIR = path.resolve(__dirname, '..');

/** `strata(url, args, env)` / `strataOk(…)`: the CLI without the production password variables of the caller. */
export const cli = packageCli(PACKAGE_DIR, { unset: ['BALATRIX_ADMIN_PASSWORD', 'BALATRIX_SUPPORT_PASSWORD'] });
export const { strata, strataOk } = cli;
