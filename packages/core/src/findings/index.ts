export * from './finding.js';
export * from './rules.js';
