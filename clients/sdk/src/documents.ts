/** `@nianbao/sdk/documents`: only the TypedDocumentNode objects and types, for Apollo Client, urql or TanStack Query. */
export * from './generated/graphql.js';
