exports.up = (knex) => knex.schema.createTable('table_5', (t) => t.bigIncrements('id'));

exports.down = (knex) => knex.schema.dropTable('table_5');
