import type { DeadLetterStatus, SetAsideEvent } from '@app/messaging';

/** One dead letter as the dead-letters command lists it. */
export interface ListedDeadLetter {
  id: string;
  failedAt: string;
  status: DeadLetterStatus;
  topic: string;
  groupId: string;
  attempts: number;
  error: string;
  /** Missing when the message was no event envelope (Kafka only): nothing to republish. */
  event?: { type: string; id: string };
}

/** Where dead letters are and how they are retried: embedded (SQLite, the platform republishes) or distributed (Kafka). */
export interface DeadLetterDesk {
  /** Every letter, whatever its status, oldest failure first. */
  list(): Promise<ListedDeadLetter[]>;
  /** What was done, to tell the operator; undefined when there is no such letter. */
  retry(id: string): Promise<string | undefined>;
  /** False when there is no such letter. */
  discard(id: string): Promise<boolean>;
  /** Events projections and relays could not read and set aside (decision 4 of issue 7), listed with the dead letters. */
  setAside(): Promise<SetAsideEvent[]>;
  close(): Promise<void>;
}
