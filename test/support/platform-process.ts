import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port';
import { testSecret } from './tokens';

const root = join(__dirname, '..', '..');

/** The embedded platform as a real process (the built `dist/`), so a test can kill it as a crash would. */
export class PlatformProcess {
  private child?: ChildProcess;
  port = 0;

  constructor(readonly dataDir: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.port ||= await freePort();
    const log = createWriteStream(join(this.dataDir, 'platform.log'), { flags: 'a' });
    const child = spawn(process.execPath, [join(root, 'dist/apps/platform/src/main.js')], {
      cwd: root,
      env: { ...process.env, PORT: String(this.port), DATA_DIR: this.dataDir, AUTH_SECRET: testSecret },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    this.child = child;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`platform exited with ${child.exitCode}; see ${join(this.dataDir, 'platform.log')}`);
      try {
        if ((await fetch(`${this.url}/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('platform did not become healthy within 60 s');
  }

  /** SIGKILL: no shutdown hook runs, as in a power cut or an OOM kill. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}
