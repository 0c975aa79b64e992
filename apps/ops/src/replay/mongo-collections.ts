import { type Db, MongoServerError } from 'mongodb';

/** Shadow collections are named `<collection>__replay` while a replay fills them. */
export const SHADOW_SUFFIX = '__replay';
export const shadowName = (collection: string): string => `${collection}${SHADOW_SUFFIX}`;

const isMissingCollection = (error: unknown): boolean => error instanceof MongoServerError && (error.code === 26 || /ns not found/i.test(error.message));
/** FerretDB v1 does not implement `renameCollection` with `dropTarget`. */
const isDropTargetUnsupported = (error: unknown): boolean => error instanceof MongoServerError && /dropTarget/.test(error.message);

export async function dropCollection(db: Db, name: string): Promise<void> {
  await db.collection(name).drop().catch((error: unknown) => {
    if (!isMissingCollection(error)) throw error;
  });
}

/**
 * Puts the filled shadow collection in the live one's place: one rename with dropTarget on MongoDB; on FerretDB,
 * which lacks it, a drop then a rename (for that moment the collection is missing, and reads find nothing).
 * A shadow that was never created (the projection wrote nothing) leaves the live collection dropped: empty too.
 */
export async function replaceCollection(db: Db, shadow: string, live: string): Promise<void> {
  if ((await db.listCollections({ name: shadow }, { nameOnly: true }).toArray()).length === 0) return dropCollection(db, live);
  try {
    await db.renameCollection(shadow, live, { dropTarget: true });
  } catch (error) {
    if (!isDropTargetUnsupported(error)) throw error;
    await dropCollection(db, live);
    await db.renameCollection(shadow, live);
  }
}

/** Every document of a collection as stored (store fields included), by `_id`. */
export const storedDocuments = (db: Db, name: string) => db.collection(name).find().sort({ _id: 1 }).toArray();

/** Documents, not the traces conditional deletes leave. */
export const countDocuments = (db: Db, name: string): Promise<number> => db.collection(name).countDocuments({ _deleted: { $exists: false } });
