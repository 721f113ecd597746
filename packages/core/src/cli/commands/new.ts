import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { runChecks } from '../../check/run';
import { CheckStep } from '../../check/types';
import { resolveDatabase } from '../../db/target';
import { UsageError, StrataError } from '../../errors';
import { findWorkspace, readPackage } from '../../workspace/packages';
import { packageFiles, validatePackageName } from '../../workspace/scaffold';
import type { Command } from '../command';
import { withServers } from '../targets';
import { USAGE } from './usage';

/**
 * `strata new <name>`: scaffolds `packages/<name>` so that `strata check` passes as generated:
 * the files of every package, then `migrations.sum` and `schema.snapshot` written from a real
 * migration run on a scratch database. Touches no file outside the new folder; if anything
 * fails, the folder is removed again.
 */
export const newCommand: Command = {
  name: 'new',
  usage: USAGE.new,
  flags: {},
  async run(args, io) {
    const [raw, ...extra] = args.positionals;
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}' for strata new`);
    const name = validatePackageName(raw);
    const root = findWorkspace(process.cwd())?.root;
    if (!root) throw new UsageError('strata new runs inside a Strata workspace (a folder with pnpm-workspace.yaml): cd into it first');
    const dir = path.join(root, 'packages', name);
    if (existsSync(dir)) throw new UsageError(`packages/${name} already exists: choose another name, or remove it first`);
    try {
      for (const [file, text] of Object.entries(packageFiles(name))) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), text, { flag: 'wx' });
      }
      const pkg = readPackage(dir)!;
      const database = resolveDatabase({ pkg, root, ...(args.flags.url ? { url: String(args.flags.url) } : {}) });
      const [report] = await withServers([database], () =>
        runChecks([{ subject: pkg, options: { serverUrl: database.url, update: true, steps: [CheckStep.history, CheckStep.drift] } }], { concurrency: 2 }),
      );
      const failure = report?.steps.flatMap((step) => step.failures)[0];
      if (failure) throw new StrataError(`could not write the schema files of packages/${name}: ${failure.message}`);
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    io.out(`created packages/${name} (@strata/${name})`);
    io.out(`  next: pnpm install (links it and records it in pnpm-lock.yaml), then cd packages/${name} && pnpm check`);
    return 0;
  },
};
