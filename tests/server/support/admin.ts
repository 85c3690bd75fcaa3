// Administrators and requests with a token, for the administration and audit suites.
import { sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Harness } from './harness';

/** An admin of unit-a with the fixture's password (the fixture has none); the username is the id. */
export async function addAdmin(h: Harness, id = 'admin-a'): Promise<void> {
  await h.database.db.execute(sql`
    INSERT INTO officers (id, username, name, department_id, unit_id, role, password_hash)
    SELECT ${id}, ${id}, '管理员', department_id, unit_id, 'admin', password_hash FROM officers WHERE id = 'sup-a'`);
}

/** A request with the bearer token. */
export function as(h: Harness, token: string, options: InjectOptions): Promise<LightMyRequestResponse> {
  return h.request({ ...options, headers: { ...options.headers, authorization: `Bearer ${token}` } });
}
