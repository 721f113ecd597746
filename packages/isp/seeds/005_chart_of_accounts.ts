/** Reference: the chart of accounts the billing system posts its journal entries to. */
import type { Knex } from 'knex';
import { ensureRow, SeedProfile } from '@strata/core';
import { deleteSeeded, stableId } from '../src';
import { LEDGER_ACCOUNTS } from '../src/reference';
import { Table } from '../src/tables';

export const profile = SeedProfile.reference;

export async function seed(knex: Knex): Promise<void> {
  for (const account of LEDGER_ACCOUNTS) {
    await ensureRow(knex, Table.ledgerAccounts, { code: account.code }, {
      id: stableId(Table.ledgerAccounts, account.code),
      code: account.code,
      name: account.name,
      account_type: account.accountType,
    });
  }
}

export async function undo(knex: Knex): Promise<void> {
  await deleteSeeded(knex, Table.ledgerAccounts, LEDGER_ACCOUNTS.map((account) => account.code));
}
