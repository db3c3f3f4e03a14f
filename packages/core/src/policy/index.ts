export * from './check.js';
export * from './draft.js';
export * from './extract.js';
export * from './read.js';
