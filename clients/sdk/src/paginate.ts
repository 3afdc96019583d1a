/** Walking a Relay connection page by page, as one async sequence of nodes. */

/** The part of a connection page the walk needs (any `…Connection` selection with pageInfo and edges). */
export interface ConnectionPage<TNode> {
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor?: string | null };
  readonly edges: ReadonlyArray<{ readonly node: TNode }>;
}

/**
 * Yields every node of a connection, fetching the next page only when the previous one is used
 * up (so `break` stops fetching). `fetchPage` receives the cursor to continue after.
 */
export async function* walkConnection<TNode>(
  fetchPage: (after: string | undefined) => Promise<ConnectionPage<TNode>>,
): AsyncGenerator<TNode, void, undefined> {
  let after: string | undefined;
  for (;;) {
    const page = await fetchPage(after);
    for (const edge of page.edges) yield edge.node;
    const next = page.pageInfo.endCursor;
    // A server that claims more pages but gives no cursor would loop forever: stop instead.
    if (!page.pageInfo.hasNextPage || !next || next === after) return;
    after = next;
  }
}
