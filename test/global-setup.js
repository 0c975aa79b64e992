// Starts the real Kafka broker and FerretDB (infra/local) for the whole test run unless the caller gave
// KAFKA_BROKERS and MONGODB_URL, or opted out with LOCAL_INFRA=off (then those suites say they were skipped).
const { spawnSync } = require('node:child_process');
const { createServer } = require('node:net');
const { join } = require('node:path');

const root = join(__dirname, '..');

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

function up(env) {
  const run = spawnSync('bash', [join(root, 'infra/local/up.sh')], { cwd: root, env, encoding: 'utf8', timeout: 20 * 60_000 });
  process.stderr.write(run.stderr ?? '');
  return run;
}

module.exports = async () => {
  // The workers inherit this environment: suites reuse a dist/ build made since then (test/support/built-app.ts).
  process.env.TEST_RUN_STARTED_AT = String(Date.now());
  if (process.env.LOCAL_INFRA === 'off' || (process.env.KAFKA_BROKERS && process.env.MONGODB_URL)) return;
  process.stderr.write('\nStarting local Kafka and FerretDB (infra/local/up.sh)...\n');
  let run = up(process.env);
  if (run.status !== 0 && /already in use/.test(run.stderr ?? '')) {
    // Another program holds the default ports (say, another checkout's infra/local): use free ones for this run.
    const [kafka, controller, mongo] = [await freePort(), await freePort(), await freePort()];
    process.stderr.write(`Default ports are taken; using Kafka ${kafka}, FerretDB ${mongo}\n`);
    run = up({ ...process.env, KAFKA_PORT: String(kafka), KAFKA_CONTROLLER_PORT: String(controller), MONGO_PORT: String(mongo) });
  }
  if (run.status !== 0) throw new Error(`infra/local/up.sh failed (exit ${run.status}); see its output above`);
  for (const line of run.stdout.split('\n')) {
    const match = /^(KAFKA_BROKERS|MONGODB_URL)=(\S+)$/.exec(line.trim());
    if (match && !process.env[match[1]]) process.env[match[1]] = match[2];
  }
  if (!process.env.KAFKA_BROKERS || !process.env.MONGODB_URL) throw new Error(`infra/local/up.sh did not report KAFKA_BROKERS and MONGODB_URL:\n${run.stdout}`);
};
