export * from './abort.js';
export * from './clients.js';
export * from './errors.js';
export * from './log.js';
export * from './offsets.js';
export * from './rate-limit.js';
export * from './retry.js';
export * from './service-call.js';
