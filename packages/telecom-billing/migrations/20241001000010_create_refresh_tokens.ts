/** JWT refresh tokens, stored hashed; rotation keeps a family so reuse of an old token revokes all. */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, foreignKey, ixName, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { Table } from '../src/tables';

const TABLE = Table.refreshTokens;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    // CASCADE: a token is only a session of its user and means nothing without it.
    foreignKey(t, TABLE, 'user_id', { references: Table.users, onDelete: 'cascade' });
    // SHA-256 of the token: a leaked table does not leak usable tokens.
    t.string('token_hash', 64).notNullable();
    // Every token rotated from the same login shares a family; presenting a revoked one revokes the family.
    t.uuid('family_id').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('revoked_at', { useTz: true }).nullable();
    t.specificType('ip_address', 'inet').nullable();
    t.text('user_agent').nullable();
    timestamps(t, knex);
    t.unique(['token_hash'], { indexName: uqName(TABLE, ['token_hash']) });
    t.index(['family_id'], ixName(TABLE, ['family_id']));
    // The cleanup job deletes expired tokens.
    t.index(['expires_at'], ixName(TABLE, ['expires_at']));
  });
  await addUpdatedAtTrigger(knex, TABLE);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
}
