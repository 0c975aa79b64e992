import { deadLetterTopics, integrationEventContracts } from '@app/contracts';
import { validateIntegrationMessage } from '../../../libs/contracts/src/testing/validate-integration-event';
import { publishedBy } from './testing/published-samples';

describe('what each service publishes (its outbound mapper on representative domain events) matches the committed JSON Schemas', () => {
  it.each(publishedBy)('%s', (_service, messages) => {
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.flatMap(validateIntegrationMessage)).toEqual([]);
  });

  it('and together the services publish every contract there is, each on its topic', () => {
    const publishedContracts = new Set(publishedBy.flatMap(([, messages]) => messages.map(({ topic, event }) => `${topic} ${event.type} v${event.version}`)));
    const contracts = integrationEventContracts.filter((contract) => contract.topic !== deadLetterTopics).map(({ topic, type, version }) => `${topic} ${type} v${version}`);
    expect([...publishedContracts].sort()).toEqual(contracts.sort());
  });
});
