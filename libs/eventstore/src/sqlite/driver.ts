import type BetterSqlite3 from 'better-sqlite3';

/**
 * The one place that loads better-sqlite3. 13 (Node-API 10) is the only one that runs on Node 24+ (12 aborts in
 * Statement::~Statement there) but crashes on Node 20 (Node-API 9), so Node 20 gets 12 under an alias.
 * Delete the fallback, and the better-sqlite3-node20 dependency, with Node 20.
 */
export const Database: typeof BetterSqlite3 =
  Number(process.versions.napi) < 10 ? require('better-sqlite3-node20') : require('better-sqlite3');
export type Database = BetterSqlite3.Database;
