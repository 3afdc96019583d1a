/**
 * After a mutation of this instance, the data version is asked for before the answer leaves: the
 * client's next request must find the cache retired and the replicas' router waiting for the
 * write's WAL position, whenever PostgreSQL's notification arrives.
 */
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { DataVersion } from '../store/data-version.js';

export function afterWrite(dataVersion: DataVersion): Plugin {
  const wrote = new WeakSet<Request>();
  return {
    onExecute({ args }) {
      if (getOperationAST(args.document, args.operationName)?.operation === 'mutation') wrote.add((args.contextValue as { request: Request }).request);
    },
    async onResponse({ request }) {
      if (wrote.has(request)) await dataVersion.refresh();
    },
  };
}
