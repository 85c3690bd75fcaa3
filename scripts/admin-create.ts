// npm run admin:create -- <username> [--name <display name>] [--department <id>] [--unit <id>] [--another]
// Creates an administrator: the first one of a database taken into production without demo data (see
// docs/operations.md, "Going live"). The password is asked for twice on a terminal, or read from the first line of
// standard input (`printf '%s\n' "$PASSWORD" | npm run admin:create -- admin`). It must satisfy the password policy.
// Uses the endpoint's settings (DATA_DIR or DATABASE_URL); stop a PGlite endpoint first, it holds its files.
// Exit code 0: created; 1: refused (an admin exists, weak password, name taken); 2: bad arguments.
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/config';
import { openDatabase } from '../src/server/db/open';
import { DomainError } from '../src/server/domain/errors';
import { createAdminAccount } from '../src/server/services/officers';

const USAGE = 'usage: npm run admin:create -- <username> [--name <name>] [--department <id>] [--unit <id>] [--another]';

/** Reads a line from a terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (text: string) => void };
    let asking = true;
    output._writeToOutput = (text) => {
      if (!asking || text.includes(question)) process.stdout.write(text.includes(question) ? question : text);
    };
    rl.question(question, (answer) => {
      asking = false;
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await askHidden('password: ');
    const second = await askHidden('password again: ');
    if (first !== second) throw new Error('the two passwords differ');
    return first;
  }
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  return input.split(/\r?\n/)[0] ?? '';
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { name: { type: 'string' }, department: { type: 'string' }, unit: { type: 'string' }, another: { type: 'boolean' } },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const [username, ...extra] = parsed.positionals;
  if (!username || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const password = await readPassword();
  const config = loadConfig();
  const database = await openDatabase(
    config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: path.join(config.dataDir, 'pglite') },
  );
  try {
    const admin = await createAdminAccount(database.db, {
      username,
      name: parsed.values.name ?? username,
      password,
      departmentId: parsed.values.department,
      unitId: parsed.values.unit,
      another: parsed.values.another,
    });
    console.log(`administrator ${admin.username} created (id ${admin.id}); sign in to the app to add units, departments and officers`);
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError) && !(error instanceof Error && error.name === 'ZodError')) throw error;
    console.error(`refused: ${error.message}`);
    return 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
