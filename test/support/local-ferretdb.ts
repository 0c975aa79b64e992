import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localInfraDir, portOpen, processAlive, runInfraScript } from './local-kafka';

/** `infra/local/ferretdb.sh stop|start` for that state directory and port. */
function ferretdbScript(command: 'stop' | 'start', stateDir: string, port: number, timeoutMs = 120_000): Promise<void> {
  const env = { ...process.env, LOCAL_INFRA_DIR: stateDir, MONGO_PORT: String(port) };
  return runInfraScript('infra/local/ferretdb.sh', [command], env, timeoutMs);
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
