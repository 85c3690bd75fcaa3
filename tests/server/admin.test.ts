import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import {
  catalogueChangeSchema,
  departmentCatalogueListSchema,
  officerAccountListSchema,
  officerAccountSchema,
  temporaryPasswordResponseSchema,
} from '@shared/api/admin';
import { ACCOUNT_DISABLED, PASSWORD_CHANGE_REQUIRED, loginResponseSchema } from '@shared/api/auth';
import { operations, type OperationName } from '@shared/api/operations';
import { draftSection, emptySectionEvidence, unitSchema } from '@shared/domain/model';
import { queryRows } from '../../src/server/db/open';
import { createAdminAccount } from '../../src/server/services/officers';
import { describeEachDriver } from './support/drivers';
import { PASSWORD } from './support/fixture';
import { startHarness, type Harness } from './support/harness';
import { addAdmin, as } from './support/admin';

describeEachDriver('administration', (fresh) => {
  let h: Harness;
  let admin: string;
  beforeAll(async () => {
    h = await startHarness(fresh);
    await addAdmin(h);
    admin = await h.login('admin-a');
  });

  const login = (username: string, password = PASSWORD, deviceId = 'laptop') =>
    h.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, deviceId } });
  const pull = (token: string) => as(h, token, { method: 'GET', url: '/api/v1/sync/pull' });
  const adminCall = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, token = admin) =>
    as(h, token, { method, url: `/api/v1${url}`, ...(method === 'GET' ? {} : { payload: payload ?? {} }) });

  it('refuses every administrative operation to inspectors and supervisors', async () => {
    const admins = Object.keys(operations).filter((name) => name.startsWith('admin.') || name.startsWith('audit.')) as OperationName[];
    expect(admins.length).toBeGreaterThanOrEqual(17);
    const bodies: Record<string, object> = {
      'admin.officers.create': { username: 'x-new', name: 'x', departmentId: 'dept-amr', unitId: 'unit-a', role: 'inspector' },
      'admin.officers.update': { name: 'x', departmentId: 'dept-amr', unitId: 'unit-a', role: 'inspector' },
      'admin.units.create': { name: 'x', districtCodes: [] },
      'admin.units.update': { name: 'x', districtCodes: [] },
      'admin.departments.create': { code: 'X', name: 'x' },
      'admin.departments.update': { code: 'X', name: 'x' },
      'admin.checkItems.create': { code: 'X', title: 'x', legalBasis: 'x' },
      'admin.checkItems.update': { code: 'X', title: 'x', legalBasis: 'x' },
    };
    const params = { officerId: 'amr1', unitId: 'unit-a', departmentId: 'dept-amr', checkItemId: 'dept-amr-item1' };
    for (const username of ['amr1', 'sup-a']) {
      const token = await h.login(username);
      for (const name of admins) {
        const row = operations[name];
        const url = row.path.replace(/:(\w+)/g, (_, key: keyof typeof params) => params[key]);
        const response = await adminCall(row.method as 'GET', url, bodies[name], token);
        expect([name, username, response.statusCode]).toEqual([name, username, 403]);
      }
    }
  });

  it('creates an officer with a one-time password that must be changed before anything else', async () => {
    const created = await adminCall('POST', '/admin/officers', {
      username: 'newcomer',
      name: '新同事',
      departmentId: 'dept-tax',
      unitId: 'unit-a',
      role: 'inspector',
    });
    expect(created.statusCode).toBe(201);
    const { officer, temporaryPassword } = temporaryPasswordResponseSchema.parse(created.json());
    expect(officer).toMatchObject({ username: 'newcomer', mustChangePassword: true, disabledAt: null });
    expect(temporaryPassword).toHaveLength(14);
    expect((await adminCall('POST', '/admin/officers', { ...officer, username: 'newcomer' })).statusCode).toBe(409);

    const signedIn = loginResponseSchema.parse((await login('newcomer', temporaryPassword)).json());
    expect(signedIn.mustChangePassword).toBe(true);
    const refused = await pull(signedIn.token);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: PASSWORD_CHANGE_REQUIRED });
    const changed = await as(h, signedIn.token, {
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: temporaryPassword, newPassword: 'my-own-long-secret' },
    });
    expect(changed.statusCode).toBe(200);
    const after = loginResponseSchema.parse(changed.json());
    expect(after.mustChangePassword).toBeUndefined();
    expect((await pull(after.token)).statusCode).toBe(200);
  });

  it('edits an officer and refuses unknown departments and units', async () => {
    const fields = { name: '检查员改名', departmentId: 'dept-amr', unitId: 'unit-a', role: 'inspector' };
    const edited = await adminCall('PUT', '/admin/officers/lonely', fields);
    expect(edited.statusCode).toBe(200);
    expect(officerAccountSchema.parse(edited.json())).toMatchObject({ name: '检查员改名' });
    expect((await adminCall('PUT', '/admin/officers/lonely', { ...fields, unitId: 'unit-none' })).statusCode).toBe(400);
    expect((await adminCall('PUT', '/admin/officers/nobody', fields)).statusCode).toBe(404);
    expect((await adminCall('PUT', '/admin/officers/admin-a', { ...fields, role: 'inspector' })).statusCode).toBe(400);
    const list = officerAccountListSchema.parse((await adminCall('GET', '/admin/officers')).json());
    expect(list.officers.find((o) => o.id === 'lonely')?.name).toBe('检查员改名');
    expect(JSON.stringify(list)).not.toMatch(/scrypt|password_hash|passwordHash/);
  });

  it('disables an officer: the token is refused at once but for one upload, sign-in is refused; re-enabling lets them in', async () => {
    const token = await h.login('amr2');
    const disabled = await adminCall('POST', '/admin/officers/amr2/disable');
    expect(disabled.statusCode).toBe(200);
    expect(officerAccountSchema.parse(disabled.json()).disabledAt).not.toBeNull();
    // The queued work still arrives once (a sync pushes first)…
    const section = {
      id: 't3-dept-amr',
      taskId: 't3',
      departmentId: 'dept-amr',
      checkItemIds: ['dept-amr-item1', 'dept-amr-item2', 'dept-amr-item3'],
    };
    const data = {
      ...draftSection(section),
      ...emptySectionEvidence(),
      itemResults: [{ checkItemId: 'dept-amr-item1', outcome: 'compliant' as const, note: '' }],
    };
    const pushed = await h.push(token, {
      deviceId: 'test-device',
      mutations: [{ mutationId: 'disabled-officer-m1', collection: 'sections', id: section.id, baseVersion: 0, data }],
    });
    expect(pushed.results).toEqual([expect.objectContaining({ status: 'applied' })]);
    // …then every call answers account_disabled, uploads included.
    const refused = await pull(token);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: ACCOUNT_DISABLED });
    const again = await as(h, token, {
      method: 'POST',
      url: '/api/v1/sync/push',
      payload: {
        deviceId: 'test-device',
        mutations: [{ mutationId: 'disabled-officer-m2', collection: 'sections', id: section.id, baseVersion: 1, data }],
      },
    });
    expect(again.statusCode).toBe(401);
    const signIn = await login('amr2');
    expect(signIn.statusCode).toBe(403);
    expect(signIn.json()).toMatchObject({ error: ACCOUNT_DISABLED });
    expect((await adminCall('POST', '/admin/officers/admin-a/disable')).statusCode).toBe(400);

    expect((await adminCall('POST', '/admin/officers/amr2/enable')).statusCode).toBe(200);
    expect((await login('amr2')).statusCode).toBe(200);
  });

  it('a disabled officer’s token is refused immediately, without any upload first', async () => {
    const token = await h.login('amrb2');
    expect((await adminCall('POST', '/admin/officers/amrb2/disable')).statusCode).toBe(200);
    const refused = await pull(token);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: ACCOUNT_DISABLED });
  });

  it('resets a password: the sessions end and the officer must change the one-time password', async () => {
    const token = await h.login('tax1');
    const reset = await adminCall('POST', '/admin/officers/tax1/reset-password');
    expect(reset.statusCode).toBe(200);
    const { temporaryPassword } = temporaryPasswordResponseSchema.parse(reset.json());
    expect((await pull(token)).statusCode).toBe(401);
    expect((await login('tax1')).statusCode).toBe(401);
    const signedIn = loginResponseSchema.parse((await login('tax1', temporaryPassword)).json());
    expect(signedIn.mustChangePassword).toBe(true);
  });

  it('creates units and moves a district: its profiles leave the old unit and reach the new one by scope events', async () => {
    const created = await adminCall('POST', '/admin/units', { name: '丙单位', districtCodes: ['370612'] });
    expect(created.statusCode).toBe(201);
    expect(unitSchema.parse(created.json()).districtCodes).toEqual(['370612']);
    expect((await adminCall('POST', '/admin/units', { name: '坏', districtCodes: ['12'] })).statusCode).toBe(400);

    const supervisor = await h.login('sup-a');
    const before = await h.pullAll(supervisor);
    const moved = '370683';
    const enterprisesThere = await queryRows<{ uscc: string }>(
      h.database.db,
      sql`SELECT uscc FROM enterprises WHERE district_code = ${moved}`,
    );
    expect(enterprisesThere.length).toBeGreaterThan(0);
    expect((await adminCall('PUT', '/admin/units/unit-b', { name: '乙单位', districtCodes: [] })).statusCode).toBe(200);
    expect((await adminCall('PUT', '/admin/units/unit-a', { name: '甲单位', districtCodes: ['370602', '370611', moved] })).statusCode).toBe(
      200,
    );
    const events = await queryRows<{ record_id: string }>(
      h.database.db,
      sql`SELECT record_id FROM scope_events WHERE unit_id = 'unit-b' AND collection = 'enterprises'`,
    );
    expect(events.map((e) => e.record_id).sort()).toEqual(enterprisesThere.map((e) => e.uscc).sort());
    const after = await h.pullAll(supervisor, 1000, before.cursor);
    const arrived = after.changes.filter((c) => c.collection === 'enterprises' && c.op === 'upsert').map((c) => c.id);
    expect(arrived.sort()).toEqual(expect.arrayContaining(enterprisesThere.map((e) => e.uscc)));
  });

  it('versions the catalogue: a new item joins drafts and plans, a retired one leaves them unless a draft recorded it', async () => {
    expect((await adminCall('POST', '/admin/departments', { code: 'AMR', name: '重复' })).statusCode).toBe(409);
    const department = await adminCall('POST', '/admin/departments', { code: 'HRSS', name: '人社局' });
    expect(department.statusCode).toBe(201);
    expect(
      (await adminCall('PUT', `/admin/departments/${department.json().id}`, { code: 'HRSS', name: '人力资源和社会保障局' })).statusCode,
    ).toBe(200);

    const added = await adminCall('POST', '/admin/departments/dept-eco/check-items', {
      code: 'ECO-9',
      title: '排污许可',
      legalBasis: '《排污许可管理条例》',
    });
    expect(added.statusCode).toBe(201);
    const change = catalogueChangeSchema.parse(added.json());
    const item = change.department.checkItems.find((i) => i.code === 'ECO-9')!;
    expect(change.department.catalogueVersion).toBe(2);
    expect(change.sectionsMigrated).toBe(1);
    const [section] = await queryRows<{ check_item_ids: string[] }>(
      h.database.db,
      sql`SELECT check_item_ids FROM inspection_sections WHERE id = 't2-dept-eco'`,
    );
    expect(section?.check_item_ids).toEqual(['dept-eco-item1', 'dept-eco-item2', item.id]);
    const [plan] = await queryRows<{ ids: string[] }>(
      h.database.db,
      sql`SELECT check_item_ids -> 'dept-eco' AS ids FROM inspection_plans WHERE id = 'plan-a'`,
    );
    expect(plan?.ids).toContain(item.id);

    const edited = await adminCall('PUT', `/admin/check-items/${item.id}`, {
      code: 'ECO-9',
      title: '排污许可执行情况',
      legalBasis: '《排污许可管理条例》第三十四条',
    });
    expect(catalogueChangeSchema.parse(edited.json()).department.catalogueVersion).toBe(3);
    const retired = catalogueChangeSchema.parse((await adminCall('POST', `/admin/check-items/${item.id}/retire`)).json());
    expect(retired.department.checkItems.find((i) => i.id === item.id)?.retiredAt).toBeTruthy();
    expect(retired.sectionsMigrated).toBe(1);
    const versions = await queryRows<{ catalogue_version: number; retired: boolean }>(
      h.database.db,
      sql`SELECT catalogue_version, retired FROM check_item_versions WHERE check_item_id = ${item.id} ORDER BY catalogue_version`,
    );
    expect(versions).toEqual([
      { catalogue_version: 2, retired: false },
      { catalogue_version: 3, retired: false },
      { catalogue_version: 4, retired: true },
    ]);
    const list = departmentCatalogueListSchema.parse((await adminCall('GET', '/admin/departments')).json());
    expect(list.departments.find((d) => d.id === 'dept-eco')?.checkItems).toHaveLength(3);
  });

  it('admin:create refuses a second administrator unless told, and a weak password', async () => {
    const request = { username: 'chief', name: '主任', password: 'a-long-unusual-phrase' };
    await expect(createAdminAccount(h.database.db, request)).rejects.toThrow(/an administrator exists already/);
    await expect(createAdminAccount(h.database.db, { ...request, another: true, password: 'qwertyuiop' })).rejects.toThrow(/commonly used/);
    await expect(createAdminAccount(h.database.db, { ...request, another: true, password: 'chief-is-here-1' })).rejects.toThrow(
      /user name/,
    );
    const created = await createAdminAccount(h.database.db, { ...request, another: true });
    expect(created).toMatchObject({
      username: 'chief',
      role: 'admin',
      departmentId: 'dept-administration',
      unitId: 'unit-administration',
      mustChangePassword: false,
    });
    expect((await login('chief', 'a-long-unusual-phrase')).statusCode).toBe(200);
  });

  it('takes a draft pushed against the older catalogue, keeping a retired item the officer recorded', async () => {
    const officer = await h.login('amr1');
    const { changes } = await h.pullAll(officer);
    const draft = changes.find((c) => c.collection === 'sections' && c.id === 't2-dept-amr');
    if (draft?.op !== 'upsert' || draft.collection !== 'sections') throw new Error('t2-dept-amr not pulled');
    const results = (ids: string[]) => ids.map((checkItemId) => ({ checkItemId, outcome: 'compliant' as const, note: '' }));
    // Offline, the officer records item1 (soon retired) in the draft; the admin retires item1 and item2.
    expect((await adminCall('POST', '/admin/check-items/dept-amr-item1/retire')).statusCode).toBe(200);
    expect((await adminCall('POST', '/admin/check-items/dept-amr-item2/retire')).statusCode).toBe(200);
    const data = { ...draft.data, itemResults: results(['dept-amr-item1']) };
    const pushed = await h.push(officer, {
      deviceId: 'test-device',
      mutations: [{ mutationId: 'm-old-catalogue', collection: 'sections', id: draft.id, baseVersion: draft.data.version, data }],
    });
    expect(pushed.results[0]).toMatchObject({ status: 'applied' });
    const [stored] = await queryRows<{ check_item_ids: string[] }>(
      h.database.db,
      sql`SELECT check_item_ids FROM inspection_sections WHERE id = 't2-dept-amr'`,
    );
    expect(stored?.check_item_ids).toEqual(['dept-amr-item3', 'dept-amr-item1']);

    // An item the catalogue does not explain is still refused.
    const bad = await h.push(officer, {
      deviceId: 'test-device',
      mutations: [
        {
          mutationId: 'm-bad-catalogue',
          collection: 'sections',
          id: draft.id,
          baseVersion: draft.data.version + 1,
          data: { ...data, checkItemIds: ['dept-tax-item1'] },
        },
      ],
    });
    expect(bad.results[0]).toMatchObject({ status: 'rejected' });
  });
});
