// An admin moving an officer to another unit (or giving them another role) changes what their devices hold exactly
// as other scope changes do: the next incremental pull deletes what left their scope and brings what entered it, and
// the device then holds what a first sync would give it.
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Change } from '@shared/sync/protocol';
import { queryRows } from '../../src/server/db/open';
import { describeEachDriver } from './support/drivers';
import { addAdmin, as } from './support/admin';
import { startHarness, type Harness } from './support/harness';

type Device = Map<string, unknown>;

/** A device's records after applying changes, keyed "collection/id". */
function apply(device: Device, changes: Change[]): Device {
  for (const change of changes) {
    const key = `${change.collection}/${change.id}`;
    if (change.op === 'delete') device.delete(key);
    else device.set(key, change.data);
  }
  return device;
}

const keys = (device: Device, collection: string) =>
  [...device.keys()]
    .filter((key) => key.startsWith(`${collection}/`))
    .map((key) => key.slice(collection.length + 1))
    .sort();

describeEachDriver('officer moved between units or roles', (fresh) => {
  let h: Harness;
  let admin: string;
  const tokens: Record<string, string> = {};
  const cursors: Record<string, string> = {};
  const devices: Record<string, Device> = {};

  beforeAll(async () => {
    h = await startHarness(fresh);
    await addAdmin(h);
    // A supervisor of unit B, to see the moved officer arrive in their unit.
    await h.database.db.execute(sql`
      INSERT INTO officers (id, username, name, department_id, unit_id, role, password_hash)
      SELECT 'sup-b', 'sup-b', '乙单位组长', department_id, 'unit-b', 'supervisor', password_hash FROM officers WHERE id = 'sup-a'`);
    admin = await h.login('admin-a');
    for (const username of ['amr2', 'sup-a', 'sup-b', 'amr1']) {
      tokens[username] = await h.login(username);
      const { changes, cursor } = await h.pullAll(tokens[username]!, 1000, '', 'corrections');
      devices[username] = apply(new Map(), changes);
      cursors[username] = cursor;
    }
  });

  /** One incremental sync of `username`'s device (small pages, so events and upserts interleave across pages). */
  async function sync(username: string): Promise<Change[]> {
    const { changes, cursor } = await h.pullAll(tokens[username]!, 4, cursors[username], 'corrections');
    apply(devices[username]!, changes);
    cursors[username] = cursor;
    return changes;
  }

  /** What a first sync gives this officer now. */
  async function firstSync(username: string): Promise<Device> {
    return apply(new Map(), (await h.pullAll(tokens[username]!, 1000, '', 'corrections')).changes);
  }

  async function place(officerId: string, unitId: string, role: string): Promise<void> {
    const [row] = await queryRows<{ name: string; departmentId: string }>(
      h.database.db,
      sql`SELECT name, department_id AS "departmentId" FROM officers WHERE id = ${officerId}`,
    );
    const response = await as(h, admin, {
      method: 'PUT',
      url: `/api/v1/admin/officers/${officerId}`,
      payload: { name: row!.name, departmentId: row!.departmentId, unitId, role },
    });
    expect(response.statusCode, response.body).toBe(200);
  }

  it('an inspector moved to another unit: the old jurisdiction leaves their devices, the new one arrives, their tasks stay', async () => {
    const before = devices.amr2!;
    expect(keys(before, 'units')).toEqual(['unit-a']);
    const t3Enterprise = (before.get('tasks/t3') as { enterpriseId: string }).enterpriseId;
    const oldJurisdiction = keys(before, 'enterprises').filter((id) => id !== t3Enterprise);
    expect(oldJurisdiction.length).toBeGreaterThan(0);

    await place('amr2', 'unit-b', 'inspector');
    const changes = await sync('amr2');
    // Deletes and upserts only, no replacement sync; the device now holds exactly what a first sync gives it.
    const deleted = changes.filter((c) => c.op === 'delete').map((c) => `${c.collection}/${c.id}`);
    expect(deleted).toEqual(expect.arrayContaining(['units/unit-a', ...oldJurisdiction.map((id) => `enterprises/${id}`)]));
    expect(deleted.filter((key) => key.startsWith('tasks/') || key.startsWith('sections/'))).toEqual([]);
    const now = await firstSync('amr2');
    expect([...devices.amr2!.keys()].sort()).toEqual([...now.keys()].sort());
    expect(keys(devices.amr2!, 'units')).toEqual(['unit-b']);
    expect(keys(devices.amr2!, 'tasks')).toEqual(['t3']);
    // The task's enterprise stays, now outside the jurisdiction; unit B's enterprises are there.
    expect(keys(devices.amr2!, 'enterprises')).toContain(t3Enterprise);
    expect(keys(devices.amr2!, 'enterprises').length).toBeGreaterThan(1);
    // Nothing more to send.
    expect(await sync('amr2')).toEqual([]);
  });

  it("the old unit's supervisor loses the moved officer's row, the new unit's receives it", async () => {
    expect(devices['sup-a']!.has('officers/amr2')).toBe(true);
    await sync('sup-a');
    await sync('sup-b');
    expect(devices['sup-a']!.has('officers/amr2')).toBe(false);
    expect(devices['sup-b']!.get('officers/amr2')).toMatchObject({ unitId: 'unit-b' });
    for (const username of ['sup-a', 'sup-b'])
      expect([...devices[username]!.keys()].sort()).toEqual([...(await firstSync(username)).keys()].sort());
  });

  it("a supervisor moved to another unit: the old unit's plans, tasks, sections and officers leave, the new unit's arrive", async () => {
    await place('sup-a', 'unit-b', 'supervisor');
    await sync('sup-a');
    expect(keys(devices['sup-a']!, 'plans')).toEqual(['plan-b']);
    expect(keys(devices['sup-a']!, 'tasks')).toEqual(['tb1']);
    expect(keys(devices['sup-a']!, 'sections').every((id) => id.startsWith('tb1-'))).toBe(true);
    expect(keys(devices['sup-a']!, 'officers')).toEqual(expect.arrayContaining(['amr2', 'amrb1', 'amrb2', 'sup-a', 'sup-b']));
    expect(keys(devices['sup-a']!, 'officers')).not.toContain('amr1');
    expect([...devices['sup-a']!.keys()].sort()).toEqual([...(await firstSync('sup-a')).keys()].sort());
  });

  it("an inspector given a supervisor's role receives their unit's work, and loses it again when the role goes back", async () => {
    expect(keys(devices.amr1!, 'tasks')).toEqual(['t1', 't2']);
    await place('amr1', 'unit-a', 'supervisor');
    await sync('amr1');
    expect(keys(devices.amr1!, 'tasks')).toEqual(['t1', 't2', 't3']);
    expect([...devices.amr1!.keys()].sort()).toEqual([...(await firstSync('amr1')).keys()].sort());

    await place('amr1', 'unit-a', 'inspector');
    await sync('amr1');
    expect(keys(devices.amr1!, 'tasks')).toEqual(['t1', 't2']);
    expect([...devices.amr1!.keys()].sort()).toEqual([...(await firstSync('amr1')).keys()].sort());
  });
});
