// Migration code that talks on the console, as many real ones do.
exports.up = async (knex) => {
  console.log('creating items…');
  await knex.schema.createTable('items', (t) => {
    t.bigIncrements('id');
    t.text('name');
  });
};

exports.down = (knex) => knex.schema.dropTable('items');
