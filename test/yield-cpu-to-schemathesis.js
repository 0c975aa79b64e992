// Schemathesis fuzzes for a fixed time (max-time in test/schemathesis.toml), so how much it tries depends on the CPU
// it gets: about one core. In a parallel run every other suite yields to it: its jest worker, and the processes it
// starts from then on, run at the lowest priority (nice 19). Only the priority changes; each suite runs in full.
// Schemathesis runs first (test/slow-first-sequencer.js), in a worker that has not run anything else yet.
const { setPriority } = require('node:os');

if (!expect.getState().testPath.endsWith('/test/schemathesis.e2e.ts')) {
  try {
    setPriority(19);
  } catch {
    // not allowed here: the run goes on at the usual priority
  }
}
