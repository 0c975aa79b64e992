import { ChainVerifier, type ChainBreak, type RecordedEvent } from '@app/eventstore';
import { parseOptions, runAsProcess, type Command, type CommandIo } from './cli';
import { openExistingStore, storeNames, type StoreSettings } from './event-stores';
import { readAllPages } from './read-all-pages';
import { storeSettings } from './service-stores';

const usage = 'npm run audit:verify [-- --service <name>]';

const describeEvent = (event: RecordedEvent) =>
  `position ${event.globalPosition}, event ${event.id} (${event.type}, stream ${event.streamId} #${event.streamPosition})`;

const describeBreak = (store: string, broken: ChainBreak) =>
  `${store}: ${broken.kind} event at ${describeEvent(broken.event)}: ${broken.reason}`;

/** Walks one store's hash chain; false (having said where) at the first event that does not fit. */
async function verifyStore(name: string, settings: StoreSettings, io: CommandIo): Promise<boolean> {
  const store = openExistingStore(name, settings);
  try {
    const verifier = new ChainVerifier(store.chainScope);
    for await (const event of readAllPages(store)) {
      const broken = verifier.check(event);
      if (broken) {
        io.stdout.write(`${describeBreak(name, broken)}\n`);
        return false;
      }
    }
    // Removing the last events leaves no event after them to notice: keep the head elsewhere and compare.
    const head = verifier.head ? `head ${verifier.head.hash} (${describeEvent(verifier.head)})` : 'empty';
    io.stdout.write(`${name}: ${verifier.verified} events verified, ${head}\n`);
    return true;
  } finally {
    await store.close();
  }
}

/**
 * Recomputes every hash of every event store (or of `--service <name>`): exit 0 with the count per store, or 1
 * naming the store, position and event of the first altered, removed or reordered event.
 */
export const auditVerify: Command = async (args, io) => {
  const options = parseOptions(args, { service: { type: 'string' } });
  const settings = storeSettings(io.env);
  const names = options.service ? [options.service] : storeNames(settings);
  if (names.length === 0) {
    io.stdout.write(`no event stores in ${settings.DATA_DIR}\n`);
    return 0;
  }
  for (const name of names) if (!(await verifyStore(name, settings, io))) return 1;
  return 0;
};

if (require.main === module) runAsProcess(auditVerify, usage);
