import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { spawnBuiltApp, waitHealthy } from './built-app';
import { freePort } from './free-port';
import { testSecret } from './tokens';

/** The embedded platform as a real process (the built `dist/`), so a test can kill it as a crash would. */
export class PlatformProcess {
  private child?: ChildProcess;
  port = 0;

  /** `env`: extra settings for the process (e.g. `BOOKING_CONFIRM_TIMEOUT_MS`). */
  constructor(
    readonly dataDir: string,
    private readonly env: Record<string, string> = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.port ||= await freePort();
    const logFile = join(this.dataDir, 'platform.log');
    this.child = spawnBuiltApp('platform', { PORT: String(this.port), DATA_DIR: this.dataDir, AUTH_SECRET: testSecret, ...this.env }, logFile);
    await waitHealthy('platform', this.url, this.child, logFile, 60_000);
  }

  /** SIGTERM, as an orchestrator stops it; resolves with the exit code (0 for a clean shutdown), SIGKILL after `timeoutMs`. */
  async stop(timeoutMs = 30_000): Promise<number> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? -1;
    return new Promise<number>((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.once('exit', (code) => {
        clearTimeout(force);
        resolve(code ?? -1);
      });
      child.kill('SIGTERM');
    });
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
