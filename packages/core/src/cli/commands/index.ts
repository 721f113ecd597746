import type { Command } from '../command';

/** A command known by name, loaded only when run: `strata migrate status` never loads the linter. */
export interface CommandEntry {
  readonly name: string;
  load(): Command;
}

/* eslint-disable @typescript-eslint/no-require-imports */
/** Every `strata` command, in the order `strata help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'migrate', load: () => (require('./migrate') as typeof import('./migrate')).migrateCommand },
  { name: 'seed', load: () => (require('./seed') as typeof import('./seed')).seedCommand },
  { name: 'db', load: () => (require('./db') as typeof import('./db')).dbCommand },
  { name: 'demo', load: () => (require('./demo') as typeof import('./demo')).demoCommand },
  { name: 'lint', load: () => (require('./lint') as typeof import('./lint')).lintCommand },
  { name: 'check', load: () => (require('./check') as typeof import('./check')).checkCommand },
  { name: 'new', load: () => (require('./new') as typeof import('./new')).newCommand },
  { name: 'schema', load: () => (require('./schema') as typeof import('./schema')).schemaCommand },
  { name: 'docs', load: () => (require('./docs') as typeof import('./docs')).docsCommand },
];
