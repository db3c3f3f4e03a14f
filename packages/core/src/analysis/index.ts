export * from './classify.js';
export * from './declarations.js';
export * from './environment.js';
export * from './program.js';
export * from './tags.js';
