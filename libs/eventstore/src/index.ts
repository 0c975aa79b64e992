export * from './event-store.port';
export { EventIdConflictError } from './event-id-conflict.error';
export { UnreadableEventError } from './unreadable-event.error';
export * from './upcasting';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';
export { createPrivateFile } from './sqlite/private-file';
export { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb-event-store';
export { ChainVerifier, type ChainBreak } from './chain-verifier';
export type { ChainScope } from './hash-chain';
export type { RetryPolicy } from './subscription/deliver-batch';
// Written alongside the adapters by others, and already imported through @app/eventstore by the services.
export * from './command-handler';
export { StaleRevisionError } from './stale-revision.error';
export * from './decider';
export * from './deterministic-id';
export * from './positions';
