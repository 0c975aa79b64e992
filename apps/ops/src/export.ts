import { once } from 'node:events';
import { compareGlobalPositions } from '@app/eventstore';
import { UsageError, parseOptions, runAsProcess, type Command } from './cli';
import { chosenStore, openExistingStore } from './event-stores';
import { readAllPages } from './read-all-pages';
import { storeSettings } from './service-stores';

const usage = 'npm run export -- (--service <name> | --audit | --store <name>) [--from <position>] [--to <position>] > events.ndjson';

const position = (value: string | undefined, option: string): string | undefined => {
  if (value !== undefined && !/^\d+(:\d+)?$/.test(value)) throw new UsageError(`${option} ${value}: not a global position (e.g. 1200, or 1200:1180 for KurrentDB)`);
  return value;
};

/**
 * Writes a store's events as NDJSON, one per line, exactly as stored: envelope, data at the version it was
 * written with (no upcasting), global position and hash chain link. `--from` is exclusive (the events after it,
 * as with a checkpoint), `--to` inclusive. Read a page at a time and written as stdout takes it.
 */
export const exportEvents: Command = async (args, io) => {
  const options = parseOptions(args, {
    service: { type: 'string' },
    store: { type: 'string' },
    audit: { type: 'boolean' },
    from: { type: 'string' },
    to: { type: 'string' },
  });
  const name = chosenStore(options);
  const from = position(options.from, '--from');
  const to = position(options.to, '--to');
  const store = openExistingStore(name, storeSettings(io.env));
  let exported = 0;
  try {
    for await (const event of readAllPages(store, from)) {
      if (to !== undefined && compareGlobalPositions(event.globalPosition, to) > 0) break;
      if (!io.stdout.write(`${JSON.stringify(event)}\n`)) await once(io.stdout, 'drain');
      exported++;
    }
  } finally {
    await store.close();
  }
  io.stderr.write(`exported ${exported} events of ${name}\n`);
  return 0;
};

if (require.main === module) runAsProcess(exportEvents, usage);
