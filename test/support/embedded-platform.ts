import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Platform, PlatformOptions, createPlatform } from '../../apps/platform/src/platform';
import { ApiClient } from './api-client';
import { ContractCheckedBus } from './contract-check';
import { testSecret } from './tokens';

export type EmbeddedOptions = Partial<Omit<PlatformOptions, 'dataDir' | 'auth'>>;

/**
 * The embedded platform on real SQLite files in a temporary DATA_DIR, over HTTP on a free port. Every message its
 * services publish is checked against its JSON Schema; `stop()` fails naming those that broke their contract.
 */
export class EmbeddedPlatform {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'embedded-e2e-'));
  platform?: Platform;
  bus?: ContractCheckedBus;
  api!: ApiClient;
  url = '';

  constructor(private readonly options: EmbeddedOptions = {}) {}

  async start(): Promise<void> {
    this.bus = new ContractCheckedBus();
    this.platform = await createPlatform({ confirmTimeoutMs: 5000, logger: false, ...this.options, dataDir: this.dataDir, auth: { secret: testSecret }, bus: this.bus });
    await this.platform.app.listen({ port: 0, host: '127.0.0.1' });
    this.url = await this.platform.app.getUrl();
    this.api = new ApiClient(this.url);
  }

  async stop(): Promise<void> {
    await this.platform?.close();
    this.platform = undefined;
    this.bus?.assertValid();
  }

  async destroy(): Promise<void> {
    try {
      await this.stop();
    } finally {
      rmSync(this.dataDir, { recursive: true, force: true });
    }
  }
}
