// Departments and their check-item catalogue: add and edit departments; add, edit and retire items (code, title, legal
// basis). Each change raises the department's catalogue version; open drafts follow it (new items appear, retired
// items leave them unless the inspector recorded a result), and inspectors are told at their next sync.
import { useState } from 'react';
import { Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CatalogueChange, CheckItemFields, DepartmentCatalogue, DepartmentFields } from '@shared/api/admin';
import { getBridge } from '../../platform/bridge';
import { RemoteState } from '../../components/RemoteState';
import { ADMIN_REMOTE_TEXTS } from './remoteTexts';
import { useAdminAction } from './useAdminAction';
import { useAdminReference } from './useAdminReference';

type Item = DepartmentCatalogue['checkItems'][number];
type Editing = { kind: 'department'; department?: DepartmentCatalogue } | { kind: 'item'; departmentId: string; item?: Item };

export function CataloguePage() {
  const { t } = useTranslation();
  const { remote, reload } = useAdminReference();
  const action = useAdminAction(reload);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [departmentForm] = Form.useForm<DepartmentFields>();
  const [itemForm] = Form.useForm<CheckItemFields>();
  if (remote.status !== 'ready') return <RemoteState feature="admin" texts={ADMIN_REMOTE_TEXTS} remote={remote} onRetry={reload} />;
  const { departments } = remote.data;
  const department = departments.find((d) => d.id === selected) ?? departments[0];

  const migrated = (change: CatalogueChange) =>
    t('admin.catalogue.saved', { version: change.department.catalogueVersion, count: change.sectionsMigrated });

  const open = (next: Editing) => {
    departmentForm.resetFields();
    itemForm.resetFields();
    if (next.kind === 'department' && next.department) departmentForm.setFieldsValue(next.department);
    if (next.kind === 'item' && next.item) itemForm.setFieldsValue(next.item);
    setEditing(next);
  };

  const saveDepartment = async (values: DepartmentFields) => {
    if (editing?.kind !== 'department') return;
    const existing = editing.department;
    const saved = await action.run(
      () =>
        existing
          ? getBridge().call('admin.departments.update', { params: { departmentId: existing.id }, body: values })
          : getBridge().call('admin.departments.create', { body: values }),
      t('admin.catalogue.departmentSaved'),
    );
    if (!saved) return;
    setSelected(saved.id);
    setEditing(null);
  };

  const saveItem = async (values: CheckItemFields) => {
    if (editing?.kind !== 'item') return;
    const { item, departmentId } = editing;
    const bridge = getBridge();
    const change = await action.run(
      () =>
        item
          ? bridge.call('admin.checkItems.update', { params: { checkItemId: item.id }, body: values })
          : bridge.call('admin.checkItems.create', { params: { departmentId }, body: values }),
      migrated,
    );
    if (change) setEditing(null);
  };

  const retire = (item: Item) =>
    action.run(() => getBridge().call('admin.checkItems.retire', { params: { checkItemId: item.id } }), migrated);

  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <Select
          style={{ minWidth: 260 }}
          data-testid="catalogue-department"
          value={department?.id}
          onChange={setSelected}
          options={departments.map((d) => ({ value: d.id, label: `${d.name} (${d.code})` }))}
        />
        {department && (
          <Typography.Text type="secondary" data-testid="catalogue-version">
            {t('admin.catalogue.version', { version: department.catalogueVersion })}
          </Typography.Text>
        )}
        {department && (
          <Button data-testid="department-edit" onClick={() => open({ kind: 'department', department })}>
            {t('admin.catalogue.editDepartment')}
          </Button>
        )}
        <Button data-testid="department-create" icon={<PlusOutlined />} onClick={() => open({ kind: 'department' })}>
          {t('admin.catalogue.createDepartment')}
        </Button>
        {department && (
          <Button
            type="primary"
            data-testid="item-create"
            icon={<PlusOutlined />}
            onClick={() => open({ kind: 'item', departmentId: department.id })}
          >
            {t('admin.catalogue.createItem')}
          </Button>
        )}
      </Space>
      <Table<Item>
        rowKey="id"
        data-testid="item-list"
        dataSource={department?.checkItems ?? []}
        pagination={false}
        onRow={(i) =>
          ({
            'data-testid': 'item-row',
            'data-code': i.code,
            'data-retired': i.retiredAt ? 'true' : 'false',
          }) as React.HTMLAttributes<HTMLTableRowElement>
        }
        columns={[
          { title: t('admin.catalogue.code'), dataIndex: 'code', key: 'code' },
          { title: t('admin.catalogue.title'), dataIndex: 'title', key: 'title' },
          { title: t('admin.catalogue.legalBasis'), dataIndex: 'legalBasis', key: 'legalBasis', responsive: ['lg'] },
          { title: t('admin.catalogue.itemVersion'), dataIndex: 'catalogueVersion', key: 'version', responsive: ['lg'] },
          {
            key: 'state',
            render: (_, i) =>
              i.retiredAt ? (
                <Tag color="default">{t('admin.catalogue.retired')}</Tag>
              ) : (
                <Tag color="green">{t('admin.catalogue.current')}</Tag>
              ),
          },
          {
            key: 'actions',
            render: (_, i) =>
              department && (
                <Space size={4}>
                  <Button size="small" data-testid="item-edit" onClick={() => open({ kind: 'item', departmentId: department.id, item: i })}>
                    {t('admin.edit')}
                  </Button>
                  {!i.retiredAt && (
                    <Popconfirm
                      title={t('admin.catalogue.retireConfirm', { title: i.title })}
                      onConfirm={() => void retire(i)}
                      okButtonProps={{ 'data-testid': 'item-retire-confirm' }}
                    >
                      <Button size="small" danger data-testid="item-retire">
                        {t('admin.catalogue.retire')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={editing?.kind === 'department'}
        title={t('admin.catalogue.departmentTitle')}
        okText={t('admin.save')}
        okButtonProps={{ 'data-testid': 'department-save', loading: action.busy }}
        onOk={() => departmentForm.submit()}
        onCancel={() => setEditing(null)}
      >
        <Form<DepartmentFields> form={departmentForm} layout="vertical" onFinish={(v) => void saveDepartment(v)}>
          <Form.Item
            name="code"
            label={t('admin.catalogue.departmentCode')}
            rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
          >
            <Input data-testid="department-code" />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('admin.catalogue.departmentName')}
            rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
          >
            <Input data-testid="department-name" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={editing?.kind === 'item'}
        title={t('admin.catalogue.itemTitle')}
        okText={t('admin.save')}
        okButtonProps={{ 'data-testid': 'item-save', loading: action.busy }}
        onOk={() => itemForm.submit()}
        onCancel={() => setEditing(null)}
      >
        <Form<CheckItemFields> form={itemForm} layout="vertical" onFinish={(v) => void saveItem(v)}>
          <Form.Item
            name="code"
            label={t('admin.catalogue.code')}
            rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
          >
            <Input data-testid="item-code" />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('admin.catalogue.title')}
            rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
          >
            <Input data-testid="item-title" />
          </Form.Item>
          <Form.Item
            name="legalBasis"
            label={t('admin.catalogue.legalBasis')}
            rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
          >
            <Input.TextArea data-testid="item-legal-basis" autoSize />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
