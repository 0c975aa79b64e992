import { fieldErrorsProblem, listedErrorsAtMost } from './problem';

const errors = (count: number) => Array.from({ length: count }, (_, i) => ({ field: `slots[${i}].start`, message: 'start must be an instant' }));

describe('fieldErrorsProblem', () => {
  it('lists every error when there are at most 20', () => {
    expect(fieldErrorsProblem(errors(2))).toEqual({ detail: 'slots[0].start: start must be an instant; slots[1].start: start must be an instant', errors: errors(2) });
    expect(fieldErrorsProblem(errors(listedErrorsAtMost)).omittedErrors).toBeUndefined();
  });

  it('lists the first 20 and counts the others, in the detail too', () => {
    const problem = fieldErrorsProblem(errors(100_000));
    expect(problem.errors).toEqual(errors(20));
    expect(problem.omittedErrors).toBe(99_980);
    expect(problem.detail).toMatch(/^slots\[0\]\.start: start must be an instant; .*slots\[19\]\.start: start must be an instant; and 99980 more$/);
  });

  it('cuts a field or message longer than 200 characters', () => {
    const [error] = fieldErrorsProblem([{ field: 'f'.repeat(100_000), message: `property ${'f'.repeat(100_000)} should not exist` }]).errors!;
    expect([error.field.length, error.message.length]).toEqual([200, 200]);
    expect(error.field.endsWith('…')).toBe(true);
  });
});
