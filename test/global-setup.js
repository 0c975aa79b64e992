// Starts the real Kafka broker and FerretDB (infra/local) for the whole test run unless the caller gave
// KAFKA_BROKERS and MONGODB_URL, or opted out with LOCAL_INFRA=off (then those suites say they were skipped).
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async () => {
  if (process.env.LOCAL_INFRA === 'off' || (process.env.KAFKA_BROKERS && process.env.MONGODB_URL)) return;
  const root = join(__dirname, '..');
  process.stderr.write('\nStarting local Kafka and FerretDB (infra/local/up.sh)...\n');
  const output = execFileSync('bash', [join(root, 'infra/local/up.sh')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 20 * 60_000 });
  for (const line of output.split('\n')) {
    const match = /^(KAFKA_BROKERS|MONGODB_URL)=(\S+)$/.exec(line.trim());
    if (match && !process.env[match[1]]) process.env[match[1]] = match[2];
  }
  if (!process.env.KAFKA_BROKERS || !process.env.MONGODB_URL) throw new Error(`infra/local/up.sh did not report KAFKA_BROKERS and MONGODB_URL:\n${output}`);
};
