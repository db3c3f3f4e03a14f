export * from './finding.js';
export * from './rules.js';
export * from './policy.js';
export * from './printable.js';
