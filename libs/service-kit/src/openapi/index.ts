export * from './decorators';
export * from './json-schema';
export * from './rule-schemas';
export * from './serve-openapi';
export * from './openapi-document';
export * from './input-schemas';
export * from './response-schemas';
