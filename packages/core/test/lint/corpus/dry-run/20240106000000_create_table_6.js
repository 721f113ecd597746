exports.up = (knex) => knex.schema.createTable('table_6', (t) => t.bigIncrements('id'));

exports.down = (knex) => knex.schema.dropTable('table_6');
