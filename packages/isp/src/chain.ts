/**
 * The seed's final migration order (seed 000): every migration of this package exports its step
 * as `chain`, so the order document can be traced to the code, and the README's chain table is
 * checked against the files by test/chain.test.ts.
 */

/** One step of the chain: its position, the Alembic revision id of the seed, and the seed's title. */
export interface ChainStep {
  /** 1…17, the position in the seed's "Final Migration Sequence". */
  readonly step: number;
  /** The seed's revision id (an Alembic hash or name), also part of the file name. */
  readonly revision: string;
  /** The seed's description of the step, e.g. `Foundation: Basic customer model changes`. */
  readonly title: string;
}

/** Number of steps in the seed's chain. */
export const CHAIN_LENGTH = 17;
