import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { sleep } from './eventually';

const root = join(__dirname, '..', '..');

/** Builds `dist/` (incremental), so the apps run as they would from `npm start`. */
export function buildApps(): void {
  execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
}

/** Runs a built app (`dist/apps/<app>/src/main.js`) as its own process, its output appended to `logFile`. */
export function spawnBuiltApp(app: string, env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [join(root, 'dist/apps', app, 'src/main.js')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  return child;
}

/** Resolves once `url`/health answers 200; fails early if the process exits, or after `timeoutMs`. */
export async function waitHealthy(app: string, url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${app} exited with ${child.exitCode}; see ${logFile}`);
    try {
      if ((await fetch(`${url}/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${app} not healthy after ${timeoutMs} ms; see ${logFile}`);
}
