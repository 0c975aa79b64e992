#!/usr/bin/env node
// `npm run build`, made safe to call from several `npm run start:<service>` at once: the first caller builds under
// a lock; the others wait for it and reuse its output instead of compiling the same files concurrently.
// BUILD_ONCE_SINCE=<epoch ms> also reuses any build that finished since then (a test run builds once, not per suite).
const { execSync } = require('node:child_process');
const { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const lock = join(root, '.build.lock');
// Touched by every build that succeeds (tsc leaves its .tsbuildinfo alone when nothing changed).
const stamp = join(root, 'dist', '.built-at');
const asked = Number(process.env.BUILD_ONCE_SINCE) || Date.now();
const builtSince = (time) => {
  try {
    return statSync(stamp).mtimeMs >= time;
  } catch {
    return false;
  }
};
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
/** A lock left by a build that was killed (Ctrl-C) names a process that is gone. */
const stale = () => {
  try {
    process.kill(Number(readFileSync(join(lock, 'pid'), 'utf8')), 0);
    return false;
  } catch (error) {
    return error.code === 'ESRCH';
  }
};

for (let waited = 0; ; waited += 200) {
  try {
    mkdirSync(lock);
    writeFileSync(join(lock, 'pid'), String(process.pid));
    break;
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
    if (stale()) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (waited > 300_000) throw new Error(`still locked after 5 minutes: remove ${lock} if no build is running`);
    sleep(200);
  }
}
try {
  if (!builtSince(asked)) {
    execSync('npm run -s build', { cwd: root, stdio: 'inherit' });
    writeFileSync(stamp, new Date().toISOString());
  }
} finally {
  rmSync(lock, { recursive: true, force: true });
}
