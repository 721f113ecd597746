/** Plain JavaScript, as many projects write them: a down() holding only a comment. */
exports.up = (knex) => knex.schema.alterTable('notes', (t) => t.text('author'));

exports.down = (knex) => {
  // dropping author is not worth it
};
