import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { DEAD_LETTER_EVENT_TYPE, type DeadLetterV1 } from '../dead-letter-events';
import type { EventEnvelope } from '../envelope';
import { contractOf, integrationEventContracts, schemaFileOf, type IntegrationEventContract } from '../integration-events';
import { TopicKeys, type Topic } from '../topics';

/** The committed JSON Schemas (libs/contracts/schemas), each added under its file name so refs can name it. */
const schemasDir = join(__dirname, '..', '..', 'schemas');

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorFor(ref: string): ValidateFunction {
  if (!ajv) {
    ajv = addFormats(new Ajv({ allErrors: true, strict: true }));
    for (const contract of integrationEventContracts) {
      const file = schemaFileOf(contract);
      ajv.addSchema(JSON.parse(readFileSync(join(schemasDir, file), 'utf8')), file);
    }
  }
  let validate = compiled.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    compiled.set(ref, validate);
  }
  return validate;
}

const messagesOf = (errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}${error.keyword === 'additionalProperties' ? `: ${String(error.params.additionalProperty)}` : ''}`);

const label = (topic: string, event: Partial<EventEnvelope>) => `${String(event.type)} v${String(event.version)} on ${topic}`;

/**
 * What is wrong with a message published on `topic`, checked against its committed JSON Schema: an empty list when
 * it matches. A type or version with no contract on that topic is an error too. A dead letter's original event is
 * checked against its own topic's contract, unless it was not a known event (a consumer may dead-letter anything).
 */
export function validateIntegrationEvent(topic: string, event: unknown): string[] {
  const envelope = (event ?? {}) as Partial<EventEnvelope>;
  const contract = contractOf(topic, String(envelope.type), Number(envelope.version));
  if (!contract) return [`${label(topic, envelope)}: no contract in libs/contracts/src/integration-events.ts`];
  const validate = validatorFor(schemaFileOf(contract));
  if (!validate(event)) return messagesOf(validate.errors).map((error) => `${label(topic, envelope)}: ${error}`);
  if (envelope.type !== DEAD_LETTER_EVENT_TYPE) return [];
  const { topic: original, event: dead } = envelope.data as DeadLetterV1;
  return contractOf(original, dead.type, dead.version) ? validateIntegrationEvent(original, dead).map((error) => `dead letter: ${error}`) : [];
}

/** A record as a topic carries it. */
export interface PublishedMessage {
  topic: string;
  key: string;
  event: unknown;
}

const keyOf = (topic: string, event: unknown): unknown => {
  const path = TopicKeys[topic as Topic];
  if (path === undefined) return undefined;
  return path.split('.').reduce<unknown>((value, field) => (value as Record<string, unknown> | undefined)?.[field], (event as EventEnvelope).data);
};

/**
 * {@link validateIntegrationEvent}, and the record's key: the field of `data` its topic is keyed by (TopicKeys); a
 * dead letter's key is the key of the record it holds.
 */
export function validateIntegrationMessage({ topic, key, event }: PublishedMessage): string[] {
  const errors = validateIntegrationEvent(topic, event);
  const envelope = event as EventEnvelope;
  const expected = topic.endsWith('.dlq') ? (envelope.data as DeadLetterV1 | undefined)?.key : keyOf(topic, event);
  if (expected !== undefined && key !== expected) errors.push(`${label(topic, envelope)}: key ${key}, but ${TopicKeys[topic as Topic] ?? 'the dead letter\'s key'} is ${String(expected)}`);
  return errors;
}

/** What is wrong with the `data` of a contract (for example a feed that serves the same records as a topic). */
export function validateIntegrationEventData(contract: Pick<IntegrationEventContract, 'topic' | 'type' | 'version'>, data: unknown): string[] {
  const validate = validatorFor(`${schemaFileOf(contract)}#/properties/data`);
  return validate(data) ? [] : messagesOf(validate.errors);
}
