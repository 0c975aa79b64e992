import type { Collection, Db } from 'mongodb';
import type { DeadLetterDecision } from './dead-letter-status';

type DecisionDoc = DeadLetterDecision & { _id: string };

/**
 * Distributed mode: what operators decided about dead letters (Kafka keeps the letters themselves on `<topic>.dlq`,
 * which cannot be changed), in collection `dead_letter_status`, one document per letter id.
 */
export class MongoDeadLetterDecisions {
  private readonly collection: Collection<DecisionDoc>;

  constructor(db: Db) {
    this.collection = db.collection<DecisionDoc>('dead_letter_status');
  }

  async all(): Promise<Map<string, DeadLetterDecision>> {
    const docs = await this.collection.find({}).toArray();
    return new Map(docs.map(({ _id, status, at }) => [_id, { status, at }]));
  }

  async set(id: string, status: DeadLetterDecision['status'], at = new Date()): Promise<void> {
    await this.collection.updateOne({ _id: id }, { $set: { status, at: at.toISOString() } }, { upsert: true });
  }
}
