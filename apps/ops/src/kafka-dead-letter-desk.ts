import { MongoClient } from 'mongodb';
import { KafkaBus, MongoDeadLetterDecisions, MongoSetAsideStore, deadLetterStatus, readKafkaDeadLetters, type KafkaDeadLetter, type SetAsideEvent } from '@app/messaging';
import { serviceDatabaseName } from '@app/service-kit';
import type { DeadLetterDesk, ListedDeadLetter } from './dead-letter-desk';
import { SERVICES } from './service-stores';

export interface KafkaDeskSettings {
  brokers: string[];
  mongoUrl: string;
  /** MONGODB_DATABASE: services use `<prefix>_<service>`; operators' decisions go to `<prefix>_platform`. */
  mongoDatabasePrefix: string;
}

/**
 * Distributed mode: dead letters are the records of the `<topic>.dlq` topics; what operators decided about them is
 * in MongoDB (`<prefix>_platform.dead_letter_status`), as a Kafka record cannot be changed. A retry produces the
 * original event to its original topic: every group subscribed there gets it, and each skips an event id it has
 * recorded as processed (idempotent consumers, per group), so only the group that gave up on it handles it again.
 */
export class KafkaDeadLetterDesk implements DeadLetterDesk {
  private readonly mongo: MongoClient;
  private readonly decisions: MongoDeadLetterDecisions;

  constructor(private readonly settings: KafkaDeskSettings) {
    this.mongo = new MongoClient(settings.mongoUrl);
    this.decisions = new MongoDeadLetterDecisions(this.mongo.db(`${settings.mongoDatabasePrefix}_platform`));
  }

  async list(): Promise<ListedDeadLetter[]> {
    const [letters, decisions] = await Promise.all([readKafkaDeadLetters(this.settings.brokers), this.decisions.all()]);
    return letters.map((letter) => ({
      id: letter.id,
      failedAt: letter.failedAt,
      status: deadLetterStatus(letter.failedAt, decisions.get(letter.id)),
      topic: letter.topic,
      groupId: letter.groupId,
      attempts: letter.attempts,
      error: letter.error,
      event: letter.event && { type: letter.event.type, id: letter.event.id },
    }));
  }

  async retry(id: string): Promise<string | undefined> {
    const letter = await this.find(id);
    if (!letter) return undefined;
    if (!letter.event) throw new Error(`dead letter ${id} holds no event envelope (${letter.error}): nothing to republish; discard it`);
    const bus = new KafkaBus({ brokers: this.settings.brokers, clientId: 'dead-letters-cli' });
    try {
      await bus.publish([{ topic: letter.topic, key: letter.key, event: letter.event }]);
    } finally {
      await bus.close();
    }
    await this.decisions.set(id, 'retried');
    return `republished ${letter.event.type} ${letter.event.id} to ${letter.topic}: ${letter.groupId} handles it again, groups that handled it already skip it`;
  }

  async discard(id: string): Promise<boolean> {
    if (!(await this.find(id))) return false;
    await this.decisions.set(id, 'discarded');
    return true;
  }

  async setAside(): Promise<SetAsideEvent[]> {
    const perService = await Promise.all(
      SERVICES.map((service) => new MongoSetAsideStore(this.mongo.db(serviceDatabaseName(this.settings.mongoDatabasePrefix, service))).list()),
    );
    return perService.flat();
  }

  async close(): Promise<void> {
    await this.mongo.close();
  }

  private async find(id: string): Promise<KafkaDeadLetter | undefined> {
    return (await readKafkaDeadLetters(this.settings.brokers)).find((letter) => letter.id === id);
  }
}
