import type { Command } from '../command';
import { checkCommand } from './check';
import { dbCommand } from './db';
import { demoCommand } from './demo';
import { migrateCommand } from './migrate';
import { seedCommand } from './seed';

/** Every `strata` command, in the order `strata help` lists them. */
export const COMMANDS: readonly Command[] = [migrateCommand, seedCommand, dbCommand, demoCommand, checkCommand];
