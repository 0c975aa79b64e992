import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApps } from './support/built-app';
import { PlatformProcess } from './support/platform-process';
import { SchemathesisRun, describeRun, installSchemathesis, runSchemathesis } from './support/schemathesis';
import { tokenFor } from './support/tokens';

/**
 * Schemathesis (pinned, from PyPI) against the platform as users run it, driven only by the OpenAPI document it
 * serves: the documented examples, generated valid and invalid requests, and the stateful chains the document's
 * links describe (publish → search → book → read → amend → cancel). Settings and the checks it leaves out, with
 * the reasons: test/schemathesis.toml.
 */
describe('Schemathesis against GET /openapi.json (embedded platform as a real process)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'schemathesis-e2e-'));
  const reportDir = mkdtempSync(join(tmpdir(), 'schemathesis-report-'));
  // Holds are capped per organisation (429 beyond): raised so the fuzzer keeps reaching the rules behind them.
  const platform = new PlatformProcess(dataDir, { HOLD_LIMIT_PER_ORG: '10000' });
  let st: string;

  beforeAll(async () => {
    st = installSchemathesis();
    buildApps();
    await platform.start();
  }, 180_000);
  afterAll(async () => {
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds no server error, no response outside its schema, no invalid request accepted', async () => {
    // A provider-admin may publish, book and change bookings for its own organisation: every chain can run.
    const token = await tokenFor('A81001', 'provider-admin');
    const run = await runSchemathesis({
      st,
      schemaUrl: `${platform.url}/openapi.json`,
      token,
      reportDir,
      configFile: join(__dirname, 'schemathesis.toml'),
    });
    console.log(`${describeRun(run)}\nReports: ${reportDir}`);

    // On failure, st's own output: each finding with a curl line that reproduces it.
    if (!passed(run)) throw new Error(`Schemathesis found problems (${describeRun(run)}):\n${run.output}`);
    expect(run.report.operations.tested).toBe(run.report.operations.total);
    expect(run.report.phases.stateful.status).toBe('success');
    // Each step of a booking's life answered 2xx at least once: the links carried real ids and versions along.
    const chain = ['POST /slots', 'GET /slots', 'POST /appointments', 'GET /appointments/{id}', 'PATCH /appointments/{id}', 'POST /appointments/{id}/cancel'];
    expect(chain.filter((step) => !run.succeeded[step])).toEqual([]);
  }, 300_000);
});

const passed = (run: SchemathesisRun) => run.exitCode === 0 && run.report.failures.length === 0 && run.report.errors.length === 0;
