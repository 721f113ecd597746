/**
 * What `strata help` and `strata <command> --help` print, kept apart from the commands so that
 * help loads none of them (nor knex, pg or the linter).
 */
import { CheckStep } from '../../check/types';

export const USAGE = {
  migrate: [
    'strata migrate latest|up [name]|down [name]|rollback [--every-batch]|to <name> [--dry-run] [--allow-data-loss] [--allow-out-of-order] [--accept-checksum NAME]',
    'strata migrate status|list [--json]',
    'strata migrate make <name>',
    'strata migrate baseline [name] [--dry-run] [--scratch-url URL]   (an existing database: record the migrations up to name, or all, as applied — refused unless its schema is theirs)',
  ],
  seed: ['strata seed run [--profile reference|demo] [--rerun] [--dry-run]', 'strata seed undo [--profile demo] [--dry-run]', 'strata seed status [--json]', 'strata seed make <name>'],
  db: ['strata db start|stop [--force]|status [--pg <major>]', 'strata db url|psql [--pg <major>]    (inside a package: its database; at the root: the server)'],
  demo: ['strata demo    (at the workspace root: every package; inside a package: that one)'],
  lint: [
    'strata lint [--format text|json|github]          (inside a package; --all at the root)',
    'strata lint --migrations DIR [--url URL] [--setup FILE] [--format …]  (URL: a database whose server gets the scratch database;',
    '      FILE: SQL run on the scratch database first, e.g. CREATE SCHEMA app; SET search_path TO app, public)',
    'strata lint --schema [--url URL] [--format …]    (conventions of a migrated database)',
  ],
  check: [
    'strata check [--all | --migrations DIR [--seeds DIR]] [--update] [--step NAME…] [--json] [--pg 14..18] [--jobs N] [--setup FILE]',
    `      steps: ${Object.values(CheckStep).join(', ')}; --update writes migrations.sum (new migrations only), schema.snapshot and docs/SCHEMA.md`,
    '      FILE: SQL run on every scratch database first (a package declares it as strata.lint.setup)',
  ],
  docs: [
    'strata docs [--all | --migrations DIR] [--check] [--setup FILE] [--pg 14..18]   (writes docs/SCHEMA.md of each package)',
    '      --check: write nothing, exit 1 when a committed docs/SCHEMA.md differs from what would be written',
  ],
  new: ['strata new <name>    (a schema package packages/<name>, passing strata check as generated)'],
  schema: ['strata schema dump --url URL [--format text|json] [--out FILE] [--schema NAME]', 'strata schema diff A B [--schema NAME]   (A, B: snapshot files or postgres:// URLs; exit 1 when they differ)'],
} as const;
