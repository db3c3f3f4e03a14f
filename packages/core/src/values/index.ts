export * from './mask.js';
export * from './match.js';
export * from './validators.js';
