/**
 * GraphiQL served whole by the service. yoga's default page loads its scripts from a public CDN and
 * stays blank on an offline intranet; @graphql-yoga/render-graphiql inlines everything (about 9 MB),
 * so the page is rendered once and reused.
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphiQLOptions } from 'graphql-yoga';

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
          punishments: cell(item: ADMINISTRATIVE_PUNISHMENT, measure: DECISIONS)
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

let cached: string | undefined;

export function renderOfflineGraphiQL(options?: GraphiQLOptions): string {
  cached ??= renderGraphiQL({ ...options, title: 'Nianbao GraphiQL', defaultQuery: EXAMPLE_QUERY });
  return cached;
}
