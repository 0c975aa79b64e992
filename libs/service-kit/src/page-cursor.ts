/** An opaque page cursor: the position where a page ended, as JSON in base64url. */
export const encodePageCursor = (position: unknown): string => Buffer.from(JSON.stringify(position)).toString('base64url');

/** The position a cursor holds, or undefined when it is no cursor at all; the caller checks its shape. */
export function decodePageCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Cursors this platform makes are far shorter; a longer one is refused before it is decoded. */
export const longestPageCursor = 500;
