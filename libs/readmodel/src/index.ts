export * from './document-store.port';
export { MemoryDocumentStore } from './memory-document-store';
export { MongoDocumentStore } from './mongo-document-store';
export { positionKey } from './position-key';
