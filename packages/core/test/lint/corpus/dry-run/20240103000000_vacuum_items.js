// VACUUM cannot run in any transaction: the preview says so once and goes on without it.
exports.config = { transaction: false };

exports.up = (knex) => knex.raw('VACUUM (ANALYZE) items');

exports.down = () => undefined;
