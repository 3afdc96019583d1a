/** The schema entry: every domain registers its types on the one builder, then the schema is built. */
import { printSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './format/enums.js';
import './agencies/agency.js';
import './agencies/queries.js';
import './reports/report.js';
import './reports/queries.js';
import './regions/region.js';
import './statistics/statistics.js';
import './statistics/time-series.js';
import './search/search.js';
import './import/mutations.js';
import './import/corrections.js';
import './tokens/tokens.js';
import './agencies/mutations.js';

export const schema = builder.toSchema({ sortSchema: false });

export function printSchemaSDL(): string {
  return printSchema(schema);
}
