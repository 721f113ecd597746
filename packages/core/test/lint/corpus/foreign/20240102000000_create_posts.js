exports.up = (knex) =>
  knex.schema.createTable('posts', (t) => {
    t.increments('id');
    t.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.string('title').notNullable().index();
    t.text('body');
  });

exports.down = (knex) => knex.schema.dropTable('posts');
