import { readFileSync, rmSync } from 'node:fs';
import { FixtureAnswer, FixtureFile, answersOf, copyOfFixtureData, fixturePlatform, releaseFixtureAnswers } from './fixtures/release-fixture';

/**
 * Stores written by release 0.1 (test/fixtures/release-0.1, made by make-release-fixture.ts with that release's
 * code) load with today's code and answer every read exactly as release 0.1 did: events stored under older
 * schema versions are upcast on reading, and nothing a client sees changes.
 */
describe('stores of release 0.1 (embedded platform)', () => {
  const recorded = JSON.parse(readFileSync(releaseFixtureAnswers, 'utf8')) as FixtureFile;
  const dataDir = copyOfFixtureData();
  let answers: Record<string, FixtureAnswer>;

  beforeAll(async () => {
    const platform = await fixturePlatform(dataDir);
    try {
      // All at once and in the recorded order: a registry search records itself, so a later answer depends on it.
      answers = await answersOf(platform.api, recorded.requests);
    } finally {
      await platform.close();
    }
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('asks what the fixture recorded', () => {
    expect(recorded.requests.length).toBeGreaterThan(100);
    expect(Object.keys(answers)).toEqual(recorded.requests.map((request) => request.name));
  });

  it.each(recorded.requests.map((request) => [request.name, request.path]))('%s (GET %s) answers byte for byte as release 0.1 did', (name) =>
    expect(JSON.stringify(answers[name], null, 2)).toBe(JSON.stringify(recorded.answers[name], null, 2)));
});
