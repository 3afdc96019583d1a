/**
 * Type-level guarantees of the SDK. expectTypeOf does nothing at run time: typecheck.test.ts
 * compiles this file and fails on any error, so a result type that degrades to `any` (or loses
 * its enum unions or nullability) fails the suite.
 */
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  AgencyReportsDocument,
  ReportDocument,
  ReportsDocument,
  createNianbaoClient,
  labelsFor,
  type AgencyReportsQuery,
  type FormatVersion,
  type ImportReportMutation,
  type StatisticsQuery,
  type NianbaoClient,
  type NianbaoError,
  type NianbaoErrorCode,
  type ReportDetailFragment,
  type ReportNode,
  type ReportQuery,
  type ReportsQuery,
  type ReportsQueryVariables,
  type Severity,
  type FindingRule,
  type FindingCode,
  type SectionCode,
  FindingRuleValues,
  FindingCodeValues,
  SectionCodeValues,
  SeverityValues,
  ReportFindingsDocument,
  type ReportFindingsQuery,
} from '../../../clients/sdk/src/index.js';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

type Report = NonNullable<ReportQuery['report']>;
type Awaited2<T> = T extends Promise<infer R> ? R : never;

describe('SDK types', () => {
  it('types every operation result, not any', () => {
    expectTypeOf<Awaited2<ReturnType<NianbaoClient['report']>>>().toEqualTypeOf<ReportQuery>();
    expectTypeOf<ReportQuery>().not.toBeAny();
    expectTypeOf<Report>().not.toBeAny();
    expectTypeOf<Report['year']>().toEqualTypeOf<number>();
    expectTypeOf<Report['title']>().toEqualTypeOf<string | null>();
    expectTypeOf<Report['formatVersion']>().toEqualTypeOf<'FORMAT_2019' | 'FORMAT_2021'>();
    expectTypeOf<Report['applications']['rows'][number]['cells'][number]['value']>().toEqualTypeOf<number | null>();
    expectTypeOf<Report['proactiveDisclosure']['groups'][number]['items'][number]['cells'][number]['count']>().toEqualTypeOf<number | null>();
    expectTypeOf<Report['proactiveDisclosure']['groups'][number]['items'][number]['cells'][number]['amount']>().toEqualTypeOf<string | null>();
    expectTypeOf<Report['findings'][number]['rule']>().toEqualTypeOf<'B1' | 'PARSE' | 'R1' | 'R2' | 'R3' | 'R4' | 'SPLIT' | 'X1' | 'X2' | 'X3'>();
    expectTypeOf<Report['findings'][number]['severity']>().toEqualTypeOf<Severity>();
    expectTypeOf<Severity>().toEqualTypeOf<'ERROR' | 'WARNING' | 'INFO'>();
    expectTypeOf<Report>().toMatchTypeOf<ReportDetailFragment>();
    expectTypeOf<NonNullable<AgencyReportsQuery['agency']>['reports'][number]['applications']['newReceived']>().toEqualTypeOf<number | null>();
  });

  it('lists every enum at run time with exactly the values of its union', () => {
    expectTypeOf<(typeof FindingRuleValues)[number]>().toEqualTypeOf<FindingRule>();
    expectTypeOf<(typeof FindingCodeValues)[number]>().toEqualTypeOf<FindingCode>();
    expectTypeOf<(typeof SectionCodeValues)[number]>().toEqualTypeOf<SectionCode>();
    expectTypeOf<(typeof SeverityValues)[number]>().toEqualTypeOf<Severity>();
  });

  it('types request() by the document it is given', () => {
    // Compiled, never run (no server here).
    const typed = (client: NianbaoClient) => {
      expectTypeOf(client.request(ReportFindingsDocument, { id: 'x' })).toEqualTypeOf<Promise<ReportFindingsQuery>>();
      const own = {} as TypedDocumentNode<{ report: { sourceText: string | null } | null }, { id: string }>;
      expectTypeOf(client.request(own, { id: 'x' })).toEqualTypeOf<Promise<{ report: { sourceText: string | null } | null }>>();
      // @ts-expect-error the variables are the document's
      void client.request(own, { year: 2024 });
    };
    expectTypeOf(typed).toBeFunction();
  });

  it('types the import result as a union to switch on', () => {
    type Result = ImportReportMutation['importReport'];
    expectTypeOf<Result['__typename']>().toEqualTypeOf<'ImportReportSuccess' | 'ImportReportRefused'>();
    expectTypeOf<Extract<Result, { __typename: 'ImportReportSuccess' }>['report']['year']>().toEqualTypeOf<number>();
    expectTypeOf<Extract<Result, { __typename: 'ImportReportRefused' }>['code']>().not.toBeAny();
    expectTypeOf<Extract<Result, { __typename: 'ImportReportRefused' }>['code']>().toMatchTypeOf<string>();
    expectTypeOf<StatisticsQuery['statistics']['groups'][number]['values'][number]['value']>().toEqualTypeOf<number | null>();
  });

  it('types the variables', () => {
    expectTypeOf<Parameters<NianbaoClient['report']>[0]>().toEqualTypeOf<{ id: string | number }>();
    expectTypeOf<ReportsQueryVariables>().not.toBeAny();
    expectTypeOf<NonNullable<NonNullable<ReportsQueryVariables['filter']>['formatVersion']>>().toEqualTypeOf<FormatVersion>();
    const client = createNianbaoClient({ endpoint: 'https://nianbao.test/graphql' });
    // @ts-expect-error the report's id is required
    void (() => client.report({}));
    // @ts-expect-error not a ReportOrder
    void (() => client.reports({ orderBy: 'SIDEWAYS' }));
    // @ts-expect-error year is an Int
    void (() => client.reports({ filter: { year: '2024' } }));
  });

  it('types the pages walked by allReports', () => {
    const client = createNianbaoClient({ endpoint: 'https://nianbao.test/graphql' });
    expectTypeOf(client.allReports()).toEqualTypeOf<AsyncGenerator<ReportNode, void, undefined>>();
    expectTypeOf<ReportNode>().toEqualTypeOf<ReportsQuery['reports']['edges'][number]['node']>();
    expectTypeOf<ReportNode['agency']['name']>().toEqualTypeOf<string>();
  });

  it('types the TypedDocumentNodes as the client functions', () => {
    expectTypeOf<ResultOf<typeof ReportDocument>>().toEqualTypeOf<ReportQuery>();
    expectTypeOf<VariablesOf<typeof ReportsDocument>>().toEqualTypeOf<ReportsQueryVariables>();
    expectTypeOf<ResultOf<typeof AgencyReportsDocument>>().toEqualTypeOf<AgencyReportsQuery>();
  });

  it('types errors and labels', () => {
    expectTypeOf<NianbaoError['code']>().toEqualTypeOf<NianbaoErrorCode>();
    expectTypeOf<NianbaoError['kind']>().toEqualTypeOf<'graphql' | 'http' | 'network' | 'response'>();
    expectTypeOf<NianbaoError['path']>().toEqualTypeOf<ReadonlyArray<string | number> | undefined>();
    expectTypeOf(labelsFor('FORMAT_2021').applicationRows.NEW_RECEIVED).toEqualTypeOf<string | undefined>();
    // @ts-expect-error not a row of table 三
    void labelsFor('FORMAT_2021').applicationRows.NO_SUCH_ROW;
  });

  it('accepts the platform fetch as is', () => {
    expectTypeOf(fetch).toMatchTypeOf<NonNullable<Parameters<typeof createNianbaoClient>[0]['fetch']>>();
  });
});
