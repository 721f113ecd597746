/**
 * Baseline: the three tables the seed's foreign keys presuppose — organizations (the tenants),
 * users and content_items — in the shape existing databases have them, built by the
 * application's Alembic history before 0004: varchar(36) ids written by the application
 * (`str(uuid4())`), naive UTC `timestamp`s, constraints named by PostgreSQL, indexes named
 * `ix_<table>_<column>` by SQLAlchemy.
 *
 * Convergent like the seed's safe migrations (see src/ddl.ts): on a database that has these
 * tables it adds only what is missing, so history can start on an existing database.
 * down() changes nothing: the package's policy is additive-only (README, "Migration History
 * and Safety").
 */
import type { Knex } from 'knex';
import { column, ensureTable, type TableShape } from '../src/ddl';
import { Table } from '../src/tables';

const ORGANIZATIONS: TableShape = {
  name: Table.organizations,
  primaryKey: { name: 'organizations_pkey', columns: ['id'] },
  columns: [
    column('id', 'varchar(36) NOT NULL'),
    column('name', 'varchar(255) NOT NULL'),
    // The organisation's handle in URLs and the API; unique across the platform.
    column('slug', 'varchar(100) NOT NULL'),
    // A closed organisation is deactivated, not deleted: deleting cascades to all its data.
    column('is_active', 'boolean NOT NULL DEFAULT true'),
    column('created_at', 'timestamp NOT NULL'),
    column('updated_at', 'timestamp NOT NULL'),
  ],
  indexes: [{ name: 'ix_organizations_slug', columns: ['slug'], unique: true }],
};

const USERS: TableShape = {
  name: Table.users,
  primaryKey: { name: 'users_pkey', columns: ['id'] },
  columns: [
    column('id', 'varchar(36) NOT NULL'),
    column('org_id', 'varchar(36) NOT NULL'),
    // Stored lower-case by the application; the sign-in identity, unique across the platform.
    column('email', 'varchar(255) NOT NULL'),
    column('full_name', 'varchar(255)'),
    // 'owner' | 'admin' | 'member', checked by the application as in existing databases.
    column('role', "varchar(20) NOT NULL DEFAULT 'member'"),
    column('is_active', 'boolean NOT NULL DEFAULT true'),
    column('last_login_at', 'timestamp'),
    column('created_at', 'timestamp NOT NULL'),
    column('updated_at', 'timestamp NOT NULL'),
  ],
  constraints: [
    // CASCADE: a user exists only inside its organisation; closing the tenant for good
    // (an erasure request) removes its people with it.
    { name: 'users_org_id_fkey', definition: 'FOREIGN KEY (org_id) REFERENCES organizations (id) ON DELETE CASCADE' },
  ],
  indexes: [
    { name: 'ix_users_org_id', columns: ['org_id'] },
    { name: 'ix_users_email', columns: ['email'], unique: true },
  ],
};

const CONTENT_ITEMS: TableShape = {
  name: Table.contentItems,
  primaryKey: { name: 'content_items_pkey', columns: ['id'] },
  columns: [
    column('id', 'varchar(36) NOT NULL'),
    column('org_id', 'varchar(36) NOT NULL'),
    column('created_by', 'varchar(36)'),
    column('title', 'varchar(255) NOT NULL'),
    // 'image' | 'video' | 'text'.
    column('kind', 'varchar(20) NOT NULL'),
    // 'draft' → 'generating' → 'ready' | 'failed'; 'ready' → 'published'.
    column('status', "varchar(20) NOT NULL DEFAULT 'draft'"),
    // What the model was asked; the generated text (kind 'text'); where the media is stored.
    column('prompt', 'text'),
    column('body', 'text'),
    column('media_url', 'varchar(500)'),
    column('metadata', 'json'),
    column('published_at', 'timestamp'),
    column('created_at', 'timestamp NOT NULL'),
    column('updated_at', 'timestamp NOT NULL'),
  ],
  constraints: [
    // CASCADE: content is the tenant's data and goes with the organisation.
    { name: 'content_items_org_id_fkey', definition: 'FOREIGN KEY (org_id) REFERENCES organizations (id) ON DELETE CASCADE' },
    // SET NULL: content belongs to the organisation and outlives its author's account
    // (the seed's rule for asset_templates.created_by).
    { name: 'content_items_created_by_fkey', definition: 'FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL' },
  ],
  indexes: [
    { name: 'ix_content_items_org_id', columns: ['org_id'] },
    { name: 'ix_content_items_created_by', columns: ['created_by'] },
  ],
};

/**
 * Legacy types on purpose (README, "Design decisions"): existing databases have these columns so,
 * and the additive-only policy forbids the type change that would rewrite them.
 */
export const lint = {
  allow: {
    'prefer-timestamptz': 'naive UTC timestamps, as existing databases have them; timestamptz would rewrite their tables, which the additive-only policy forbids',
    'json-column': 'json, as existing databases have it; jsonb would rewrite their tables, which the additive-only policy forbids',
  },
};

export async function up(knex: Knex): Promise<void> {
  await ensureTable(knex, ORGANIZATIONS);
  await ensureTable(knex, USERS);
  await ensureTable(knex, CONTENT_ITEMS);
}

/** Additive-only: rolling back keeps the tables and their rows; up() converges again. */
export async function down(): Promise<void> {}
