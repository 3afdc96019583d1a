/** A bad setting stops the service at start with a message naming the variable and what it expects. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/server/config.js';

describe('configuration', () => {
  it('needs nothing: every setting has a working default', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(4000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.NIANBAO_API_TOKENS).toEqual([]);
    expect(config.NIANBAO_DATA_DIR).toMatch(/\.data[/\\]postgres$/);
  });

  it('reads and converts the environment', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgresql://u@db/nianbao', NIANBAO_API_TOKENS: 'aaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbb', NIANBAO_LOAD_SAMPLES: 'false' });
    expect(config).toMatchObject({ PORT: 8080, DATABASE_URL: 'postgresql://u@db/nianbao', NIANBAO_API_TOKENS: ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'], NIANBAO_LOAD_SAMPLES: false });
  });

  it('names every bad variable and why it is wrong, never its value (it may be a secret)', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://admin:s3cret-pass@db/x', NIANBAO_API_TOKENS: 'good-token-0123456789,short', LOG_LEVEL: 'loud', NIANBAO_CORS_ORIGINS: 'portal.gov.cn' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT: /);
    expect(message).toMatch(/DATABASE_URL: must be a postgres/);
    expect(message).toMatch(/NIANBAO_API_TOKENS: every token must be at least 16 characters/);
    expect(message).toMatch(/LOG_LEVEL: /);
    expect(message).toMatch(/NIANBAO_CORS_ORIGINS: must be comma-separated origins/);
    for (const secret of ['s3cret-pass', 'good-token-0123456789', 'short', 'eighty', 'loud']) expect(message).not.toContain(secret);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).PORT).toBe(4000);
  });
});
