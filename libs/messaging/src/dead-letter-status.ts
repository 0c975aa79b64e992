/** What an operator decided about a dead letter (npm run dead-letters -- retry|discard <id>), and when. */
export interface DeadLetterDecision {
  /** retry-requested: embedded mode, until the platform republishes it; retried: republished; discarded: let go. */
  status: 'retry-requested' | 'retried' | 'discarded';
  at: string;
}

export type DeadLetterStatus = 'failed' | DeadLetterDecision['status'];

/**
 * A decision covers the failures before it: a letter that failed again since (a retry that failed) is failed
 * again. A failure in the same millisecond counts as since: a republished message can fail that fast.
 */
export const deadLetterStatus = (failedAt: string, decision: DeadLetterDecision | undefined): DeadLetterStatus =>
  decision && decision.at > failedAt ? decision.status : 'failed';

/** Letters that still need someone: what `list` shows without --all. */
export const isOpenDeadLetter = (status: DeadLetterStatus): boolean => status === 'failed' || status === 'retry-requested';
