export * from './catalog.js';
export * from './interchange.js';
export * from './equations.js';
export * from './validate.js';
export * from './layout.js';
export * from './cell-labels.js';
export * from './messages/index.js';
export * from './short-labels.js';
