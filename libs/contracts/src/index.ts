export * from './envelope';
export * from './topics';
export * from './slot-events';
export * from './booking-events';
export * from './registry-events';
export * from './notification-events';
export * from './nhs-number';
export * from './registry-changes.schema';
