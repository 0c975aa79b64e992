import { existsSync } from 'node:fs';
import { Database } from '@app/eventstore/sqlite/driver';
import { cleanEnv, str } from 'envalid';
import { EventTypes, UpcastingEventStore } from '@app/eventstore';
import { MongoDocumentStore } from '@app/readmodel';
import { openSqliteState, serviceDatabaseName, sqliteFiles } from '@app/service-kit';
import { replayDistributed } from './replay/distributed-replay';
import { replayEmbedded } from './replay/embedded-replay';
import { describeDifference } from './replay/first-difference';
import { planProjections } from './replay/projection-plan';
import type { ReplayOutcome } from './replay/replay-outcome';
import { ReplayProgress } from './replay/replay-progress';
import { serviceEventTypes, serviceProjections } from './replay/service-projections';
import { type Command, UsageError, parseOptions, runAsProcess } from './cli';
import { SERVICES, ServiceName, isServiceName, openServiceStore, storeSettings } from './service-stores';

export const replayUsage = `npm run replay -- --service <${SERVICES.join('|')}> [--projection <name>] [--verify]`;

/** Read models live in MongoDB when MONGODB_URL is set (distributed mode), in memory otherwise. */
const readModelSettings = (env: NodeJS.ProcessEnv) =>
  cleanEnv(env, {
    MONGODB_URL: str({ default: undefined, desc: 'MongoDB (or FerretDB) of the read models; embedded mode when unset' }),
    MONGODB_DATABASE: str({ default: 'appointment_booking', desc: 'database name prefix' }),
  });

/** A SQLite store's event count, for the progress bar's total; none for KurrentDB (the bar then grows as it reads). */
function storedEventCount(service: string, settings: ReturnType<typeof storeSettings>): number | undefined {
  const file = sqliteFiles(settings.DATA_DIR, service).events;
  if (settings.EVENTSTORE_URL || !existsSync(file)) return undefined;
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function parse(args: string[]): { service: ServiceName; projection?: string; verify: boolean } {
  const values = parseOptions(args, { service: { type: 'string' }, projection: { type: 'string' }, verify: { type: 'boolean', default: false } });
  if (!values.service) throw new UsageError('missing --service');
  if (!isServiceName(values.service)) throw new UsageError(`unknown service ${values.service}`);
  return { service: values.service, projection: values.projection, verify: values.verify ?? false };
}

/**
 * Rebuilds a service's read models from its event store (all of them, or `--projection`), with a progress bar on
 * stderr and a summary on stdout. Exit 0 when done (with `--verify`: and identical), 1 naming the first
 * difference, 2 on bad arguments.
 */
export const replay: Command = async (argv, { stdout, stderr, env }) => {
  const args = parse(argv);
  const planned = planProjections(serviceProjections(args.service, env));
  const selected = planned.filter((projection) => args.projection === undefined || projection.name === args.projection);
  if (selected.length === 0) throw new UsageError(`${args.service} has no projection ${args.projection}; it has ${planned.map((p) => p.name).join(', ')}`);

  const settings = storeSettings(env);
  const { MONGODB_URL, MONGODB_DATABASE } = readModelSettings(env);
  const store = new UpcastingEventStore(openServiceStore(args.service, settings), new EventTypes(serviceEventTypes[args.service]));
  const progress = new ReplayProgress(storedEventCount(args.service, settings), stderr);
  const options = { verify: args.verify, onPage: progress.page, onRebuilt: progress.finished };
  let outcome: ReplayOutcome;
  try {
    if (MONGODB_URL) {
      const mongo = await MongoDocumentStore.connect(MONGODB_URL, serviceDatabaseName(MONGODB_DATABASE, args.service));
      outcome = await replayDistributed(args.service, store, selected, mongo, options).finally(() => mongo.close());
    } else {
      const state = openSqliteState(sqliteFiles(settings.DATA_DIR, args.service).state);
      outcome = await replayEmbedded(args.service, store, selected, state.setAside, options).finally(() => state.db.close());
    }
  } finally {
    progress.stop();
    await store.close();
  }

  const names = selected.map((projection) => projection.name).join(', ');
  const rate = Math.round(progress.rate).toLocaleString('en-GB');
  stdout.write(
    `replayed ${args.service} (${MONGODB_URL ? 'MongoDB' : 'embedded, in memory'}): ${progress.events.toLocaleString('en-GB')} events, ` +
      `${selected.length} projection${selected.length === 1 ? '' : 's'} (${names}), ${outcome.documents.toLocaleString('en-GB')} documents ` +
      `in ${outcome.collections.join(', ')}, ${progress.seconds.toFixed(2)} s, ${rate} events/s\n`,
  );
  if (outcome.swappedAt !== undefined) stdout.write(`live collections replaced; checkpoints at ${outcome.swappedAt}\n`);
  if (!outcome.verified) return 0;
  if (outcome.verified.difference) {
    stderr.write(`verify failed: ${describeDifference(outcome.verified.difference)}\n`);
    return 1;
  }
  stdout.write(`verified: ${outcome.collections.length} collections identical\n`);
  return 0;
};

if (require.main === module) runAsProcess(replay, replayUsage);
