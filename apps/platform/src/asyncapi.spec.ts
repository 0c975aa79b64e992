import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, type AsyncAPIDocumentInterface, type Diagnostic } from '@asyncapi/parser';
import { Topics, deadLetterTopics, integrationEventContracts, schemaFileOf } from '@app/contracts';
import { publishedBy } from './testing/published-samples';

const file = join(__dirname, '..', '..', '..', 'docs', 'asyncapi.yaml');
const errorSeverity = 0;

describe('docs/asyncapi.yaml', () => {
  let document: AsyncAPIDocumentInterface | undefined;
  let diagnostics: Diagnostic[];

  beforeAll(async () => {
    ({ document, diagnostics } = await new Parser().parse(readFileSync(file, 'utf8'), { source: file }));
  });

  /** Each channel's address and the event types its messages carry (the message `name`). */
  const channels = () => new Map(document!.channels().all().map((channel) => [channel.address()!, channel.messages().all().map((message) => message.name())]));

  it('is a valid AsyncAPI 3 document (no error from the parser; its payload files resolve)', () => {
    expect(diagnostics.filter((diagnostic) => diagnostic.severity === errorSeverity).map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  });

  it('has a channel for every topic and its .dlq, and no other', () => {
    const topics = Object.values(Topics).flatMap((topic) => [topic, `${topic}.dlq`]);
    expect([...channels().keys()].sort()).toEqual(topics.sort());
  });

  it('describes every contract on its channel, with the generated schema as its payload', () => {
    const described = channels();
    for (const contract of integrationEventContracts) {
      const addresses = contract.topic === deadLetterTopics ? Object.values(Topics).map((topic) => `${topic}.dlq`) : [contract.topic];
      for (const address of addresses) expect([address, described.get(address)]).toEqual([address, expect.arrayContaining([contract.type])]);
      const message = document!.components().messages().all().find((m) => m.name() === contract.type)!;
      // The parser resolved the $ref: the payload is the committed schema of the contract.
      expect(message.payload()?.json()).toMatchObject({ schema: { title: `${contract.type} v${contract.version} (${contract.typeName})` } });
      expect(readFileSync(file, 'utf8')).toContain(`../libs/contracts/schemas/${schemaFileOf(contract)}`);
    }
  });

  it('describes every event type the services publish, on the topic they publish it to', () => {
    const described = channels();
    const missing = publishedBy.flatMap(([, messages]) => messages).filter(({ topic, event }) => !described.get(topic)?.includes(event.type));
    expect(missing.map(({ topic, event }) => `${topic} ${event.type}`)).toEqual([]);
  });

  it('says what each record is keyed by, and which headers it carries', () => {
    for (const message of document!.components().messages().all()) {
      const kafka = message.bindings().get('kafka')?.value() as { key?: { description?: string } } | undefined;
      expect([message.name(), kafka?.key?.description]).toEqual([message.name(), expect.any(String)]);
      expect([message.name(), message.headers()?.required()]).toEqual([message.name(), expect.arrayContaining([expect.any(String)])]);
    }
  });

  it('names who sends and who receives on every channel', () => {
    for (const channel of document!.channels().all()) {
      const actions = channel.operations().all().map((operation) => operation.action());
      expect([channel.address(), actions]).toEqual([channel.address(), expect.arrayContaining(['send', 'receive'])]);
    }
  });
});
