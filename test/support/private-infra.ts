import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { LocalFerretDb } from './local-ferretdb';
import { LocalKafka, localInfraDir, processAlive, runInfraScript } from './local-kafka';

/** What infra/local installs once (its README): the Kafka jars and the FerretDB binary. */
const installed = (dir: string) => ({ kafkaLib: join(dir, 'kafka', 'lib'), ferretdbBin: join(dir, 'bin') });

/**
 * Why a private instance cannot be started here, or undefined if it can: it needs infra/local installed (as
 * `npm test` does on its first run) and is not wanted with `LOCAL_INFRA=off`.
 */
export function privateInfraUnavailable(): string | undefined {
  if (process.env.LOCAL_INFRA === 'off') return 'LOCAL_INFRA=off';
  const { kafkaLib, ferretdbBin } = installed(localInfraDir());
  if (!existsSync(kafkaLib) || !existsSync(join(ferretdbBin, 'ferretdb'))) {
    return `infra/local is not installed in ${localInfraDir()} (infra/local/up.sh installs it; plain \`npm test\` runs it)`;
  }
  return undefined;
}

/**
 * A Kafka broker and a FerretDB of one suite's own, for suites that stop and start them: infra/local's installed
 * binaries, but its own state folder (configuration, data, logs, pid files) and free ports, so the instance the rest
 * of the test run shares is never touched and the suite can run beside the others.
 */
export class PrivateInfra {
  private constructor(
    readonly stateDir: string,
    readonly kafka: LocalKafka,
    readonly ferretdb: LocalFerretDb,
  ) {}

  get kafkaBrokers(): string {
    return `127.0.0.1:${this.kafka.port}`;
  }

  get mongoUrl(): string {
    return `mongodb://127.0.0.1:${this.ferretdb.port}`;
  }

  /** Starts both (infra/local/up.sh) and resolves once they answer; `name` labels the state folder. */
  static async start(name: string): Promise<PrivateInfra> {
    const stateDir = mkdtempSync(join(tmpdir(), `${name}-infra-`));
    const shared = installed(localInfraDir());
    mkdirSync(join(stateDir, 'kafka'));
    symlinkSync(shared.kafkaLib, join(stateDir, 'kafka', 'lib'));
    symlinkSync(shared.ferretdbBin, join(stateDir, 'bin'));
    killOnExit(stateDir);
    for (let attempt = 1; ; attempt++) {
      const [kafkaPort, controllerPort, mongoPort] = [await freePort(), await freePort(), await freePort()];
      const infra = new PrivateInfra(stateDir, new LocalKafka(stateDir, kafkaPort, controllerPort, mongoPort), new LocalFerretDb(stateDir, mongoPort));
      try {
        await infra.kafka.start();
        return infra;
      } catch (error) {
        // A free port can be taken between choosing it and binding it: stop what did start, choose again.
        await infra.stop();
        if (attempt < 3 && /already in use/.test(String(error))) continue;
        throw new Error(`${String(error)}\n(its logs: ${join(stateDir, 'logs')})`);
      }
    }
  }

  /** Stops both and removes their data; the state folder goes too unless `keepLogs` (a failed run, to be read). */
  async destroy(keepLogs = false): Promise<void> {
    await this.stop();
    if (keepLogs) console.warn(`${this.stateDir}/logs: the logs of the private Kafka and FerretDB`);
    else rmSync(this.stateDir, { recursive: true, force: true });
  }

  /** infra/local/down.sh --purge for this state folder: both stopped, their data removed. */
  private stop(): Promise<void> {
    return runInfraScript('infra/local/down.sh', ['--purge'], { ...process.env, LOCAL_INFRA_DIR: this.stateDir }, 120_000);
  }
}

/** If the worker ends without `destroy()` (killed, timed out), the instance must not outlive it: its services are detached. */
function killOnExit(stateDir: string): void {
  process.once('exit', () => {
    for (const [service, match] of [['kafka', 'kafka.Kafka'], ['ferretdb', 'ferretdb']]) {
      const pidFile = join(stateDir, 'run', `${service}.pid`);
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : 0;
      if (pid && processAlive(pid, match)) process.kill(pid, 'SIGKILL');
    }
  });
}
