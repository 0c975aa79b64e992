import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { portOpen, processAlive, runInfraScript } from './local-kafka';

/** `infra/local/ferretdb.sh stop|start` for that state directory and port. */
function ferretdbScript(command: 'stop' | 'start', stateDir: string, port: number, timeoutMs = 120_000): Promise<void> {
  const env = { ...process.env, LOCAL_INFRA_DIR: stateDir, MONGO_PORT: String(port) };
  return runInfraScript('infra/local/ferretdb.sh', [command], env, timeoutMs);
}

/** The FerretDB of an infra/local state folder (pid file, port): stopped and started, data kept, by the suite that owns it. */
export class LocalFerretDb {
  constructor(
    readonly stateDir: string,
    readonly port: number,
  ) {}

  private get pidFile(): string {
    return join(this.stateDir, 'run', 'ferretdb.pid');
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
