import { PreconditionRequiredException } from './http-exceptions';
import { InvalidInputException } from './problem.filter';

/** The ETag of a version: `"N"`, N being the number of events in the stream. */
export const etagOfVersion = (version: number): string => `"${version}"`;

/**
 * The stream revision a change was decided on, from its If-Match header. ETags carry the version `"N"` (the
 * events in the stream), so the revision is N-1. Missing: 428. Anything but one strong ETag of a version
 * (a weak one, a list, `*`): 400 naming If-Match.
 */
export function expectedRevisionFromIfMatch(ifMatch: string | undefined): number {
  const value = ifMatch?.trim();
  if (!value) throw new PreconditionRequiredException();
  const version = /^"([1-9]\d{0,14})"$/.exec(value)?.[1];
  if (version === undefined) {
    throw new InvalidInputException([
      { field: 'If-Match', message: 'must be the ETag of the version you read, one strong ETag such as "3" (not *, a weak ETag or a list)' },
    ]);
  }
  return Number(version) - 1;
}
