import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Installs the pinned Schemathesis into `.venv-schemathesis/` (the first time only) and returns its `st`. */
export function installSchemathesis(): string {
  return execFileSync('bash', [join(root, 'scripts/schemathesis-venv.sh')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/** What `st run` writes in its JSON report (the parts this test reads). */
export interface SchemathesisReport {
  running_time: number;
  operations: { total: number; tested: number };
  phases: Record<string, { status: string }>;
  failures: unknown[];
  errors: unknown[];
}

export interface SchemathesisRun {
  exitCode: number | null;
  /** Everything `st` printed: the failures with a curl line to reproduce each, and the summary. */
  output: string;
  report: SchemathesisReport;
  /** Every request sent, counted in the HAR file (one entry per request). */
  requests: number;
  /** 2xx answers by documented operation (`PATCH /appointments/{id}`): which steps of a chain really ran. */
  succeeded: Record<string, number>;
  /** `SCHEMATHESIS_SEED=<seed>` replays the same inputs (a 128-bit number: kept as text). */
  seed: string;
}

export interface SchemathesisTarget {
  st: string;
  schemaUrl: string;
  /** Bearer tokens by the identity names the settings use (`caller`, `stranger`). */
  tokens: Record<string, string>;
  reportDir: string;
  /** Settings (test/schemathesis.toml); `${SCHEMATHESIS_AUTH_FILE}` in it names the identities' file. */
  configFile: string;
  /** More `st run` options, over the settings' (`--include-path-regex`, `--max-time`). */
  args?: string[];
}

/** `st run` against a served OpenAPI document; resolves once it exits, whatever it found. */
export async function runSchemathesis(target: SchemathesisTarget): Promise<SchemathesisRun> {
  const seed = process.env.SCHEMATHESIS_SEED;
  // A Web Fuzzing Commons auth file: one fixed Authorization header per identity.
  const authFile = join(target.reportDir, 'identities.json');
  const identities = Object.entries(target.tokens).map(([name, token]) => ({ name, fixedHeaders: [{ name: 'Authorization', value: `Bearer ${token}` }] }));
  writeFileSync(authFile, JSON.stringify({ auth: identities }), { mode: 0o600 });
  const args = ['--config-file', target.configFile, '--no-color', 'run', target.schemaUrl, '--report', 'json,junit,har', '--report-dir', target.reportDir, ...(target.args ?? [])];
  const child = spawn(target.st, seed ? [...args, '--seed', seed] : args, {
    cwd: target.reportDir,
    env: { ...process.env, SCHEMATHESIS_AUTH_FILE: authFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  rmSync(authFile); // live tokens: not left with the reports
  const report = JSON.parse(readFileSync(reportFile(target.reportDir, 'json-', output), 'utf8')) as SchemathesisReport;
  const harFile = reportFile(target.reportDir, 'har-', output);
  const har = JSON.parse(readFileSync(harFile, 'utf8')) as Har;
  rmSync(harFile); // every request and answer in full (~15 MB): counted, then dropped; the JUnit and JSON reports stay
  const document = (await (await fetch(target.schemaUrl)).json()) as { paths: Record<string, unknown> };
  return { exitCode, output, report, requests: har.log.entries.length, succeeded: successes(har, Object.keys(document.paths)), seed: /^Seed: (\d+)/m.exec(output)?.[1] ?? 'unknown' };
}

interface Har {
  log: { entries: { request: { method: string; url: string }; response: { status: number } }[] };
}

function successes(har: Har, paths: string[]): Record<string, number> {
  const templates = paths.map((path) => ({ path, pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`) }));
  const counts: Record<string, number> = {};
  for (const { request, response } of har.log.entries) {
    const path = new URL(request.url).pathname;
    const template = templates.find(({ pattern }) => pattern.test(path));
    const operation = `${request.method} ${template?.path ?? path}`;
    if (response.status >= 200 && response.status < 300) counts[operation] = (counts[operation] ?? 0) + 1;
  }
  return counts;
}

/** One line on the run's size, for the test's output and the README. */
export function describeRun(run: SchemathesisRun): string {
  const { operations, phases, running_time: seconds } = run.report;
  const phaseList = Object.entries(phases)
    .map(([phase, { status }]) => `${phase} ${status}`)
    .join(', ');
  return (
    `Schemathesis: ${operations.tested} of ${operations.total} operations, ${run.requests} requests in ${seconds.toFixed(0)} s; ` +
    `phases: ${phaseList}; seed ${run.seed}`
  );
}

function reportFile(reportDir: string, prefix: string, output: string): string {
  const file = readdirSync(reportDir).find((name) => name.startsWith(prefix) && name.endsWith('.json'));
  if (!file) throw new Error(`st wrote no ${prefix}*.json report in ${reportDir}; it printed:\n${output}`);
  return join(reportDir, file);
}
