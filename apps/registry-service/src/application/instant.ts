const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** An RFC 3339 instant: date, time and an offset (Z or ±hh:mm), so it names one moment everywhere. */
export const isInstant = (value: unknown): value is string => typeof value === 'string' && rfc3339.test(value) && !Number.isNaN(Date.parse(value));
