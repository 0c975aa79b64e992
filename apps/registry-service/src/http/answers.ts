import { etagOfVersion } from '@app/service-kit';
import type { RegistryEntry } from '../domain/registry-entry.events';

export interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): void;
}

export const entryLocation = (id: string): string => `/registry/entries/${id}`;

/** The entry with its version as ETag (and its Location when it was just made). */
export function sendEntry(reply: Reply, status: 200 | 201, entry: RegistryEntry): void {
  reply.status(status).header('etag', etagOfVersion(entry.version));
  if (status === 201) reply.header('location', entryLocation(entry.id));
  reply.send(entry);
}
