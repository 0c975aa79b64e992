import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from './eventually';

const root = join(__dirname, '..', '..');

/**
 * Builds `dist/` (incremental), so the apps run as they would from `npm start`; under the build lock, so suites in
 * parallel jest workers never compile over each other's output while it starts. Once per test run: a build made
 * since the run started (test/global-setup.js) is reused rather than checked again (5 s of tsc per suite).
 */
export function buildApps(): void {
  const env = { ...process.env, BUILD_ONCE_SINCE: process.env.TEST_RUN_STARTED_AT };
  execFileSync(process.execPath, [join(root, 'scripts/build-once.js')], { cwd: root, env, stdio: 'inherit' });
}

/**
 * Runs a built app (`dist/apps/<app>/src/main.js`) as its own process, its output appended to `logFile`. The app
 * writes to the file itself, so once it has exited the log holds all it wrote (copied through a pipe, the end could
 * still be on its way when a test reads the log).
 */
export function spawnBuiltApp(app: string, env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const log = openSync(logFile, 'a');
  try {
    return spawn(process.execPath, [join(root, 'dist/apps', app, 'src/main.js')], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', log, log],
    });
  } finally {
    closeSync(log);
  }
}

/** Resolves once `url`/health answers 200; fails early if the process exits, or after `timeoutMs`. */
export async function waitHealthy(app: string, url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${app} exited with ${child.exitCode}; the end of ${logFile}:\n${logTail(logFile)}`);
    try {
      if ((await fetch(`${url}/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${app} not healthy after ${timeoutMs} ms; the end of ${logFile}:\n${logTail(logFile)}`);
}

/** The last lines of a log, for an error message: the test run may remove the file with its data folder. */
function logTail(logFile: string, lines = 30): string {
  return existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n') : '(no log)';
}
