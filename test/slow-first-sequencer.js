// Starts the suites that take longest first, so the many short ones fill the other workers around them instead of a
// long one starting last and running alone. Jest orders by the durations it cached on the last run, but a fresh
// checkout (CI) has none: then it goes by file size, which put schemathesis (75 lines, 2.5 min) near the end.
const Sequencer = require('@jest/test-sequencer').default;
const { relative } = require('node:path');

/** Longest first, as they run alone; the distributed ones take turns on the shared broker (broker-lease.ts). */
const slowest = [
  'test/schemathesis.e2e.ts', // ~140 s: Schemathesis's time budget; first, so it has a worker to itself
  'test/broker-restart.e2e.ts', // ~80 s, its own Kafka
  'test/distributed.e2e.ts', // ~35 s on the shared broker
  'test/read-model-outage.e2e.ts', // ~60 s, its own Kafka and FerretDB
  'test/distributed-saga.e2e.ts', // ~25 s on the shared broker
  'test/access-audit-distributed.e2e.ts', // ~10 s on the shared broker
];

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const rank = (test) => {
      const index = slowest.indexOf(relative(test.context.config.rootDir, test.path));
      return index === -1 ? slowest.length : index;
    };
    const byJest = super.sort(tests).map((test, order) => ({ test, order }));
    return byJest.sort((a, b) => rank(a.test) - rank(b.test) || a.order - b.order).map(({ test }) => test);
  }
}

module.exports = SlowFirstSequencer;
