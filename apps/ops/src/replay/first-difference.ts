import { isDeepStrictEqual } from 'node:util';

type Doc = Record<string, unknown>;

/** Where two versions of a read model first differ: the collection, the document and the field (or that one lacks it). */
export interface Difference {
  collection: string;
  id: string;
  field?: string;
  live?: unknown;
  rebuilt?: unknown;
  missingFrom?: 'live' | 'rebuilt';
}

export const describeDifference = (d: Difference): string =>
  d.missingFrom
    ? `collection ${d.collection}, document ${d.id}: missing from the ${d.missingFrom} read model`
    : `collection ${d.collection}, document ${d.id}, field ${d.field}: live ${JSON.stringify(d.live)}, rebuilt ${JSON.stringify(d.rebuilt)}`;

/**
 * The first difference between the live and the rebuilt documents of one collection, by id then field name, or
 * undefined when they hold the same documents with the same fields. `key` names the identity field.
 */
export function firstDifference(collection: string, key: string, live: Doc[], rebuilt: Doc[]): Difference | undefined {
  const byId = (docs: Doc[]) => new Map(docs.map((doc) => [String(doc[key]), doc]));
  const [liveById, rebuiltById] = [byId(live), byId(rebuilt)];
  const ids = [...new Set([...liveById.keys(), ...rebuiltById.keys()])].sort();
  for (const id of ids) {
    const [a, b] = [liveById.get(id), rebuiltById.get(id)];
    if (!a) return { collection, id, missingFrom: 'live' };
    if (!b) return { collection, id, missingFrom: 'rebuilt' };
    const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((field) => field !== key).sort();
    const field = fields.find((name) => !isDeepStrictEqual(a[name], b[name]));
    if (field !== undefined) return { collection, id, field, live: a[field], rebuilt: b[field] };
  }
  return undefined;
}
