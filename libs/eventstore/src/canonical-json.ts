/** Array-index keys, which JavaScript objects (and so JSON.stringify) always list first, in numeric order. */
const isIndexKey = (key: string): boolean => /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4_294_967_295;

/** An object's own keys in canonical order: index keys as JavaScript orders them, then the others sorted. */
const orderedKeys = (value: object): string[] => {
  const keys = Object.keys(value);
  let indexKeys = 0;
  while (indexKeys < keys.length && isIndexKey(keys[indexKeys])) indexKeys++;
  return indexKeys === 0 ? keys.sort() : [...keys.slice(0, indexKeys), ...keys.slice(indexKeys).sort()];
};

const omitted = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** What JSON.stringify escapes in a string: quotes, backslashes, control characters, lone surrogates. */
const escaped = /["\\\u0000-\u001f\ud800-\udfff]/;

const writeString = (text: string): string => (escaped.test(text) ? JSON.stringify(text) : `"${text}"`);

/** Written out by hand rather than with a sorting replacer: event hashes run it twice per event (several times faster). */
const write = (value: unknown): string => {
  if (typeof value === 'string') return writeString(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const json = value as { toJSON?: () => unknown };
  if (typeof json.toJSON === 'function') return write(json.toJSON());
  // Array.from visits holes too (as undefined), which JSON writes as null.
  if (Array.isArray(value)) return `[${Array.from(value, (item: unknown) => (omitted(item) ? 'null' : write(item))).join(',')}]`;
  let out = '';
  for (const key of orderedKeys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (omitted(item)) continue;
    out += `${out === '' ? '' : ','}${writeString(key)}:${write(item)}`;
  }
  return `{${out}}`;
};

/**
 * JSON with object keys sorted at every level, so two values that mean the same compare equal as text. The same
 * text as JSON.stringify of the value rebuilt with sorted keys (array-index keys stay first, in numeric order,
 * as JavaScript keeps them), which is how it was first written: ids and hashes derived from it stay the same.
 */
export function canonicalJson(value: unknown): string {
  return write(value);
}
