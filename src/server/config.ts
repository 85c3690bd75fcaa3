// Endpoint settings from the environment, parsed with zod so a bad value stops the start with a clear message.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseTileOrigins } from '@shared/security/contentSecurityPolicy';
import { DEFAULT_SCOPE_EVENT_RETENTION_DAYS } from './services/scope';

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);

const envSchema = z.object({
  PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(65535).default(8787)),
  HOST: z.preprocess(emptyAsUnset, z.string().min(1).default('127.0.0.1')),
  DATA_DIR: z.preprocess(emptyAsUnset, z.string().min(1).default('./data')),
  DATABASE_URL: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  SEED_DEMO: z.preprocess(emptyAsUnset, z.enum(['0', '1', 'true', 'false']).default('0')).transform((v) => v === '1' || v === 'true'),
  DEMO_SIZE: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(2_000_000).default(20_000)),
  DEMO_SEED: z.preprocess(emptyAsUnset, z.string().min(1).default('onevisit-demo')),
  WEB_ROOT: z.preprocess(emptyAsUnset, z.string().min(1).optional()),
  TOKEN_TTL_HOURS: z.preprocess(
    emptyAsUnset,
    z.coerce
      .number()
      .positive()
      .max(24 * 365)
      .default(12),
  ),
  SCOPE_EVENT_RETENTION_DAYS: z.preprocess(
    emptyAsUnset,
    z.coerce.number().positive().max(3650).default(DEFAULT_SCOPE_EVENT_RETENTION_DAYS),
  ),
  // Unset or false: the client address is the peer's. true: the nearest proxy's X-Forwarded-For is believed. A number:
  // that many proxies in front. Otherwise a comma-separated list of the proxies' addresses or CIDR ranges.
  TRUST_PROXY: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .default('false')
      .transform((value): boolean | number | string[] => {
        if (value === 'false' || value === '0') return false;
        if (value === 'true') return true;
        if (/^\d+$/.test(value)) return Number(value);
        return value.split(',').map((part) => part.trim());
      })
      .refine((value) => !Array.isArray(value) || value.every((part) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(part)), {
        message: 'true, false, a number of proxies, or a comma-separated list of proxy addresses or CIDR ranges',
      }),
  ),
  TILE_ORIGINS: z.string().optional(),
  TLS_CERT_FILE: z.preprocess(emptyAsUnset, z.string().min(1).optional()),
  TLS_KEY_FILE: z.preprocess(emptyAsUnset, z.string().min(1).optional()),
  INTAKE_CLEANING_INTERVAL_HOURS: z.preprocess(
    emptyAsUnset,
    z.coerce
      .number()
      .min(0)
      .max(24 * 365)
      .default(24),
  ),
  NODE_ENV: z.string().optional(),
});

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  seedDemo: boolean;
  demoSize: number;
  demoSeed: string;
  /** Folder of the built renderer, or undefined when there is nothing to serve. */
  webRoot: string | undefined;
  tokenTtlHours: number;
  /** Scope events (deletes for devices) are kept this long; older cursors get a reset answer. */
  scopeEventRetentionDays: number;
  /** Fastify's trustProxy: which proxies' X-Forwarded-For names the client (sign-in throttling, the audit trail). */
  trustProxy: boolean | number | string[];
  /** Map tile servers the browser host's Content-Security-Policy admits, as Electron's ONEVISIT_TILE_ORIGINS. */
  tileOrigins: string[];
  /** PEM certificate (chain) and private key: the endpoint then speaks HTTPS only, with HSTS. */
  tls: { cert: Buffer; key: Buffer } | undefined;
  /** The intake's scheduled cleaning run: at most once per this many hours; 0 turns the schedule off. */
  intakeCleaningIntervalHours: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  if (e.SEED_DEMO && e.NODE_ENV === 'production') {
    throw new ConfigError('SEED_DEMO refused: demo data (with its shared demo password) must never be seeded when NODE_ENV=production');
  }
  let tileOrigins: string[];
  try {
    tileOrigins = parseTileOrigins(e.TILE_ORIGINS, 'TILE_ORIGINS');
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  if ((e.TLS_CERT_FILE === undefined) !== (e.TLS_KEY_FILE === undefined)) {
    throw new ConfigError('TLS_CERT_FILE and TLS_KEY_FILE go together: give both to serve HTTPS, or neither');
  }
  const tls =
    e.TLS_CERT_FILE && e.TLS_KEY_FILE
      ? { cert: readSetting(cwd, 'TLS_CERT_FILE', e.TLS_CERT_FILE), key: readSetting(cwd, 'TLS_KEY_FILE', e.TLS_KEY_FILE) }
      : undefined;
  let webRoot: string | undefined;
  if (e.WEB_ROOT !== undefined) {
    webRoot = path.resolve(cwd, e.WEB_ROOT);
    if (!existsSync(webRoot)) throw new ConfigError(`WEB_ROOT: folder ${webRoot} does not exist`);
  } else {
    const built = path.resolve(cwd, 'out/renderer');
    webRoot = existsSync(built) ? built : undefined;
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    seedDemo: e.SEED_DEMO,
    demoSize: e.DEMO_SIZE,
    demoSeed: e.DEMO_SEED,
    webRoot,
    tokenTtlHours: e.TOKEN_TTL_HOURS,
    scopeEventRetentionDays: e.SCOPE_EVENT_RETENTION_DAYS,
    trustProxy: e.TRUST_PROXY,
    tileOrigins,
    tls,
    intakeCleaningIntervalHours: e.INTAKE_CLEANING_INTERVAL_HOURS,
  };
}

function readSetting(cwd: string, setting: string, file: string): Buffer {
  const resolved = path.resolve(cwd, file);
  try {
    return readFileSync(resolved);
  } catch (error) {
    throw new ConfigError(`${setting}: cannot read ${resolved} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
