import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Platform, PlatformOptions, createPlatform } from '../../apps/platform/src/platform';
import { ApiClient } from './api-client';
import { testSecret } from './tokens';

export type EmbeddedOptions = Partial<Omit<PlatformOptions, 'dataDir' | 'authSecret'>>;

/** The embedded platform on real SQLite files in a temporary DATA_DIR, over HTTP on a free port. */
export class EmbeddedPlatform {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'embedded-e2e-'));
  platform?: Platform;
  api!: ApiClient;
  url = '';

  constructor(private readonly options: EmbeddedOptions = {}) {}

  async start(): Promise<void> {
    this.platform = await createPlatform({ confirmTimeoutMs: 5000, logger: false, ...this.options, dataDir: this.dataDir, authSecret: testSecret });
    await this.platform.app.listen({ port: 0, host: '127.0.0.1' });
    this.url = await this.platform.app.getUrl();
    this.api = new ApiClient(this.url);
  }

  async stop(): Promise<void> {
    await this.platform?.close();
    this.platform = undefined;
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
