import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { sleep } from './eventually';

const root = join(__dirname, '..', '..');

/** Where infra/local keeps its state: `LOCAL_INFRA_DIR`, else `<repo>/.local-infra` (as up.sh and down.sh do). */
export const localInfraDir = (): string => process.env.LOCAL_INFRA_DIR || join(root, '.local-infra');

const readTrimmed = (path: string): string | undefined => (existsSync(path) ? readFileSync(path, 'utf8').trim() || undefined : undefined);

/** True if the pid runs (not a zombie) and, when given, its command line contains `match` (survives pid reuse). */
export function processAlive(pid: number, match?: string): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    if (/^State:\s*Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'))) return false;
    if (match && !readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').includes(match)) return false;
  } catch {
    // no /proc: kill(0) is all we can tell
  }
  return true;
}

/** True if something accepts TCP connections on 127.0.0.1:port. */
export const portOpen = (port: number, host = '127.0.0.1'): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });

/**
 * Runs an infra/local script (`script` relative to the repository) with bash, asynchronously: the services' output is
 * piped through this process and must keep flowing meanwhile. Resolves on exit 0; rejects with its stderr otherwise,
 * or after SIGTERM once `timeoutMs` have passed.
 */
export function runInfraScript(script: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(root, script), ...args], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
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
      else reject(new Error(`${[script, ...args].join(' ')} failed (exit ${code ?? signal}):\n${stderr}`));
    });
  });
}

/** The Kafka broker of an infra/local state folder (pid file, ports): stopped and started by the suite that owns it. */
export class LocalKafka {
  constructor(
    readonly stateDir: string,
    readonly port: number,
    private readonly controllerPort: number,
    private readonly mongoPort: number,
  ) {}

  private get pidFile(): string {
    return join(this.stateDir, 'run', 'kafka.pid');
  }

  private pid(): number | undefined {
    const pid = Number(readTrimmed(this.pidFile));
    return pid && processAlive(pid, 'kafka.Kafka') ? pid : undefined;
  }

  running(): boolean {
    return this.pid() !== undefined;
  }

  /** SIGTERM (Kafka's controlled shutdown), then waits until the process is gone and the port is closed. */
  async stop(timeoutMs = 45_000): Promise<void> {
    const pid = this.pid();
    if (pid === undefined) return;
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + timeoutMs;
    while (processAlive(pid) || (await portOpen(this.port))) {
      if (Date.now() > deadline) {
        if (processAlive(pid)) process.kill(pid, 'SIGKILL');
        await sleep(500);
        if (processAlive(pid) || (await portOpen(this.port))) throw new Error(`Kafka (pid ${pid}) did not stop in ${timeoutMs} ms`);
        return;
      }
      await sleep(100);
    }
  }

  /**
   * `infra/local/up.sh` with the same ports; resolves once it says Kafka is ready (a real metadata request).
   * Asynchronous on purpose: the services' output is piped through this process and must keep flowing meanwhile.
   */
  start(timeoutMs = 180_000): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LOCAL_INFRA_DIR: this.stateDir,
      KAFKA_PORT: String(this.port),
      KAFKA_CONTROLLER_PORT: String(this.controllerPort),
      MONGO_PORT: String(this.mongoPort),
    };
    return runInfraScript('infra/local/up.sh', [], env, timeoutMs);
  }
}
