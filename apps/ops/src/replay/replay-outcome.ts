import type { Difference } from './first-difference';

/** Events read per page by a replay: larger than the live runner's, fewer round trips. */
export const BULK_PAGE_SIZE = 10_000;

export interface ReplayOutcome {
  /** Documents in the rebuilt collections. */
  documents: number;
  collections: string[];
  /** With `--verify`: the first difference from the live read models, if any. */
  verified?: { difference?: Difference };
  /** Distributed mode, without `--verify`: the position the live collections were replaced at. */
  swappedAt?: string;
}
