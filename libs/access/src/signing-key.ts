import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const signingKeyFile = (dataDir: string): string => join(dataDir, 'auth.key');

/**
 * The HMAC key tokens are signed with: AUTH_SECRET when given, otherwise a random key made on first start
 * and kept in DATA_DIR, so a token minted with `npm run token` is valid for the platform using that folder.
 */
export function resolveSigningKey(options: { authSecret?: string; dataDir: string }): Uint8Array {
  if (options.authSecret) return new TextEncoder().encode(options.authSecret);
  const file = signingKeyFile(options.dataDir);
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  try {
    // 'wx' fails if another process created the key first; then we read theirs.
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}
