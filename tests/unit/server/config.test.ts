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

  it('names every bad variable, with what was given and why it is wrong', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', NIANBAO_API_TOKENS: 'short', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT="eighty"');
    expect(message).toMatch(/DATABASE_URL="mysql:\/\/x": must be a postgres/);
    expect(message).toMatch(/NIANBAO_API_TOKENS="short": every token must be at least 16 characters/);
    expect(message).toContain('LOG_LEVEL="loud"');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).PORT).toBe(4000);
  });
});
