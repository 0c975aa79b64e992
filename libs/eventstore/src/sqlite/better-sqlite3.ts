/**
 * The part of better-sqlite3's API this store uses, typed here because the package ships no typings and
 * @types/better-sqlite3 is not a dependency. Loaded with require so no ambient module declaration leaks into
 * other libraries' type checks.
 */
export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface Statement<Row> {
  run(...params: unknown[]): RunResult;
  get(...params: unknown[]): Row | undefined;
  all(...params: unknown[]): Row[];
}

/** A function wrapped in BEGIN … COMMIT (rolled back if it throws); `immediate` takes the write lock at BEGIN. */
export interface Transaction<Args extends unknown[], Result> {
  (...args: Args): Result;
  immediate(...args: Args): Result;
}

export interface Database {
  readonly open: boolean;
  prepare<Row = unknown>(sql: string): Statement<Row>;
  exec(sql: string): Database;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<Args extends unknown[], Result>(fn: (...args: Args) => Result): Transaction<Args, Result>;
  close(): Database;
}

export interface DatabaseOptions {
  /** Busy timeout in ms: how long a statement waits for another connection's lock before SQLITE_BUSY. */
  timeout?: number;
  readonly?: boolean;
  fileMustExist?: boolean;
}

type DatabaseConstructor = new (filename: string, options?: DatabaseOptions) => Database;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const BetterSqlite3 = require('better-sqlite3') as DatabaseConstructor;

export const openDatabase = (filename: string, options?: DatabaseOptions): Database => new BetterSqlite3(filename, options);

/** better-sqlite3 errors carry SQLite's extended result code, e.g. SQLITE_CONSTRAINT_UNIQUE. */
export const sqliteErrorCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
