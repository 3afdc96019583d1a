import { AgencySchema } from './agency.js';
import { AgencyAliasSchema } from './agency-alias.js';
import { ApiTokenSchema, WriteRecordSchema } from './api-token.js';
import { CorrectionSchema } from './correction.js';
import { DataVersionSchema } from './data-version.js';
import { FindingSchema } from './finding.js';
import { CellVectorSchema } from './cell-vector.js';
import { ReportReadSchema } from './report-read.js';
import { RegionSchema } from './region.js';
import { ReportSchema } from './report.js';
import { ReportRevisionSchema } from './report-revision.js';
import { ReportRollupSchema } from './rollup.js';
import { SectionSchema } from './section.js';
import { ApplicationRowSchema, DisclosureCellSchema, ReviewRowSchema } from './tables.js';

export * from './agency.js';
export * from './agency-alias.js';
export * from './api-token.js';
export * from './correction.js';
export * from './data-version.js';
export * from './finding.js';
export * from './cell-vector.js';
export * from './region.js';
export * from './report.js';
export * from './report-revision.js';
export * from './report-read.js';
export * from './rollup.js';
export * from './section.js';
export * from './tables.js';

export const ENTITIES = [
  AgencySchema,
  ReportSchema,
  SectionSchema,
  ApplicationRowSchema,
  ReviewRowSchema,
  DisclosureCellSchema,
  FindingSchema,
  RegionSchema,
  CorrectionSchema,
  ApiTokenSchema,
  WriteRecordSchema,
  ReportRollupSchema,
  CellVectorSchema,
  ReportReadSchema,
  DataVersionSchema,
  AgencyAliasSchema,
  ReportRevisionSchema,
];
