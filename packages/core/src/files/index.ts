export * from './project-root.js';
export * from './reader.js';
export * from './glob.js';
