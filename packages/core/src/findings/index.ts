export * from './finding.js';
export * from './rules.js';
export * from './printable.js';
