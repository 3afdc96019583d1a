export * from './catalog.js';
export * from './interchange.js';
export * from './equations.js';
export * from './validate.js';
export * from './layout.js';
