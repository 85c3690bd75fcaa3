// Officers: create (with a one-time password), edit, disable and re-enable, reset a password.
import { useCallback, useState } from 'react';
import { Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CreateOfficerRequest, OfficerAccount, TemporaryPasswordResponse } from '@shared/api/admin';
import { officerRoleSchema } from '@shared/domain/model';
import { getBridge } from '../../platform/bridge';
import { RemoteState } from '../../components/RemoteState';
import { useRemote } from '../../hooks/useRemote';
import { useSignedIn } from '../../state/sessionStore';
import { ADMIN_REMOTE_TEXTS } from './remoteTexts';
import { useAdminAction } from './useAdminAction';
import { useAdminReference } from './useAdminReference';

const loadOfficers = () => getBridge().call('admin.officers.list');

type Editing = { kind: 'create' } | { kind: 'edit'; officer: OfficerAccount };

export function OfficersPage() {
  const { t } = useTranslation();
  const { session } = useSignedIn();
  const { remote, reload } = useRemote(useCallback(loadOfficers, []));
  const { remote: reference } = useAdminReference();
  const action = useAdminAction(reload);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [issued, setIssued] = useState<TemporaryPasswordResponse | null>(null);
  const [form] = Form.useForm<CreateOfficerRequest>();
  const [search, setSearch] = useState('');

  if (remote.status !== 'ready') return <RemoteState feature="admin" texts={ADMIN_REMOTE_TEXTS} remote={remote} onRetry={reload} />;
  if (reference.status !== 'ready') return <RemoteState feature="admin" texts={ADMIN_REMOTE_TEXTS} remote={reference} />;
  const departmentName = new Map(reference.data.departments.map((d) => [d.id, d.name]));
  const unitName = new Map(reference.data.units.map((u) => [u.id, u.name]));
  const needle = search.trim().toLowerCase();
  const shown = needle
    ? remote.data.officers.filter((o) => o.username.toLowerCase().includes(needle) || o.name.toLowerCase().includes(needle))
    : remote.data.officers;

  const open = (next: Editing) => {
    form.resetFields();
    if (next.kind === 'edit') form.setFieldsValue(next.officer);
    setEditing(next);
  };

  const save = async (values: CreateOfficerRequest) => {
    if (!editing) return;
    const { username, ...fields } = values;
    if (editing.kind === 'create') {
      const created = await action.run(() => getBridge().call('admin.officers.create', { body: { username, ...fields } }));
      if (created) setIssued(created);
    } else {
      const saved = await action.run(
        () => getBridge().call('admin.officers.update', { params: { officerId: editing.officer.id }, body: fields }),
        t('admin.officers.saved'),
      );
      if (!saved) return;
    }
    setEditing(null);
  };

  const officerAction = (officer: OfficerAccount, name: 'admin.officers.disable' | 'admin.officers.enable', done: string) =>
    void action.run(() => getBridge().call(name, { params: { officerId: officer.id } }), done);

  const reset = async (officer: OfficerAccount) => {
    const answer = await action.run(() => getBridge().call('admin.officers.resetPassword', { params: { officerId: officer.id } }));
    if (answer) setIssued(answer);
  };

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} data-testid="officer-create" onClick={() => open({ kind: 'create' })}>
          {t('admin.officers.create')}
        </Button>
        <Input.Search
          allowClear
          data-testid="officer-search"
          placeholder={t('admin.officers.search')}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 260 }}
        />
      </Space>
      <Table<OfficerAccount>
        rowKey="id"
        data-testid="officer-list"
        dataSource={shown}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(o) => ({ 'data-testid': 'officer-row', 'data-username': o.username }) as React.HTMLAttributes<HTMLTableRowElement>}
        columns={[
          { title: t('admin.officers.username'), dataIndex: 'username', key: 'username' },
          { title: t('admin.officers.name'), dataIndex: 'name', key: 'name' },
          {
            title: t('admin.officers.department'),
            key: 'department',
            render: (_, o) => departmentName.get(o.departmentId) ?? o.departmentId,
          },
          { title: t('admin.officers.unit'), key: 'unit', render: (_, o) => unitName.get(o.unitId) ?? o.unitId },
          { title: t('admin.officers.role'), key: 'role', render: (_, o) => t(`admin.role.${o.role}`) },
          {
            title: t('admin.officers.state'),
            key: 'state',
            render: (_, o) => (
              <Space size={4} wrap>
                {o.disabledAt ? (
                  <Tag color="red">{t('admin.officers.disabled')}</Tag>
                ) : (
                  <Tag color="green">{t('admin.officers.active')}</Tag>
                )}
                {o.mustChangePassword && <Tag color="orange">{t('admin.officers.mustChange')}</Tag>}
              </Space>
            ),
          },
          { title: t('admin.officers.sessions'), dataIndex: 'activeSessions', key: 'sessions', responsive: ['lg'] },
          {
            key: 'actions',
            render: (_, o) => (
              <Space size={4} wrap>
                <Button size="small" data-testid="officer-edit" onClick={() => open({ kind: 'edit', officer: o })}>
                  {t('admin.edit')}
                </Button>
                <Popconfirm title={t('admin.officers.resetConfirm', { name: o.name })} onConfirm={() => void reset(o)}>
                  <Button size="small" data-testid="officer-reset">
                    {t('admin.officers.reset')}
                  </Button>
                </Popconfirm>
                {o.id !== session.officer.id &&
                  (o.disabledAt ? (
                    <Button
                      size="small"
                      data-testid="officer-enable"
                      onClick={() => officerAction(o, 'admin.officers.enable', t('admin.officers.enabled'))}
                    >
                      {t('admin.officers.enable')}
                    </Button>
                  ) : (
                    <Popconfirm
                      title={t('admin.officers.disableConfirm', { name: o.name })}
                      onConfirm={() => officerAction(o, 'admin.officers.disable', t('admin.officers.disabledDone'))}
                    >
                      <Button size="small" danger data-testid="officer-disable">
                        {t('admin.officers.disable')}
                      </Button>
                    </Popconfirm>
                  ))}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={t(editing?.kind === 'edit' ? 'admin.officers.editTitle' : 'admin.officers.createTitle')}
        okText={t('admin.save')}
        okButtonProps={{ 'data-testid': 'officer-save', loading: action.busy }}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form<CreateOfficerRequest> form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ role: 'inspector' }}>
          {editing?.kind === 'create' && (
            <Form.Item
              name="username"
              label={t('admin.officers.username')}
              extra={t('admin.officers.usernameRule')}
              rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9._-]{2,49}$/, message: t('admin.officers.usernameRule') }]}
            >
              <Input data-testid="officer-username" autoComplete="off" />
            </Form.Item>
          )}
          <Form.Item
            name="name"
            label={t('admin.officers.name')}
            rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
          >
            <Input data-testid="officer-name-input" />
          </Form.Item>
          <Form.Item name="departmentId" label={t('admin.officers.department')} rules={[{ required: true, message: t('admin.required') }]}>
            <Select data-testid="officer-department" options={reference.data.departments.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
          <Form.Item name="unitId" label={t('admin.officers.unit')} rules={[{ required: true, message: t('admin.required') }]}>
            <Select data-testid="officer-unit" options={reference.data.units.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="role" label={t('admin.officers.role')} rules={[{ required: true, message: t('admin.required') }]}>
            <Select
              data-testid="officer-role"
              options={officerRoleSchema.options.map((role) => ({ value: role, label: t(`admin.role.${role}`) }))}
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={issued !== null}
        title={t('admin.officers.passwordTitle')}
        onCancel={() => setIssued(null)}
        footer={
          <Button type="primary" data-testid="temporary-password-done" onClick={() => setIssued(null)}>
            {t('admin.done')}
          </Button>
        }
      >
        {issued && (
          <>
            <Typography.Paragraph>
              {t('admin.officers.passwordText', { name: issued.officer.name, username: issued.officer.username })}
            </Typography.Paragraph>
            <Typography.Title level={3} copyable data-testid="temporary-password">
              {issued.temporaryPassword}
            </Typography.Title>
          </>
        )}
      </Modal>
    </>
  );
}
