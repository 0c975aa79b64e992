import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localInfraDir, portOpen, processAlive } from './local-kafka';

const root = join(__dirname, '..', '..');

/** Runs infra/local/ferretdb.sh asynchronously (the services' output is piped through this process meanwhile). */
function ferretdbScript(command: 'stop' | 'start', stateDir: string, port: number, timeoutMs = 120_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, LOCAL_INFRA_DIR: stateDir, MONGO_PORT: String(port) };
    const child = spawn('bash', [join(root, 'infra/local/ferretdb.sh'), command], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`infra/local/ferretdb.sh ${command} failed (exit ${code ?? signal}):\n${stderr}`));
    });
  });
}

/**
 * The FerretDB of infra/local, when this test run manages it: its pid file names a live `ferretdb` process and
 * `MONGODB_URL` points at its port. Stopping and starting it (data kept) is then ours to do; anything else is not.
 */
export class LocalFerretDb {
  private constructor(
    readonly stateDir: string,
    readonly port: number,
  ) {}

  private get pidFile(): string {
    return join(this.stateDir, 'run', 'ferretdb.pid');
  }

  /** The managed FerretDB, or why there is none (the reason names what was looked at). */
  static find(mongoUrl: string | undefined): LocalFerretDb | { reason: string } {
    const stateDir = localInfraDir();
    const pidFile = join(stateDir, 'run', 'ferretdb.pid');
    const pid = Number(existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim() : '');
    if (!pid) return { reason: `no infra/local FerretDB pid file at ${pidFile}` };
    if (!processAlive(pid, 'ferretdb')) return { reason: `the FerretDB process of ${pidFile} (pid ${pid}) is not running` };
    const portFile = join(stateDir, 'run', 'ferretdb.port');
    const port = Number(existsSync(portFile) ? readFileSync(portFile, 'utf8').trim() : 27017);
    const urlPort = Number(/^mongodb:\/\/(?:127\.0\.0\.1|localhost):(\d+)(?:\/|$)/.exec(mongoUrl ?? '')?.[1]);
    if (urlPort !== port) return { reason: `MONGODB_URL (${mongoUrl ?? 'unset'}) is not the infra/local FerretDB on 127.0.0.1:${port}` };
    return new LocalFerretDb(stateDir, port);
  }

  running(): boolean {
    const pid = Number(existsSync(this.pidFile) ? readFileSync(this.pidFile, 'utf8').trim() : '');
    return !!pid && processAlive(pid, 'ferretdb');
  }

  /** Stops it (its data stays) and waits until its port is closed. */
  async stop(): Promise<void> {
    await ferretdbScript('stop', this.stateDir, this.port);
    if (await portOpen(this.port)) throw new Error(`FerretDB still answers on ${this.port} after stop`);
  }

  /** Starts it again on the same port; resolves once it answers a ping. */
  start(): Promise<void> {
    return ferretdbScript('start', this.stateDir, this.port);
  }
}
