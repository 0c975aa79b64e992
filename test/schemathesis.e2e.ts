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
  const platform = new PlatformProcess(dataDir);
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
    console.log(`${describeRun(run)}\nReports (JUnit, HAR, JSON): ${reportDir}`);

    expect(findings(run)).toEqual({ exitCode: 0, failures: [], errors: [], untested: 0 });
    expect(run.report.phases.stateful.status).not.toBe('skip');
  }, 300_000);
});

/** What the run found; on failure `st`'s own output (each failure with a curl line to reproduce it) comes along. */
function findings(run: SchemathesisRun) {
  const found = {
    exitCode: run.exitCode,
    failures: run.report.failures.map(({ code, title, operations }) => `${code} ${title}: ${operations.join(', ')}`),
    errors: run.report.errors.map(({ title, count }) => `${title} (${count})`),
    untested: run.report.operations.selected - run.report.operations.tested,
  };
  return found.exitCode === 0 && found.failures.length === 0 && found.errors.length === 0 && found.untested === 0 ? found : { ...found, output: run.output };
}
