import type { Command } from '../command';
import { USAGE } from './usage';

/** A command known by name, loaded only when run: `strata migrate status` never loads the linter. */
export interface CommandEntry {
  readonly name: string;
  /** Its lines in `strata help`, without loading it. */
  readonly usage: readonly string[];
  load(): Command;
}

/* eslint-disable @typescript-eslint/no-require-imports */
/** Every `strata` command, in the order `strata help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'migrate', usage: USAGE.migrate, load: () => (require('./migrate') as typeof import('./migrate')).migrateCommand },
  { name: 'seed', usage: USAGE.seed, load: () => (require('./seed') as typeof import('./seed')).seedCommand },
  { name: 'db', usage: USAGE.db, load: () => (require('./db') as typeof import('./db')).dbCommand },
  { name: 'demo', usage: USAGE.demo, load: () => (require('./demo') as typeof import('./demo')).demoCommand },
  { name: 'lint', usage: USAGE.lint, load: () => (require('./lint') as typeof import('./lint')).lintCommand },
  { name: 'check', usage: USAGE.check, load: () => (require('./check') as typeof import('./check')).checkCommand },
  { name: 'new', usage: USAGE.new, load: () => (require('./new') as typeof import('./new')).newCommand },
  { name: 'schema', usage: USAGE.schema, load: () => (require('./schema') as typeof import('./schema')).schemaCommand },
];
