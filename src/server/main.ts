// `npm run server`: read settings, open (and migrate) the database, seed the demo if asked and empty, listen.
import path from 'node:path';
import { buildApp } from './app';
import { ConfigError, loadConfig, type ServerConfig } from './config';
import { openDatabase, type OpenedDatabase } from './db/open';
import { runScheduledCleaning } from './services/intake/cleaning';
import { pruneScopeEvents } from './services/scope';
import { exportAuditHead } from './services/audit';
import { isDatabaseEmpty } from './services/seed';
import { seedDemo } from './services/demo';
import { shanghaiDate } from '@shared/calendar/workingDays';

const PRUNE_INTERVAL_MS = 6 * 60 * 60 * 1000;
/** Checked hourly; a head is written once per calendar day (UTC). */
const AUDIT_HEAD_INTERVAL_MS = 60 * 60 * 1000;

/** Where the audit chain's daily heads go: a folder of the data folder (copy it off the machine with the backups). */
export const auditHeadFolder = (config: ServerConfig) => path.join(config.dataDir, 'audit-heads');
const CLEANING_CHECK_MS = 60 * 60 * 1000;

async function seedIfEmpty(config: ServerConfig, database: OpenedDatabase): Promise<void> {
  if (!(await isDatabaseEmpty(database.db))) {
    console.log('SEED_DEMO: the database already holds data; not seeding');
    return;
  }
  const started = performance.now();
  console.log(`SEED_DEMO: generating ${config.demoSize.toLocaleString('en')} demo enterprises (seed "${config.demoSeed}")`);
  let lastReported = 0;
  const today = shanghaiDate(new Date());
  const campaign = await seedDemo(database.db, { seed: config.demoSeed, enterpriseCount: config.demoSize, today }, (progress) => {
    if (progress.stage === 'enterprises' && progress.done - lastReported < progress.total / 5 && progress.done < progress.total) return;
    if (progress.stage === 'enterprises') lastReported = progress.done;
    console.log(`SEED_DEMO: ${progress.stage} ${progress.done.toLocaleString('en')}/${progress.total.toLocaleString('en')}`);
  });
  console.log(`SEED_DEMO: campaign ${campaign.planId} drawn with ${campaign.tasks} tasks, dated from ${today}`);
  console.log(`SEED_DEMO: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(
    config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: path.join(config.dataDir, 'pglite') },
  );
  console.log(
    database.kind === 'postgres' ? 'database: PostgreSQL (DATABASE_URL)' : `database: PGlite in ${path.join(config.dataDir, 'pglite')}`,
  );
  // Instances started together on an empty database: one seeds, the others then find it seeded.
  if (config.seedDemo) await database.exclusively(() => seedIfEmpty(config, database));

  const prune = () => {
    const before = new Date(Date.now() - config.scopeEventRetentionDays * 24 * 60 * 60 * 1000);
    pruneScopeEvents(database.db, before).catch((error: unknown) => console.error('pruning scope events failed:', error));
  };
  prune();
  const pruneTimer = setInterval(prune, PRUNE_INTERVAL_MS);
  pruneTimer.unref();

  const headFolder = auditHeadFolder(config);
  const exportHead = () => {
    exportAuditHead(database.db, headFolder)
      .then((file) => file && console.log(`audit trail: head exported to ${file}`))
      .catch((error: unknown) => console.error('exporting the audit head failed:', error));
  };
  exportHead();
  const headTimer = setInterval(exportHead, AUDIT_HEAD_INTERVAL_MS);
  headTimer.unref();

  // The intake's cleaning run: checked hourly, run when the last one is older than the configured interval.
  const cleaningIntervalMs = config.intakeCleaningIntervalHours * 60 * 60 * 1000;
  const clean = () => {
    runScheduledCleaning(database.db, cleaningIntervalMs)
      .then((runId) => runId && console.log(`intake cleaning run ${runId} done`))
      .catch((error: unknown) => console.error('the intake cleaning run failed:', error));
  };
  const cleaningTimer = cleaningIntervalMs > 0 ? setInterval(clean, Math.min(cleaningIntervalMs, CLEANING_CHECK_MS)) : undefined;
  cleaningTimer?.unref();

  const app = await buildApp({
    database,
    webRoot: config.webRoot,
    tokenTtlHours: config.tokenTtlHours,
    trustProxy: config.trustProxy,
    auditHeadFolder: headFolder,
    tileOrigins: config.tileOrigins,
    tls: config.tls,
    logger: { level: 'warn' },
  });
  const address = await app.listen({ port: config.port, host: config.host });
  console.log(
    `OneVisit endpoint listening on ${address}${config.webRoot ? ` (serving ${config.webRoot})` : ' (API only: no built renderer found)'}`,
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    clearInterval(pruneTimer);
    clearInterval(headTimer);
    clearInterval(cleaningTimer);
    console.log(`${signal}: shutting down`);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : error);
  process.exit(1);
});
