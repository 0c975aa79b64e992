/** RFC 9457 problem details, the body of every error answer. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code?: string;
  errors?: FieldError[];
  /** How many field errors there were beyond those listed in `errors`. */
  omittedErrors?: number;
}

export const problemContentType = 'application/problem+json';

export const problemType = (code: string): string => `https://appointment-booking.dev/problems/${code}`;

/** A refusal lists this many field errors at most, so its size does not grow with the input's. */
export const listedErrorsAtMost = 20;
const longestListedText = 200;

const shortened = (text: string): string => (text.length > longestListedText ? `${text.slice(0, longestListedText - 1)}…` : text);

/** The `detail`, `errors` and `omittedErrors` of a problem about fields: the first 20, each field and message cut at 200 characters. */
export function fieldErrorsProblem(fieldErrors: FieldError[]): Pick<ProblemDetails, 'detail' | 'errors' | 'omittedErrors'> {
  const errors = fieldErrors.slice(0, listedErrorsAtMost).map(({ field, message }) => ({ field: shortened(field), message: shortened(message) }));
  const omitted = fieldErrors.length - errors.length;
  const detail = errors.map((error) => `${error.field}: ${error.message}`).join('; ');
  return omitted > 0 ? { detail: `${detail}; and ${omitted} more`, errors, omittedErrors: omitted } : { detail, errors };
}
