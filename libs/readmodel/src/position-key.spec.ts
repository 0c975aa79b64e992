import { compareGlobalPositions } from '@app/eventstore';
import { positionKey } from './position-key';

describe('positionKey', () => {
  it('orders keys as compareGlobalPositions orders the positions', () => {
    const positions = ['1', '9', '10', '123456789012', '0:0', '9:9', '10:2', '10:10', '18446744073709551615:18446744073709551615'];
    for (const a of positions) {
      for (const b of positions) {
        if (a.includes(':') !== b.includes(':')) continue; // one store's positions all have one form
        const byKey = positionKey(a) < positionKey(b) ? -1 : positionKey(a) > positionKey(b) ? 1 : 0;
        expect([a, b, byKey]).toEqual([a, b, compareGlobalPositions(a, b)]);
      }
    }
  });

  it('refuses what is not a position', () => {
    expect(() => positionKey('abc')).toThrow('not a global position: abc');
    expect(() => positionKey('')).toThrow(TypeError);
  });
});
