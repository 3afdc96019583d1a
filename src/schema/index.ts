/** The schema entry: every domain registers its types on the one builder, then the schema is built. */
import { GraphQLSchema, printSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './format/enums.js';
import './agencies/agency.js';
import './agencies/queries.js';
import './reports/report.js';
import './reports/queries.js';
import './comparison/comparison.js';
import './regions/region.js';
import './statistics/statistics.js';
import './statistics/time-series.js';
import './search/search.js';
import './import/mutations.js';
import './import/corrections.js';
import './import/revisions.js';
import './tokens/tokens.js';
import './agencies/mutations.js';

/** The docs root of GraphiQL and of every introspecting tool: what this API is and where to start. */
const DESCRIPTION = `Nianbao (年报): China's 政府信息公开工作年度报告 (government information-disclosure annual reports),
parsed, checked against the State Council format (国办公开办函〔2021〕30号 and the 2019 trial format) and served.

Start here:
- \`reports(filter:)\` and \`report(id:)\`: a report with its six parts (sections), 表二 主动公开 (proactiveDisclosure:
  items × measures), 表三 申请 (applications: rows × applicant columns), 表四 复议诉讼 (reviewsAndLitigation: groups ×
  outcomes) and the findings of the checks; \`report.comparison\` compares it with another year.
- \`statistics\`, \`ranking\`, \`timeSeries\`: aggregates over regions, years and agencies; \`search\`: full text.
- \`findingReports\`: an oversight office's work list.

Labels are the format's official Chinese wording. A blank cell is null, never 0. Finding messages are in Chinese;
send \`Accept-Language: en\` for English (each finding also has a stable \`code\` and its \`params\`).`;

export const schema = new GraphQLSchema({ ...builder.toSchema({ sortSchema: false }).toConfig(), description: DESCRIPTION });

export function printSchemaSDL(): string {
  return printSchema(schema);
}
