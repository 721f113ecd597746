// transaction: false, CREATE INDEX CONCURRENTLY: previewed inside the dry run's transaction without CONCURRENTLY.
exports.config = { transaction: false };

exports.up = async (knex) => {
  console.info('building the index concurrently');
  await knex.raw('CREATE INDEX CONCURRENTLY IF NOT EXISTS items_name_idx ON items (name)');
  await knex.raw('ALTER TABLE items ADD COLUMN IF NOT EXISTS sku text');
};

exports.down = async (knex) => {
  await knex.raw('ALTER TABLE items DROP COLUMN IF EXISTS sku');
  await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS items_name_idx');
};
