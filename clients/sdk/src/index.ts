/**
 * @nianbao/sdk: a typed client for Nianbao (年报), China's 政府信息公开工作年度报告 over GraphQL.
 * Operation functions, result and variable types and the TypedDocumentNode objects are generated
 * (src/generated); what is here by hand is the transport, errors, pagination and labels.
 */
export { createNianbaoClient } from './client.js';
export type { AllReportsVariables, NianbaoClient, NianbaoClientOptions, NianbaoOperations, OwnDocument, ReportNode, RequestOptions, TokenSource } from './client.js';
export { NianbaoError, isNianbaoError } from './errors.js';
export type { NianbaoErrorCode, NianbaoErrorInit, NianbaoErrorKind, NianbaoGraphQLError, NianbaoServerErrorCode, NianbaoTransportErrorCode } from './errors.js';
export { walkConnection } from './paginate.js';
export type { ConnectionPage } from './paginate.js';
export { catalog, labelsFor, ruleOf } from './labels.js';
export type { CatalogFormat, CatalogRule, FormatLabels } from './labels.js';
export { wechatFetch } from './wechat.js';
export type { WxRequest, WxRequestOptions } from './wechat.js';
export type { FetchLike, FetchLikeInit, FetchLikeResponse, PlatformAbortSignal } from './transport.js';
// Result, variable, fragment, enum and input types of every operation, and its TypedDocumentNode.
export * from './generated/graphql.js';
// The client preset's graphql() tag: the SDK's documents, typed, for request() and other GraphQL clients.
export { graphql } from './generated/gql.js';
// Every enum's values at run time (e.g. FindingRuleValues, enumValues.SectionCode), for pickers.
export * from './generated/enum-values.js';
