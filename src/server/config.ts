// Endpoint settings from the environment, parsed with zod so a bad value stops the start with a clear message.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
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
    intakeCleaningIntervalHours: e.INTAKE_CLEANING_INTERVAL_HOURS,
  };
}
