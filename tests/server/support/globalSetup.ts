// Provides a PostgreSQL server to the endpoint tests: DATABASE_URL when set, otherwise a throw-away cluster started
// from the installed PostgreSQL binaries. Without either, the PostgreSQL variants are skipped with the reason.
// Also migrates one database per driver once, the template each test database is copied from (drivers.ts): PGlite's
// initdb and migrations take seconds per database, a copy of the folder a fraction of one.
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../../src/server/db/open';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a database from which tests may CREATE/DROP their own databases; '' when unavailable. */
    postgresAdminUrl: string;
    postgresSkipReason: string;
    /** A migrated PGlite data folder, copied for each test database; never opened by the tests. */
    pgliteTemplateDir: string;
    /** A migrated database on the PostgreSQL server, each test database's TEMPLATE; '' without PostgreSQL. */
    postgresTemplate: string;
  }
}

function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function postgresUid(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

export interface ThrowawayPostgres {
  /** URL of the `postgres` database, from which callers CREATE/DROP their own databases. */
  adminUrl: string;
  stop(): void;
}

/** Starts a throw-away cluster from the installed PostgreSQL binaries (tuned for tests: no fsync); undefined if none. */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres | undefined> {
  const bin = findPostgresBin();
  if (!bin) return undefined;

  // initdb refuses to run as root: the cluster then belongs to the postgres user.
  const asRoot = process.getuid?.() === 0;
  const commandLine = (command: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args]] : [path.join(bin, command), args];
  const run = (command: string, args: string[]) => execFileSync(...commandLine(command, args), { stdio: 'pipe' });
  // Starting does not block: the caller may prepare other things meanwhile (the global setup migrates PGlite).
  const start = (command: string, args: string[]) => promisify(execFile)(...commandLine(command, args));

  const dir = mkdtempSync(path.join(tmpdir(), 'onevisit-pg-'));
  if (asRoot) {
    const { uid, gid } = postgresUid();
    chownSync(dir, uid, gid);
  }
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  try {
    await start('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
    await start('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      'start',
    ]);
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start a throw-away PostgreSQL cluster from ${bin}: ${stderr}`, { cause: error });
  }
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Runs an SQL command on the server's `postgres` database (CREATE/DROP DATABASE). */
export async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export const databaseUrl = (adminUrl: string, name: string): string => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

async function migratedPglite(): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'onevisit-pglite-template-'));
  await (await openDatabase({ dataDir: dir })).close();
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

async function migratedPostgres(adminUrl: string): Promise<{ name: string; remove(): Promise<void> }> {
  const name = `onevisit_template_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  await (await openDatabase({ databaseUrl: databaseUrl(adminUrl, name) })).close();
  return { name, remove: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** The PostgreSQL server's admin URL ('' with the reason when there is none), and how to stop a cluster started here. */
async function postgresServer(): Promise<{ adminUrl: string; skipReason: string; stop?: () => void }> {
  if (process.env.DATABASE_URL) return { adminUrl: process.env.DATABASE_URL, skipReason: '' };
  const cluster = await startThrowawayPostgres();
  if (!cluster) {
    return { adminUrl: '', skipReason: 'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb) and DATABASE_URL is not set' };
  }
  return { adminUrl: cluster.adminUrl, skipReason: '', stop: cluster.stop };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // PGlite migrates on this process while PostgreSQL's initdb runs in its own.
  const [started, migrated] = await Promise.allSettled([postgresServer(), migratedPglite()]);
  const server = started.status === 'fulfilled' ? started.value : undefined;
  const pglite = migrated.status === 'fulfilled' ? migrated.value : undefined;
  let postgres: Awaited<ReturnType<typeof migratedPostgres>> | undefined;
  try {
    if (!server || !pglite) throw started.status === 'rejected' ? started.reason : (migrated as PromiseRejectedResult).reason;
    if (server.adminUrl) postgres = await migratedPostgres(server.adminUrl);
  } catch (error) {
    pglite?.remove();
    server?.stop?.();
    throw error;
  }
  project.provide('postgresAdminUrl', server.adminUrl);
  project.provide('postgresSkipReason', server.skipReason);
  project.provide('pgliteTemplateDir', pglite.dir);
  project.provide('postgresTemplate', postgres?.name ?? '');
  return async () => {
    pglite.remove();
    try {
      await postgres?.remove();
    } finally {
      server.stop?.();
    }
  };
}
