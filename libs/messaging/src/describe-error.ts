/** A readable message for any thrown value. */
export const describeError = (error: unknown): string => {
  if (error instanceof Error) return error.message || error.name;
  try {
    return typeof error === 'string' ? error : JSON.stringify(error);
  } catch {
    return String(error);
  }
};
