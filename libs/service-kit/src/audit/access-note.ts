import { ExecutionContext, createParamDecorator } from '@nestjs/common';

/** What a route adds to its request's access record, beyond what the hook sees for itself. */
export interface AccessNote {
  /** The patient the request concerns, when only the body says (a booking). */
  nhsNumber?: string;
  /** How many items a search showed. */
  resultCount?: number;
  /** A 404 that hides something the caller may not see: recorded as `denied`. */
  denied?: boolean;
}

/** The request-scoped fields the access hook reads when it records the request. */
export interface NotedRequest {
  accessNote?: AccessNote;
}

export function noteAccess(request: object, note: AccessNote): void {
  const noted = request as NotedRequest;
  noted.accessNote = { ...noted.accessNote, ...note };
}

export type NoteAccess = (note: AccessNote) => void;

/** A controller parameter: a function adding to the current request's access record. */
export const AccessNotes = createParamDecorator((_: unknown, context: ExecutionContext): NoteAccess => {
  const request = context.switchToHttp().getRequest<object>();
  return (note) => noteAccess(request, note);
});
