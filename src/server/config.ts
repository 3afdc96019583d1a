/**
 * Configuration from the environment, validated once at start. A bad value stops the service with a
 * message naming the variable and what is expected, never the value given: it may be a password or
 * a token.
 */
import { z } from 'zod';
import { projectPath } from '../store/project-files.js';
import { DEFAULT_CANDIDATE_LIMIT } from '../store/services/search.js';

const port = z.coerce.number().int().min(1).max(65535);
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z.object({
  PORT: port.default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  // Streaming replicas of DATABASE_URL for public reads (src/store/replicas.ts), comma-separated.
  DATABASE_READ_URL: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((u) => u.trim()).filter(Boolean))
    .refine((urls) => urls.every((u) => /^postgres(ql)?:\/\//.test(u)), 'must be comma-separated postgres:// or postgresql:// URLs'),
  // Where the service LISTENs for the data version (src/store/data-version.ts) when DATABASE_URL goes
  // through a pooler in transaction mode (pgbouncer), which cannot keep a LISTEN: PostgreSQL itself.
  DATABASE_LISTEN_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  // Off behind pgbouncer < 1.21 in transaction mode, which cannot keep named statements apart.
  NIANBAO_READ_NAMED_STATEMENTS: flag.default(true),
  NIANBAO_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  NIANBAO_REPLICA_CHECK_MS: z.coerce.number().int().min(50).max(60_000).default(250),
  // Read by src/cli/heap-growth.ts before anything loads; here so a bad value stops the start with its reason.
  NIANBAO_HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(1000).default(100),
  // Prometheus metrics at /metrics (src/server/metrics.ts): off unless set; the token, if any, is asked for.
  NIANBAO_METRICS: flag.default(false),
  NIANBAO_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  NIANBAO_DATA_DIR: z.string().min(1).default(projectPath('.data', 'postgres')),
  NIANBAO_EMBEDDED_PG_PORT: port.optional(),
  NIANBAO_LOAD_SAMPLES: flag.optional(),
  NIANBAO_API_TOKENS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((t) => t.trim()).filter(Boolean))
    .refine((tokens) => tokens.every((t) => t.length >= 16), 'every token must be at least 16 characters'),
  NIANBAO_MAX_IMPORT_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(5 * 1024 * 1024),
  NIANBAO_SEARCH_RANKING_LIMIT: z.coerce.number().int().min(100).max(1_000_000).default(DEFAULT_CANDIDATE_LIMIT),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  NIANBAO_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  // Request limits (src/server/limits.ts): every request is refused before work when it is over one.
  NIANBAO_MAX_REQUEST_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(64 * 1024),
  NIANBAO_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  NIANBAO_MAX_EXPENSIVE_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  // Browsers' origins allowed to call with credentials; none: any origin may read, without credentials.
  NIANBAO_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
    .refine((origins) => origins.every((o) => /^https?:\/\/[^/\s]+$/.test(o)), 'must be comma-separated origins like https://portal.example.gov.cn (scheme and host, no path)'),
  // Requests per minute (src/server/rate-limit.ts); 0: no limit. Counted in Redis when REDIS_URL is set.
  NIANBAO_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(600),
  NIANBAO_TOKEN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(6_000),
  NIANBAO_TRUST_PROXY: flag.default(false),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  // Public reads answered from a cache retired by every write (src/server/response-cache.ts): in
  // memory, or in Redis (shared by every instance) when REDIS_URL is set.
  NIANBAO_RESPONSE_CACHE: flag.default(true),
  NIANBAO_RESPONSE_CACHE_TTL_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(300_000),
  NIANBAO_RESPONSE_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).max(1_000_000).default(2_000),
  // max-age of public GET answers (trusted documents): how long browsers and CDNs may keep them.
  NIANBAO_HTTP_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(10),
  // Trusted documents (src/server/trusted-documents.ts): the manifest the SDK build writes, and
  // whether only its documents may run.
  NIANBAO_TRUSTED_DOCUMENTS_FILE: z.string().min(1).default(projectPath('clients', 'sdk', 'dist', 'persisted-documents.json')),
  NIANBAO_TRUSTED_DOCUMENTS_ONLY: flag.default(false),
  // Prefix of every key the service keeps in Redis (rate limits, cached answers): several deployments may share one Redis.
  NIANBAO_REDIS_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/, 'must be 1–64 letters, digits, _ : . or -').default('nianbao:'),
  // How long start-up keeps retrying an unreachable database before giving up.
  NIANBAO_DATABASE_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${String(issue.path[0])}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
