/**
 * `npm start`: the service with no configuration needed (embedded PostgreSQL, sample data, GraphiQL).
 * Production mode is settled before any library loads: libraries read NODE_ENV once, when they load,
 * and the built bundle (dist/serve.js) would otherwise load them all before its first line runs.
 */
import './production-mode.js';
import './heap-growth.js';

await import('./run-service.js');
