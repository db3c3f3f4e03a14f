export * from './build.js';
export * from './schema.js';
export * from './transfers.js';
