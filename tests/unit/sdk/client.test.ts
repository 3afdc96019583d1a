/** The SDK's transport without a server: every kind of reply becomes data or a NianbaoError. */
import { describe, expect, it } from 'vitest';
import { createNianbaoClient, NianbaoError, walkConnection, wechatFetch, type FetchLike, type WxRequestOptions } from '../../../clients/sdk/src/index.js';

const reply = (status: number, body: string): FetchLike => () => Promise.resolve({ ok: status >= 200 && status < 300, status, text: () => Promise.resolve(body) });
const client = (fetch: FetchLike) => createNianbaoClient({ endpoint: 'https://nianbao.test/graphql', fetch });
const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail('resolved'), (e: unknown) => e as NianbaoError);

describe('SDK transport', () => {
  it('returns data', async () => {
    const data = { reports: { totalCount: 0, pageInfo: { hasNextPage: false }, edges: [] } };
    expect(await client(reply(200, JSON.stringify({ data }))).reports()).toEqual(data);
  });

  it('turns errors in a 400 reply into a graphql NianbaoError with the status', async () => {
    const errors = [{ message: 'Variable "$orderBy" got invalid value', extensions: { code: 'BAD_USER_INPUT' } }, { message: 'second' }];
    const error = await failure(client(reply(400, JSON.stringify({ errors }))).reports());
    expect(error).toBeInstanceOf(NianbaoError);
    expect(error).toMatchObject({ kind: 'graphql', code: 'BAD_USER_INPUT', status: 400, errors, path: undefined });
    expect(error.message).toBe('reports: Variable "$orderBy" got invalid value (and 1 more)');
  });

  it('keeps partial data next to the errors', async () => {
    const body = { data: { report: null }, errors: [{ message: 'boom', path: ['report'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
    const error = await failure(client(reply(200, JSON.stringify(body))).report({ id: 'x' }));
    expect(error).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', path: ['report'], data: { report: null } });
  });

  it('reports HTTP failures and replies that are not GraphQL', async () => {
    expect(await failure(client(reply(502, '<html>Bad gateway</html>')).reports())).toMatchObject({ kind: 'http', code: 'HTTP_ERROR', status: 502 });
    expect(await failure(client(reply(200, 'OK')).reports())).toMatchObject({ kind: 'response', code: 'BAD_RESPONSE' });
    expect(await failure(client(() => Promise.reject(new TypeError('fetch failed'))).reports())).toMatchObject({ kind: 'network', code: 'NETWORK_ERROR' });
  });

  it('passes the abort signal and per-call headers to fetch', async () => {
    let seen: Parameters<FetchLike>[1] | undefined;
    const controller = new AbortController();
    const spy: FetchLike = (_url, init) => ((seen = init), reply(200, '{"data":{"report":null}}')('', init));
    await client(spy).report({ id: 'x' }, { signal: controller.signal, headers: { 'x-trace': '1' } });
    // fetch gets a signal of its own (for the timeout) that follows the caller's.
    expect(seen?.signal).toBeDefined();
    expect(seen?.headers['x-trace']).toBe('1');
    expect(seen?.headers.authorization).toBeUndefined();
  });

  it('retries a query after a transient failure, with backoff, and gives up after `retries`', async () => {
    const statuses = [503, 429, 200];
    let calls = 0;
    const flaky: FetchLike = () => reply(statuses[calls++], '{"data":{"report":null}}')('', {} as never);
    const retrying = createNianbaoClient({ endpoint: 'https://nianbao.test/graphql', fetch: flaky, retryDelayMs: 1 });
    expect(await retrying.report({ id: 'x' })).toEqual({ report: null });
    expect(calls).toBe(3);
    calls = 0;
    const down = createNianbaoClient({ endpoint: 'https://nianbao.test/graphql', fetch: () => ((calls += 1), reply(503, 'down')('', {} as never)), retries: 1, retryDelayMs: 1 });
    expect(await failure(down.report({ id: 'x' }))).toMatchObject({ code: 'HTTP_ERROR', status: 503 });
    expect(calls).toBe(2);
  });

  it('never retries a mutation, nor an error the server gave', async () => {
    let calls = 0;
    const failing: FetchLike = () => ((calls += 1), Promise.reject(new TypeError('socket hang up')));
    const c = createNianbaoClient({ endpoint: 'https://nianbao.test/graphql', fetch: failing, retryDelayMs: 1 });
    expect(await failure(c.deleteReport({ id: 'x' }))).toMatchObject({ code: 'NETWORK_ERROR' });
    expect(calls).toBe(1);
    calls = 0;
    const refusing: FetchLike = () => ((calls += 1), reply(400, JSON.stringify({ errors: [{ message: 'no', extensions: { code: 'BAD_USER_INPUT' } }] }))('', {} as never));
    expect(await failure(createNianbaoClient({ endpoint: 'https://nianbao.test/graphql', fetch: refusing, retryDelayMs: 1 }).reports())).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(calls).toBe(1);
  });

  it('abandons an attempt after timeoutMs (cancelling the fetch) and stops at once when the caller aborts', async () => {
    const signals: AbortSignal[] = [];
    const hanging: FetchLike = (_url, init) => (signals.push(init.signal as AbortSignal), new Promise(() => {}));
    const slow = createNianbaoClient({ endpoint: 'https://nianbao.test/graphql', fetch: hanging, timeoutMs: 20, retries: 1, retryDelayMs: 1 });
    const timedOut = await failure(slow.report({ id: 'x' }));
    expect(timedOut).toMatchObject({ kind: 'network', code: 'TIMEOUT' });
    expect(timedOut.message).toMatch(/within 20 ms/);
    expect(signals).toHaveLength(2);
    expect(signals.every((s) => s.aborted)).toBe(true);
    const controller = new AbortController();
    const pending = failure(createNianbaoClient({ endpoint: 'https://nianbao.test/graphql', fetch: hanging, timeoutMs: 0 }).report({ id: 'x' }, { signal: controller.signal }));
    controller.abort();
    expect(await pending).toMatchObject({ code: 'ABORTED' });
  });

  it('adapts wx.request, whose data may come back parsed', async () => {
    const wx = (statusCode: number, data: unknown) => (options: WxRequestOptions) => options.success({ statusCode, data });
    expect(await client(wechatFetch(wx(200, { data: { report: null } }))).report({ id: 'x' })).toEqual({ report: null });
    expect(await failure(client(wechatFetch(wx(500, 'oops'))).report({ id: 'x' }))).toMatchObject({ kind: 'http', status: 500 });
  });

  it('walks a connection until hasNextPage is false, and stops on a missing cursor', async () => {
    const pages = [
      { pageInfo: { hasNextPage: true, endCursor: 'a' }, edges: [{ node: 1 }, { node: 2 }] },
      { pageInfo: { hasNextPage: true, endCursor: null }, edges: [{ node: 3 }] },
    ];
    const afters: (string | undefined)[] = [];
    const nodes: number[] = [];
    for await (const node of walkConnection(async (after) => (afters.push(after), pages[afters.length - 1]))) nodes.push(node);
    expect(nodes).toEqual([1, 2, 3]);
    expect(afters).toEqual([undefined, 'a']);
  });
});
