import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './eventually';
import { processAlive } from './local-kafka';

/** Gives the broker back; safe to call twice. */
export type BrokerLease = () => void;

/**
 * The services' topics and consumer groups have fixed names, so two deployments on one broker would take each
 * other's messages (a slot-service refusing another deployment's booking for a slot it does not know). A deployment
 * therefore holds the broker to itself while it runs, against every jest worker (and every checkout) on this
 * machine: the lease is a file named after the broker, naming the owner's pid; a dead owner's lease is taken over.
 */
export async function leaseBroker(brokers: string, timeoutMs = 15 * 60_000): Promise<BrokerLease> {
  const file = join(tmpdir(), `booking-e2e-broker-${brokers.replace(/[^\w.-]+/g, '_')}.lease`);
  const mine = `${process.pid} ${randomUUID()}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      writeFileSync(file, mine, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(file);
    if (owner && !processAlive(Number(owner.split(' ')[0])) && readOwner(file) === owner) rmSync(file, { force: true });
    else if (Date.now() > deadline) throw new Error(`${brokers} still leased by pid ${owner} after ${timeoutMs} ms (${file})`);
    else await sleep(250);
  }
  const release = () => {
    if (readOwner(file) === mine) rmSync(file, { force: true });
    process.off('exit', release);
  };
  process.on('exit', release);
  return release;
}

/** `<pid> <uuid>` of the owner, or '' while a new owner is still writing it (or once the file is gone). */
function readOwner(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}
