export * from './claims';
export * from './signing-key';
export * from './tokens';
export * from './auth.guard';
export * from './rules';
export * from './purpose';
