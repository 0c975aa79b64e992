import type { Collection, DocumentStore } from '@app/readmodel';

/**
 * A document store seen through other collection names (`<name><suffix>`, e.g. shadow collections), which records
 * the names it was asked for: what a projection built on it writes.
 */
export class RenamingDocumentStore implements DocumentStore {
  readonly names = new Set<string>();

  constructor(
    private readonly inner: DocumentStore,
    private readonly suffix: string,
  ) {}

  collection<T extends { id: string }>(name: string, indexes?: string[][]): Collection<T> {
    this.names.add(name);
    return this.inner.collection<T>(`${name}${this.suffix}`, indexes);
  }

  /** The inner store is the caller's to close. */
  async close(): Promise<void> {}
}
