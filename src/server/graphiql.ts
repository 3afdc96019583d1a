/**
 * GraphiQL served whole by the service. yoga's default page loads its scripts from a public CDN and
 * stays blank on an offline intranet; @graphql-yoga/render-graphiql inlines everything (about 9 MB).
 * The page is rendered once, in a worker thread, and kept only compressed (about 2 MB).
 */
import { Worker } from 'node:worker_threads';
import { projectPath } from '../store/project-files.js';

export const EXAMPLE_QUERY = `# Nianbao: 政府信息公开工作年度报告 as data.
# Press ▶ to run. Every type and field is documented: open the Docs panel (book icon).
query LatestReports {
  reports(first: 5, orderBy: YEAR_DESC) {
    totalCount
    edges {
      node {
        id
        year
        formatVersion
        agency { name regionCode }
        applications {
          newReceived: cell(row: NEW_RECEIVED, column: TOTAL)
          disclosed: cell(row: DISCLOSED, column: TOTAL)
        }
        proactiveDisclosure {
          punishments: count(item: ADMINISTRATIVE_PUNISHMENT, measure: DECISIONS)
        }
        reviewsAndLitigation {
          reviews: cell(group: ADMINISTRATIVE_REVIEW, outcome: TOTAL)
        }
        findings { rule severity message }
      }
    }
  }
}
`;

export interface GraphiQLPage {
  gzip: Uint8Array;
  br: Uint8Array;
  /** Bytes of the uncompressed HTML. */
  size: number;
}

let page: Promise<GraphiQLPage> | undefined;

/** The page, rendered and compressed once (in a worker thread, on first use). */
export function graphiqlPage(): Promise<GraphiQLPage> {
  page ??= new Promise<GraphiQLPage>((resolve, reject) => {
    const worker = new Worker(projectPath('src', 'server', 'graphiql-worker.mjs'), {
      // schemaDescription: GraphiQL's docs root shows the schema's description (off by default).
      workerData: { options: { title: 'Nianbao GraphiQL', defaultQuery: EXAMPLE_QUERY, schemaDescription: true } },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The GraphiQL renderer stopped (exit ${code}) before it answered.`)));
  }).catch((error: unknown) => {
    page = undefined; // a later visit tries again
    throw error;
  });
  return page;
}
