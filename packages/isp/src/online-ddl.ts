/**
 * Changing tables that already hold data without stopping the ISP: the steps of the chain that
 * alter live tables (2 portal ids, 10 customers, 14 API keys) are `transaction: false` migrations
 * built from core's online-DDL kit, so every statement commits on its own and holds its lock
 * briefly, and a rerun after a failure finishes the step (see `@strata/core`'s tables/online-ddl).
 */
export {
  LOCK_TIMEOUT,
  addConstraintNotValid,
  attachUniqueConstraint,
  buildIndexConcurrently,
  constraintState,
  dropIndexConcurrently,
  indexState,
  refuseDuplicates,
  refuseViolations,
  shortTransaction,
  validateConstraint,
  type ConcurrentIndex,
  type IndexState,
} from '@strata/core';
