import { isOpenDeadLetter, type SetAsideEvent } from '@app/messaging';
import { distributedConfig } from '@app/service-kit';
import { UsageError, parseCommandLine, runAsProcess, type Command } from './cli';
import type { DeadLetterDesk, ListedDeadLetter } from './dead-letter-desk';
import { EmbeddedDeadLetterDesk } from './embedded-dead-letter-desk';
import { KafkaDeadLetterDesk } from './kafka-dead-letter-desk';
import { storeSettings } from './service-stores';

const usage = 'npm run dead-letters -- list [--all] | retry <id> | discard <id>';

/** Distributed mode when KAFKA_BROKERS is set (as the services are configured), embedded mode otherwise. */
const openDesk = (env: NodeJS.ProcessEnv): DeadLetterDesk => {
  if (!env.KAFKA_BROKERS) return new EmbeddedDeadLetterDesk(storeSettings(env).DATA_DIR);
  const config = distributedConfig(env, 3000);
  return new KafkaDeadLetterDesk({ brokers: config.KAFKA_BROKERS, mongoUrl: config.MONGODB_URL, mongoDatabasePrefix: config.MONGODB_DATABASE });
};

const letterLine = (letter: ListedDeadLetter) =>
  [letter.id, letter.failedAt, letter.status, letter.topic, letter.groupId, `${letter.attempts} attempts`, letter.event ? `${letter.event.type} ${letter.event.id}` : '(no event envelope)', letter.error].join('\t');

const setAsideLine = (entry: SetAsideEvent) =>
  [entry.service, entry.component, `position ${entry.position}`, `${entry.type} v${entry.version}`, entry.eventId, entry.reason, entry.at].join('\t');

/**
 * Dead letters (messages a consumer group gave up on) and set-aside events (stored events a projection or the relay
 * could not read), in either mode: list them (discarded and retried ones only with --all), retry a letter (its
 * original event goes back to its original topic) or discard it.
 */
export const deadLetters: Command = async (args, io) => {
  const { values, positionals } = parseCommandLine(args, { all: { type: 'boolean' } }, true);
  const [action, id, ...rest] = positionals;
  const wellFormed = action === 'list' ? id === undefined : (action === 'retry' || action === 'discard') && id !== undefined && !values.all;
  if (!wellFormed || rest.length > 0) throw new UsageError(action ? `${action}: wrong arguments` : 'what to do: list, retry or discard');
  const desk = openDesk(io.env);
  try {
    if (action === 'list') {
      const letters = (await desk.list()).filter((letter) => values.all || isOpenDeadLetter(letter.status));
      const setAside = await desk.setAside();
      io.stdout.write(`dead letters: ${letters.length}\n${letters.map((letter) => `${letterLine(letter)}\n`).join('')}`);
      io.stdout.write(`set aside: ${setAside.length}\n${setAside.map((entry) => `${setAsideLine(entry)}\n`).join('')}`);
      return 0;
    }
    const done = action === 'retry' ? await desk.retry(id) : (await desk.discard(id)) && `discarded ${id}`;
    if (!done) {
      io.stderr.write(`no dead letter ${id}\n`);
      return 1;
    }
    io.stdout.write(`${done}\n`);
    return 0;
  } finally {
    await desk.close();
  }
};

if (require.main === module) runAsProcess(deadLetters, usage);
