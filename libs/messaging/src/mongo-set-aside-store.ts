import type { Collection, Db } from 'mongodb';
import { SetAsideEvent, SetAsideStore, bySetAsideOrder } from './set-aside.port';

type SetAsideDoc = SetAsideEvent & { _id: string };

/**
 * Set-aside events in collection `set_aside` of the service's database (distributed mode), one document per
 * component and event (`_id` `<component>|<eventId>`): recording again changes nothing. FerretDB v1 compatible.
 */
export class MongoSetAsideStore implements SetAsideStore {
  private readonly collection: Collection<SetAsideDoc>;

  constructor(db: Db) {
    this.collection = db.collection<SetAsideDoc>('set_aside');
  }

  async record(event: SetAsideEvent): Promise<void> {
    await this.collection.updateOne({ _id: `${event.component}|${event.eventId}` }, { $setOnInsert: event }, { upsert: true });
  }

  async list(): Promise<SetAsideEvent[]> {
    const docs = await this.collection.find({}, { projection: { _id: 0 } }).toArray();
    return docs.sort(bySetAsideOrder);
  }

  async count(): Promise<number> {
    return this.collection.countDocuments();
  }
}
