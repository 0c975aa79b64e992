import type { Difference } from './first-difference';

/** Events read per page by a replay: larger pages keep more events alive at once and cost more in garbage collection than they save. */
export const BULK_PAGE_SIZE = 1000;

export interface ReplayOutcome {
  /** Documents in the rebuilt collections. */
  documents: number;
  collections: string[];
  /** With `--verify`: the first difference from the live read models, if any. */
  verified?: { difference?: Difference };
  /** Distributed mode, without `--verify`: the position the live collections were replaced at. */
  swappedAt?: string;
}

export interface ReplayOptions {
  verify: boolean;
  /** Each page of events applied by the rebuild. */
  onPage: (events: unknown[]) => void;
  /** The rebuild is done and its documents counted: a verification or the swap follows. */
  onRebuilt: () => void;
}
