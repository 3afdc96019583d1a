/** The committed migrations build exactly the schema the entities describe: nothing left to generate. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

describe('migrations', () => {
  it('leave no difference between the entities and the migrated database', async () => {
    const pending = await api.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, safe: false });
    expect(pending.trim()).toBe('');
  });
});
