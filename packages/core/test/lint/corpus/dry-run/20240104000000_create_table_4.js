exports.up = (knex) => knex.schema.createTable('table_4', (t) => t.bigIncrements('id'));

exports.down = (knex) => knex.schema.dropTable('table_4');
