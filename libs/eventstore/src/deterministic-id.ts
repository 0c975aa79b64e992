import { v5 as uuidv5 } from 'uuid';

const namespace = 'a4e5b3c2-6f1d-4c8e-9b7a-2d3e4f5a6b7c';

/** The same inputs always give the same UUID, so a retried command or redelivered message maps to the same id. */
export const deterministicId = (...parts: string[]): string => uuidv5(parts.join('\u001f'), namespace);
