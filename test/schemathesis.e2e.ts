import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApps } from './support/built-app';
import { PlatformProcess } from './support/platform-process';
import { SchemathesisRun, describeRun, installSchemathesis, runSchemathesis } from './support/schemathesis';
import { tokenFor } from './support/tokens';

/**
 * Schemathesis (pinned, from PyPI) against the platform as users run it, driven only by the OpenAPI document it
 * serves: the documented examples, generated valid and invalid requests, and the stateful chains the document's
 * links describe (publish → search → book → read → amend → cancel). Settings, and what each check expects with the
 * reasons: test/schemathesis.toml.
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

  const run = async (pass: string, caller: string, args: string[] = []) => {
    mkdirSync(join(reportDir, pass));
    const done = await runSchemathesis({
      st,
      schemaUrl: `${platform.url}/openapi.json`,
      // The stranger: a booker of a practice sharing nothing with A81001 (no federation), so none of its bookings.
      tokens: { caller, stranger: await tokenFor('B82002', 'booker') },
      reportDir: join(reportDir, pass),
      configFile: join(__dirname, 'schemathesis.toml'),
      args,
    });
    console.log(`${pass}: ${describeRun(done)}\nReports: ${join(reportDir, pass)}`);
    return done;
  };

  it('finds no server error, no response outside its schema, no invalid request accepted', async () => {
    // A provider-admin may publish, book and change its organisation's bookings, so every chain can run; routes only
    // auditors may read answer it 403 (before their input is read), so an auditor fuzzes those in a shorter pass
    // (read-only routes with no links between them: no stateful phase).
    const runs = {
      providerAdmin: await run('provider-admin', await tokenFor('A81001', 'provider-admin')),
      auditor: await run('auditor', await tokenFor('CQC', 'auditor', { orgType: 'regulator' }), [
        '--include-path-regex',
        '^/(audit/|registry/(access-log|changes))',
        '--phases',
        'examples,coverage,fuzzing',
        '--max-time',
        '25',
      ]),
    };

    // On failure, st's own output: each finding with a curl line that reproduces it.
    for (const [pass, done] of Object.entries(runs)) if (!passed(done)) throw new Error(`${pass}: Schemathesis found problems (${describeRun(done)}):\n${done.output}`);
    const { providerAdmin } = runs;
    expect(providerAdmin.report.operations.tested).toBe(providerAdmin.report.operations.total);
    expect(providerAdmin.report.phases.stateful.status).toBe('success');
    // Each step of a booking's life answered 2xx at least once: the links carried real ids and versions along.
    const chain = ['POST /slots', 'GET /slots', 'POST /appointments', 'GET /appointments/{id}', 'PATCH /appointments/{id}', 'POST /appointments/{id}/cancel'];
    console.log(`2xx answers along the chain: ${chain.map((step) => `${step} ${providerAdmin.succeeded[step] ?? 0}`).join(', ')}`);
    expect(chain.filter((step) => !providerAdmin.succeeded[step])).toEqual([]);
  }, 300_000);
});

const passed = (run: SchemathesisRun) => run.exitCode === 0 && run.report.failures.length === 0 && run.report.errors.length === 0;
