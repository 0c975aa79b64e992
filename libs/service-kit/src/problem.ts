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
}

export const problemContentType = 'application/problem+json';

export const problemType = (code: string): string => `https://appointment-booking.dev/problems/${code}`;
