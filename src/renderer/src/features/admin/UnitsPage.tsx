// Units and their jurisdictions (district codes). Moving a district is taking it out of one unit and into another: the
// endpoint's scope events then move its enterprise profiles between the units' devices at their next sync.
import { useState } from 'react';
import { Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { UnitFields } from '@shared/api/admin';
import { districtName, YANTAI_DISTRICTS } from '@shared/domain/districts';
import type { Unit } from '@shared/domain/model';
import { getBridge } from '../../platform/bridge';
import { RemoteState } from '../../components/RemoteState';
import { ADMIN_REMOTE_TEXTS } from './remoteTexts';
import { useAdminAction } from './useAdminAction';
import { useAdminReference } from './useAdminReference';

type Editing = { kind: 'create' } | { kind: 'edit'; unit: Unit };

export function UnitsPage() {
  const { t } = useTranslation();
  const { remote, reload } = useAdminReference();
  const action = useAdminAction(reload);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [form] = Form.useForm<UnitFields>();
  if (remote.status !== 'ready') return <RemoteState feature="admin" texts={ADMIN_REMOTE_TEXTS} remote={remote} onRetry={reload} />;
  const { units } = remote.data;
  const holders = (code: string, except?: string) =>
    units.filter((u) => u.id !== except && u.districtCodes.includes(code)).map((u) => u.name);
  const districtLabel = (code: string) => `${districtName(code) ?? code} (${code})`;

  const open = (next: Editing) => {
    form.resetFields();
    if (next.kind === 'edit') form.setFieldsValue({ name: next.unit.name, districtCodes: next.unit.districtCodes });
    setEditing(next);
  };

  const save = async (values: UnitFields) => {
    if (!editing) return;
    const saved = await action.run(
      () =>
        editing.kind === 'create'
          ? getBridge().call('admin.units.create', { body: values })
          : getBridge().call('admin.units.update', { params: { unitId: editing.unit.id }, body: values }),
      t('admin.units.saved'),
    );
    if (saved) setEditing(null);
  };

  const editingId = editing?.kind === 'edit' ? editing.unit.id : undefined;
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} data-testid="unit-create" onClick={() => open({ kind: 'create' })}>
          {t('admin.units.create')}
        </Button>
      </Space>
      <Table<Unit>
        rowKey="id"
        data-testid="unit-list"
        dataSource={units}
        pagination={false}
        onRow={(u) => ({ 'data-testid': 'unit-row', 'data-unit-id': u.id }) as React.HTMLAttributes<HTMLTableRowElement>}
        columns={[
          { title: t('admin.units.name'), dataIndex: 'name', key: 'name' },
          {
            title: t('admin.units.districts'),
            key: 'districts',
            render: (_, u) => (
              <Space size={[0, 4]} wrap>
                {u.districtCodes.map((code) => (
                  <Tag key={code}>{districtLabel(code)}</Tag>
                ))}
              </Space>
            ),
          },
          {
            key: 'actions',
            render: (_, u) => (
              <Button size="small" data-testid="unit-edit" onClick={() => open({ kind: 'edit', unit: u })}>
                {t('admin.edit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={t(editing?.kind === 'edit' ? 'admin.units.editTitle' : 'admin.units.createTitle')}
        okText={t('admin.save')}
        okButtonProps={{ 'data-testid': 'unit-save', loading: action.busy }}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form<UnitFields> form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ districtCodes: [] }}>
          <Form.Item name="name" label={t('admin.units.name')} rules={[{ required: true, whitespace: true, message: t('admin.required') }]}>
            <Input data-testid="unit-name" />
          </Form.Item>
          <Form.Item name="districtCodes" label={t('admin.units.districts')} extra={t('admin.units.districtsHint')}>
            <Select
              mode="tags"
              data-testid="unit-districts"
              options={YANTAI_DISTRICTS.map((d) => {
                const others = holders(d.code, editingId);
                return {
                  value: d.code,
                  label:
                    others.length > 0
                      ? `${districtLabel(d.code)} · ${t('admin.units.heldBy', { units: others.join('、') })}`
                      : districtLabel(d.code),
                };
              })}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
