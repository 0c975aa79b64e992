import { HttpStatus } from '@nestjs/common';
import { StaleRevisionError } from '@app/eventstore';
import { PreconditionRequiredException, TooManyRequestsException } from './http-exceptions';
import { expectedRevisionFromIfMatch } from './if-match';
import { InvalidInputException, toProblem } from './problem.filter';

describe('expectedRevisionFromIfMatch', () => {
  it('turns the version in the ETag into the revision it was read at', () => {
    expect(expectedRevisionFromIfMatch('"1"')).toBe(0);
    expect(expectedRevisionFromIfMatch('"12"')).toBe(11);
    expect(expectedRevisionFromIfMatch(' "3" ')).toBe(2);
  });

  it.each([undefined, '', '   '])('asks for the precondition (428) when If-Match is missing: %j', (value) => {
    expect(() => expectedRevisionFromIfMatch(value)).toThrow(PreconditionRequiredException);
    try {
      expectedRevisionFromIfMatch(value);
    } catch (error) {
      expect((error as PreconditionRequiredException).getStatus()).toBe(HttpStatus.PRECONDITION_REQUIRED);
    }
  });

  it.each(['3', 'W/"3"', '*', '"0"', '"-1"', '"3", "4"', '"abc"', '"1.5"', '"99999999999999999"'])(
    'refuses a malformed If-Match with 400 naming it: %s',
    (value) => {
      let thrown: unknown;
      try {
        expectedRevisionFromIfMatch(value);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidInputException);
      expect(toProblem(thrown)).toMatchObject({ status: 400, errors: [{ field: 'If-Match', message: expect.any(String) }] });
    },
  );
});

describe('problems for preconditions and limits', () => {
  it('a stale revision is 412 stale_version, speaking in versions (the ETag)', () => {
    expect(toProblem(new StaleRevisionError('booking-1', 2, 4))).toMatchObject({
      status: 412,
      title: 'Precondition failed',
      code: 'stale_version',
      detail: expect.stringContaining('you sent version 3, it is now at version 5'),
    });
  });

  it('a missing precondition is 428 and a reached limit 429, each with a title and code', () => {
    expect(toProblem(new PreconditionRequiredException())).toMatchObject({ status: 428, title: 'Precondition required', code: 'precondition_required' });
    expect(toProblem(new TooManyRequestsException('10 holds already', 30))).toMatchObject({
      status: 429,
      title: 'Too many requests',
      code: 'too_many_requests',
      detail: '10 holds already',
    });
  });
});
