export * from './analysis/index.js';
export * from './findings/index.js';
export * from './inventory/index.js';
export * from './knowledge/index.js';
export * from './names/match.js';
export * from './names/tokenize.js';
export * from './yaml.js';
