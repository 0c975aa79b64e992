import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { BrokerLease, leaseBroker } from './broker-lease';
import { spawnBuiltApp, waitHealthy } from './built-app';
import { assertValidRecords } from './contract-check';
import { freePort } from './free-port';
import { endOffsets, recordsSince, type EndOffsets } from './kafka-records';
import { testSecret } from './tokens';

export const services = ['slot-service', 'booking-service', 'registry-service', 'notification-service'] as const;
export type ServiceName = (typeof services)[number];

export interface DistributedDeploymentOptions {
  /** Extra environment for every service process (e.g. `BOOKING_CONFIRM_TIMEOUT_MS`); it wins over the defaults. */
  env?: Record<string, string>;
}

/**
 * The four services as four real processes (the built `dist/`), on Kafka and MongoDB, with their own DATA_DIR.
 * `destroy()` reads back every record produced to the integration topics since `start()` and fails naming those that
 * broke their contract (JSON Schema, key, headers). From `start()` to `destroy()` it has the broker to itself
 * (`leaseBroker`): deployments in other jest workers wait.
 */
export class DistributedDeployment {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'distributed-e2e-'));
  readonly database = `e2e_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  readonly ports = {} as Record<ServiceName, number>;
  private readonly processes = new Map<ServiceName, ChildProcess>();
  private offsetsAtStart?: EndOffsets;
  private lease?: BrokerLease;

  constructor(
    private readonly kafkaBrokers: string,
    private readonly mongoUrl: string,
    private readonly options: DistributedDeploymentOptions = {},
  ) {}

  /** Where a service's stdout and stderr go (kept until `destroy()`). */
  logFile(service: ServiceName): string {
    return join(this.dataDir, `${service}.log`);
  }

  url(service: ServiceName): string {
    return `http://127.0.0.1:${this.ports[service]}`;
  }

  async start(): Promise<void> {
    this.lease ??= await leaseBroker(this.kafkaBrokers);
    this.offsetsAtStart ??= await endOffsets(this.kafkaBrokers);
    for (const service of services) this.ports[service] ??= await freePort();
    for (const service of services) this.spawn(service);
    await Promise.all(services.map((service) => this.waitHealthy(service)));
  }

  /** Starts one service again (after `stopService`), on its old port and data. */
  async startService(service: ServiceName): Promise<void> {
    this.spawn(service);
    await this.waitHealthy(service);
  }

  /** SIGTERM, as an orchestrator would; resolves with each process's exit code (0 for a clean shutdown). */
  async stop(): Promise<number[]> {
    return Promise.all([...this.processes.keys()].map((service) => this.stopService(service)));
  }

  /** SIGTERM to one service (SIGKILL after 20 s); resolves with its exit code. */
  async stopService(service: ServiceName): Promise<number> {
    const child = this.processes.get(service);
    if (!child) return 0;
    const code = await new Promise<number>((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', (exitCode) => {
        clearTimeout(force);
        resolve(exitCode ?? -1);
      });
      child.kill('SIGTERM');
    });
    this.processes.delete(service);
    return code;
  }

  private spawn(service: ServiceName): void {
    const env = {
      PORT: String(this.ports[service]),
      DATA_DIR: this.dataDir,
      AUTH_SECRET: testSecret,
      KAFKA_BROKERS: this.kafkaBrokers,
      MONGODB_URL: this.mongoUrl,
      MONGODB_DATABASE: this.database,
      ...this.options.env,
    };
    this.processes.set(service, spawnBuiltApp(service, env, this.logFile(service)));
  }

  private waitHealthy(service: ServiceName): Promise<void> {
    return waitHealthy(service, this.url(service), this.processes.get(service)!, this.logFile(service), 90_000);
  }

  /** Everything the services published since `start()`, as Kafka holds it. */
  published() {
    return recordsSince(this.kafkaBrokers, this.offsetsAtStart ?? new Map());
  }

  /** Stops the processes, checks what they published, removes this run's databases and files, and gives the broker back. */
  async destroy(): Promise<void> {
    try {
      await this.tearDown();
    } finally {
      this.lease?.();
    }
  }

  private async tearDown(): Promise<void> {
    await this.stop();
    const published = this.offsetsAtStart && (await this.published());
    const client = await MongoClient.connect(this.mongoUrl);
    try {
      for (const service of services) await client.db(`${this.database}_${service.replace(/-/g, '_')}`).dropDatabase();
      await client.db(`${this.database}_audit`).dropDatabase();
    } finally {
      await client.close();
    }
    rmSync(this.dataDir, { recursive: true, force: true });
    if (published) assertValidRecords(published);
  }
}
