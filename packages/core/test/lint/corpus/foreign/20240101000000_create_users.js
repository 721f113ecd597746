// Another project's migrations, as stock Knex writes them: Knex's default constraint and index
// names, no migrations.sum, no schema.snapshot, no package.json "strata" field.
exports.up = (knex) =>
  knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('email').notNullable().unique();
    t.timestamps(true, true);
  });

exports.down = (knex) => knex.schema.dropTable('users');
