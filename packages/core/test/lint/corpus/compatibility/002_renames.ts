import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.renameTable('legacy', 'legacy_members');
  await knex.schema.alterTable('members', (t) => t.renameColumn('nickname', 'alias'));
  // Near misses: renaming what this migration just created breaks nobody.
  await knex.schema.createTable('drafts', (t) => t.text('title'));
  await knex.schema.alterTable('drafts', (t) => t.renameColumn('title', 'heading'));
  await knex.schema.renameTable('drafts', 'draft_posts');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('draft_posts');
  await knex.schema.alterTable('members', (t) => t.renameColumn('alias', 'nickname'));
  await knex.schema.renameTable('legacy_members', 'legacy');
}
