import path from 'node:path';
import { compareDocs, generateDocs, writeDocs } from '../../docs';
import { dropLiveScratchDatabases } from '../../db/scratch';
import { maskSecrets } from '../../db/url';
import { ExitCode, messageOf, StrataError, UsageError } from '../../errors';
import { existingSetupFlag } from '../args';
import { booleanFlag, FlagKind, type Command } from '../command';
import { resolveTargets, withServers } from '../targets';
import { USAGE } from './usage';

/**
 * `strata docs`: writes each package's `docs/SCHEMA.md` — ERD (Mermaid), migration order, safety,
 * tables, enums, functions, SQL preview — from scratch databases migrated to latest on the
 * package's server (the embedded PostgreSQL by default) and the migration files. The same input
 * gives the same bytes on every run and every PostgreSQL major; `strata check` fails while the
 * committed file differs.
 */
export const docsCommand: Command = {
  name: 'docs',
  usage: USAGE.docs,
  flags: { check: FlagKind.boolean, setup: FlagKind.string },
  async run(args, io) {
    if (args.positionals.length > 0) throw new UsageError(`strata docs takes no arguments (got '${args.positionals[0]}')`);
    const checkOnly = booleanFlag(args, 'check');
    // Like lint and check, docs only creates scratch databases on the target's server.
    const { targets } = resolveTargets(args, process.cwd(), { scratchOnly: true });
    const setupFile = existingSetupFlag(args, targets.length);
    // Ctrl-C still drops the scratch databases, as in strata check.
    const interrupted = (signal: NodeJS.Signals): void => {
      io.err(`strata docs: ${signal}, dropping scratch databases…`);
      process.on('uncaughtException', () => undefined);
      void dropLiveScratchDatabases().finally(() => process.exit(130));
    };
    process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
    return withServers(
      targets.map((t) => t.database),
      async () => {
        let code: number = ExitCode.ok;
        for (const { pkg, database } of targets) {
          let text: string;
          try {
            text = await generateDocs(pkg, database.url, setupFile);
          } catch (error) {
            if (error instanceof UsageError) throw error;
            io.err(`strata docs: ${pkg.label}: ${maskSecrets(error instanceof StrataError ? error.message : `unexpected error: ${messageOf(error)}`)}`);
            code = ExitCode.failure;
            continue;
          }
          const comparison = compareDocs(pkg, text);
          const relative = path.relative(process.cwd(), comparison.file) || comparison.file;
          if (checkOnly) {
            if (comparison.state === 'fresh') io.out(`${pkg.label}: ${relative} is up to date`);
            else {
              io.out(`${pkg.label}: ${relative} is ${comparison.state}${comparison.firstDifference ? ` (differs from line ${comparison.firstDifference})` : ''}: run strata docs and commit it`);
              for (const line of comparison.excerpt) io.out(`    ${line}`);
              code = ExitCode.failure;
            }
            continue;
          }
          io.out(writeDocs(pkg, text) ? `${pkg.label}: wrote ${relative}` : `${pkg.label}: ${relative} is up to date`);
        }
        return code;
      },
    ).finally(() => process.removeListener('SIGINT', interrupted).removeListener('SIGTERM', interrupted));
  },
};
