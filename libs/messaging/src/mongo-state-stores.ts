import { MongoServerError, type Collection, type Db } from 'mongodb';
import type { CheckpointStore, ProcessedMessageStore } from './checkpoint-store.port';

interface CheckpointDoc {
  _id: string;
  position: string;
  updatedAt: Date;
}

interface ProcessedDoc {
  _id: string;
  consumer: string;
  messageId: string;
  processedAt: Date;
}

const DUPLICATE_KEY = 11000;

const isDuplicateKey = (error: unknown): boolean => error instanceof MongoServerError && error.code === DUPLICATE_KEY;

/**
 * Relay and projection positions in collection `checkpoints` ({ _id: name, position }).
 * Single-document operations only (upsert by _id), so it runs on FerretDB v1: no transactions, no aggregations.
 */
export class MongoCheckpointStore implements CheckpointStore {
  private readonly collection: Collection<CheckpointDoc>;

  constructor(db: Db) {
    this.collection = db.collection<CheckpointDoc>('checkpoints');
  }

  async load(name: string): Promise<string | undefined> {
    const doc = await this.collection.findOne({ _id: name }, { projection: { position: 1 } });
    return doc?.position;
  }

  async save(name: string, position: string): Promise<void> {
    await this.collection.updateOne({ _id: name }, { $set: { position, updatedAt: new Date() } }, { upsert: true });
  }
}

/**
 * Handled message ids in collection `processed_messages` ({ _id: `${consumer}:${messageId}` }). Adding is an insert
 * whose duplicate-key error means "already there"; checking is a find by _id. FerretDB v1 compatible.
 */
export class MongoProcessedMessageStore implements ProcessedMessageStore {
  private readonly collection: Collection<ProcessedDoc>;

  constructor(db: Db) {
    this.collection = db.collection<ProcessedDoc>('processed_messages');
  }

  async has(consumer: string, messageId: string): Promise<boolean> {
    const doc = await this.collection.findOne({ _id: `${consumer}:${messageId}` }, { projection: { _id: 1 } });
    return doc !== null;
  }

  async add(consumer: string, messageId: string): Promise<void> {
    try {
      await this.collection.insertOne({ _id: `${consumer}:${messageId}`, consumer, messageId, processedAt: new Date() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}
