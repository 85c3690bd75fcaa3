// npm run audit:verify [-- --head <exported head file | seq:hash>] [--file <exported range>]
// Recomputes the audit trail's hash chain and names the first entry that does not match. Reads the endpoint's database
// (DATA_DIR or DATABASE_URL, as `npm run server`; stop a PGlite endpoint first, it holds its files), or with --file a
// range exported from the app. With --head, the chain must still carry a head exported earlier (the daily files in
// DATA_DIR/audit-heads): a chain rewritten by the database owner is caught that way.
// Exit code 0: the chain holds; 1: it does not; 2: bad arguments or unreadable input.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inspect, parseArgs } from 'node:util';
import { auditExportSchema } from '@shared/api/audit';
import { loadConfig } from '../src/server/config';
import { openDatabase } from '../src/server/db/open';
import { ChainChecker, readExportedHead, verifyAuditChain, type ChainVerification } from '../src/server/services/audit';

const USAGE = 'usage: npm run audit:verify [-- --head <head file | seq:hash>] [--file <exported range>]';

function readHead(value: string): { seq: number; hash: string } {
  const inline = /^(\d+):([0-9a-f]{64})$/.exec(value);
  if (inline) return { seq: Number(inline[1]), hash: inline[2]! };
  const { seq, hash } = readExportedHead(value);
  return { seq, hash };
}

async function verify(options: { head?: string; file?: string }): Promise<ChainVerification> {
  const head = options.head === undefined ? undefined : readHead(options.head);
  if (options.file) {
    const range = auditExportSchema.parse(JSON.parse(readFileSync(options.file, 'utf8')));
    const first = range.entries[0];
    const checker = new ChainChecker(first ? { seq: first.seq - 1, hash: first.prevHash } : undefined, head);
    for (const entry of range.entries) checker.check(entry);
    return checker.result();
  }
  const config = loadConfig();
  const database = await openDatabase(
    config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: path.join(config.dataDir, 'pglite') },
  );
  try {
    return await verifyAuditChain(database.db, head);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { head: { type: 'string' }, file: { type: 'string' } } }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  let result: ChainVerification;
  try {
    result = await verify(values);
  } catch (error) {
    console.error(`cannot verify: ${error instanceof Error ? error.message : inspect(error)}\n${USAGE}`);
    return 2;
  }
  console.log(`entries checked: ${result.entries}   head: ${result.head.seq} ${result.head.hash}`);
  if (result.firstMismatch) {
    console.log(`MISMATCH at entry ${result.firstMismatch.seq}: ${result.firstMismatch.problem}`);
    return 1;
  }
  console.log(values.head ? 'OK: the chain holds and carries the exported head' : 'OK: the chain holds');
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
