import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditExportSchema, auditListSchema } from '@shared/api/audit';
import { queryRows } from '../../src/server/db/open';
import { entryHash, exportAuditHead, recordAuditAlone, verifyAuditChain } from '../../src/server/services/audit';
import { describeEachDriver } from './support/drivers';
import { PASSWORD } from './support/fixture';
import { startHarness, type Harness } from './support/harness';
import { addAdmin, as } from './support/admin';

const run = promisify(execFile);

/** `npm run audit:verify` itself: its exit code and output. */
async function auditVerify(env: Record<string, string>, ...args: string[]): Promise<{ code: number; output: string }> {
  try {
    // What `tsx scripts/audit-verify.ts` runs, without npx's and tsx's own launcher processes.
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describeEachDriver('audit trail', (fresh) => {
  let h: Harness;
  let admin: string;
  beforeAll(async () => {
    h = await startHarness(fresh);
    await addAdmin(h);
    admin = await h.login('admin-a');
  });

  const audit = (query = '', token = admin) => as(h, token, { method: 'GET', url: `/api/v1/audit${query}` });

  it('records sign-ins, failed sign-ins, administrative acts and reviews, chained', async () => {
    await h.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'amr1', password: 'wrong-guess', deviceId: 'd1' } });
    await h.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'amr1', password: PASSWORD, deviceId: 'd1' } });
    await as(h, admin, { method: 'POST', url: '/api/v1/admin/officers/lonely/disable', payload: {} });
    const list = auditListSchema.parse((await audit()).json());
    const actions = list.entries.map((e) => e.action);
    expect(actions.slice(0, 4)).toEqual(['officer.disabled', 'auth.login', 'auth.login_failed', 'auth.login']);
    const disabled = list.entries[0]!;
    expect(disabled).toMatchObject({ actorId: 'admin-a', recordType: 'officer', recordId: 'lonely', deviceId: 'test-device' });
    expect(disabled.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(list.entries[2]).toMatchObject({ actorId: null, recordId: 'amr1', details: { username: 'amr1', knownUser: true } });
    expect(list.entries[1]!.prevHash).toBe(list.entries[2]!.hash);
    expect(list.head).toMatchObject({ seq: disabled.seq, hash: disabled.hash });
    const filtered = auditListSchema.parse((await audit('?action=auth.login_failed')).json());
    expect(filtered.entries.every((e) => e.action === 'auth.login_failed')).toBe(true);
    expect((await audit('', await h.login('sup-a'))).statusCode).toBe(403);
  });

  it('does not fork the chain under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        recordAuditAlone(h.database.db, { actorId: null, action: 'test.concurrent', recordType: 'test', recordId: String(i) }),
      ),
    );
    const verification = await verifyAuditChain(h.database.db);
    expect(verification.firstMismatch).toBeNull();
    const seqs = await queryRows<{ n: number; distinct_prev: number }>(
      h.database.db,
      sql`SELECT count(*)::int AS n, count(DISTINCT prev_hash)::int AS distinct_prev FROM audit_log`,
    );
    expect(seqs[0]?.n).toBe(seqs[0]?.distinct_prev);
  });

  it('refuses UPDATE, DELETE and TRUNCATE at the database level', async () => {
    for (const statement of [
      sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`,
      sql`DELETE FROM audit_log WHERE seq = 1`,
      sql`TRUNCATE audit_log`,
    ])
      await expect(h.database.db.execute(statement)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
  });

  it('exports a range with its hashes, checkable on its own by audit:verify --file', async () => {
    const exported = auditExportSchema.parse((await as(h, admin, { method: 'GET', url: '/api/v1/audit/export?fromSeq=2' })).json());
    expect(exported.entries[0]?.seq).toBe(2);
    expect(exported.entries.at(-1)?.hash).toBe(exported.head.hash);
    const folder = mkdtempSync(path.join(tmpdir(), 'onevisit-audit-'));
    const file = path.join(folder, 'range.json');
    writeFileSync(file, JSON.stringify(exported));
    expect((await auditVerify({}, '--file', file)).code).toBe(0);
    const tampered = { ...exported, entries: exported.entries.map((e, i) => (i === 3 ? { ...e, recordId: 'someone-else' } : e)) };
    writeFileSync(file, JSON.stringify(tampered));
    const result = await auditVerify({}, '--file', file);
    expect(result.code).toBe(1);
    expect(result.output).toContain(`MISMATCH at entry ${exported.entries[3]!.seq}`);
  });

  it('names the first entry the database owner changed, and catches a recomputed chain by the head exported earlier', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'onevisit-heads-'));
    const written = await exportAuditHead(h.database.db, folder);
    expect(written).not.toBeNull();
    expect(await exportAuditHead(h.database.db, folder)).toBeNull();
    const headFile = path.join(folder, readdirSync(folder)[0]!);
    const head = JSON.parse(readFileSync(headFile, 'utf8')) as { seq: number; hash: string };
    expect((await verifyAuditChain(h.database.db, head)).firstMismatch).toBeNull();

    // The owner lifts the guard and changes an entry: the chain breaks there.
    const owner = (statement: ReturnType<typeof sql>) =>
      h.database.db.transaction(async (tx) => {
        await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
        await tx.execute(statement);
        await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
      });
    await owner(sql`UPDATE audit_log SET record_id = 'someone-else' WHERE seq = 3`);
    const broken = await verifyAuditChain(h.database.db);
    expect(broken.firstMismatch?.seq).toBe(3);
    expect(broken.firstMismatch?.problem).toMatch(/does not match its hash/);

    // …and recomputes every hash from there: the chain holds again, but not the head exported before.
    const rows = await queryRows<{ seq: number }>(h.database.db, sql`SELECT seq FROM audit_log WHERE seq >= 3 ORDER BY seq`);
    let prevHash = (await queryRows<{ hash: string }>(h.database.db, sql`SELECT hash FROM audit_log WHERE seq = 2`))[0]!.hash;
    for (const { seq } of rows) {
      const [row] = await queryRows<Record<string, unknown>>(h.database.db, sql`SELECT * FROM audit_log WHERE seq = ${seq}`);
      const entry = {
        seq: Number(row!.seq),
        at: new Date(row!.at as string).toISOString(),
        actorId: row!.actor_id as string | null,
        action: row!.action as string,
        recordType: row!.record_type as string,
        recordId: row!.record_id as string,
        deviceId: row!.device_id as string | null,
        contentHash: row!.content_hash as string | null,
        details: (typeof row!.details === 'string' ? JSON.parse(row!.details) : row!.details) as Record<string, unknown>,
        prevHash,
      };
      prevHash = entryHash(entry);
      await owner(sql`UPDATE audit_log SET prev_hash = ${entry.prevHash}, hash = ${prevHash} WHERE seq = ${seq}`);
    }
    expect((await verifyAuditChain(h.database.db)).firstMismatch).toBeNull();
    const caught = await verifyAuditChain(h.database.db, head);
    expect(caught.firstMismatch?.seq).toBe(head.seq);

    // The command auditors run says the same, reading the database itself.
    let env: Record<string, string>;
    if (h.options.databaseUrl) env = { DATABASE_URL: h.options.databaseUrl };
    else {
      // PGlite's files are one process's: close them and hand the command a copy (a backup, as docs/operations.md says).
      await h.app.close();
      await h.database.close();
      const dataDir = mkdtempSync(path.join(tmpdir(), 'onevisit-data-'));
      cpSync(h.options.dataDir!, path.join(dataDir, 'pglite'), { recursive: true });
      env = { DATA_DIR: dataDir };
    }
    const plain = await auditVerify(env);
    expect(plain.code, plain.output).toBe(0);
    const against = await auditVerify(env, '--head', headFile);
    expect(against.code, against.output).toBe(1);
    expect(against.output).toContain(`MISMATCH at entry ${head.seq}`);
  });
});
