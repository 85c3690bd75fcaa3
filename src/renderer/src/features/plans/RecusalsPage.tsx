// The recusal registry (回避名单) of the supervisor's unit: an officer with a conflict of interest in an enterprise is
// never drawn onto its team while the recusal is in force (Administrative Penalty Law art. 43). The registry lives on
// the endpoint, which the draw reads, so this page needs the network; names come from the device's own data.
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Officer, Recusal } from '@shared/domain/model';
import { validateUscc } from '@shared/domain/uscc';
import { todayInShanghai } from '../../lib/time';
import { getBridge } from '../../platform/bridge';
import { errorKind, errorMessage } from '../../platform/errors';
import { useSignedIn } from '../../state/sessionStore';
import { useEnterpriseNames, useReference, useUnitOfficers } from '../../hooks/liveQueries';
import { canEndEarly, defaultEndDate, normalizeUscc, recusalState, validateRecusalForm, type RecusalFormValues } from './recusalForm';
import { OnlineOnly, RemoteState, type RemoteTexts } from '../../components/RemoteState';
import { useRemote } from '../../hooks/useRemote';

const DATE = 'YYYY-MM-DD';
const STATE_COLORS = { upcoming: 'blue', in_force: 'green', ended: 'default' } as const;

const REMOTE_TEXTS: RemoteTexts = { offline: 'plans.recusals.offline', forbidden: 'plans.recusals.forbidden' };

const loadRecusals = async () => (await getBridge().call('recusals.list')).recusals;

export function RecusalsPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('plans.recusals.title')} extra={<Link to="/plans">{t('plans.back')}</Link>} data-testid="recusals-page">
      <Typography.Paragraph type="secondary">
        {t('plans.recusals.intro')} {t('plans.recusals.onlineOnly')}
      </Typography.Paragraph>
      <OnlineOnly feature="recusals" texts={REMOTE_TEXTS}>
        <RecusalRegistry />
      </OnlineOnly>
    </Card>
  );
}

function RecusalRegistry() {
  const { t } = useTranslation();
  const { db, session } = useSignedIn();
  const { remote, reload } = useRemote(useCallback(loadRecusals, []));
  const officers = useUnitOfficers(db, session.officer.unitId);
  const names = useEnterpriseNames(db, remote.status === 'ready' ? remote.data.map((r) => r.enterpriseId) : []);
  const [ending, setEnding] = useState<Recusal | null>(null);
  const today = todayInShanghai();

  if (remote.status !== 'ready') return <RemoteState feature="recusals" texts={REMOTE_TEXTS} remote={remote} onRetry={reload} />;
  const officerName = (id: string) => officers?.find((o) => o.id === id)?.name ?? id;

  const columns: ColumnsType<Recusal> = [
    {
      title: t('plans.recusals.officer'),
      key: 'officer',
      render: (_, r) => <span data-testid="recusal-officer-name">{officerName(r.officerId)}</span>,
    },
    {
      title: t('plans.recusals.enterprise'),
      key: 'enterprise',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span data-testid="recusal-enterprise-name">{names.get(r.enterpriseId) ?? t('plans.recusals.enterpriseUnknown')}</span>
          <Typography.Text type="secondary">{r.enterpriseId}</Typography.Text>
        </Space>
      ),
    },
    { title: t('plans.recusals.reason'), key: 'reason', dataIndex: 'reason' },
    {
      title: t('plans.recusals.period'),
      key: 'period',
      render: (_, r) => <span data-testid="recusal-period">{`${r.validFrom} – ${r.validTo ?? t('plans.recusals.openEnded')}`}</span>,
    },
    {
      title: t('plans.recusals.state'),
      key: 'state',
      render: (_, r) => {
        const state = recusalState(r, today);
        return (
          <Tag color={STATE_COLORS[state]} data-testid="recusal-state">
            {t(`plans.recusals.states.${state}`)}
          </Tag>
        );
      },
    },
    {
      key: 'actions',
      render: (_, r) =>
        canEndEarly(r, today) && (
          <Button size="small" onClick={() => setEnding(r)} data-testid="recusal-end">
            {t('plans.recusals.end')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <Table
        rowKey="id"
        data-testid="recusal-list"
        columns={columns}
        dataSource={remote.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('plans.recusals.empty')} /> }}
        onRow={(r) =>
          ({
            'data-testid': 'recusal-row',
            'data-recusal-id': r.id,
            'data-officer-id': r.officerId,
            'data-enterprise-id': r.enterpriseId,
            'data-valid-to': r.validTo ?? '',
            'data-state': recusalState(r, today),
          }) as React.HTMLAttributes<HTMLTableRowElement>
        }
      />
      <RecusalForm officers={officers ?? []} today={today} onCreated={reload} />
      {ending && (
        <EndRecusalDialog
          recusal={ending}
          officer={officerName(ending.officerId)}
          enterprise={names.get(ending.enterpriseId) ?? ending.enterpriseId}
          today={today}
          onClose={() => setEnding(null)}
          onEnded={reload}
        />
      )}
    </>
  );
}

type FormValues = Omit<RecusalFormValues, 'validFrom' | 'validTo'> & { validFrom: Dayjs | null; validTo: Dayjs | null };

function RecusalForm({ officers, today, onCreated }: { officers: Officer[]; today: string; onCreated: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { db } = useSignedIn();
  const reference = useReference(db);
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const uscc = normalizeUscc(Form.useWatch('uscc', form) ?? '');
  const valid = validateUscc(uscc).ok;
  const name = useEnterpriseNames(db, valid ? [uscc] : []).get(uscc);

  async function submit(values: FormValues) {
    const checked = validateRecusalForm({
      ...values,
      validFrom: values.validFrom?.format(DATE) ?? null,
      validTo: values.validTo?.format(DATE) ?? null,
    });
    if (!checked.ok) {
      form.setFields(checked.fields as Parameters<typeof form.setFields>[0]);
      return;
    }
    setSaving(true);
    try {
      await getBridge().call('recusals.create', { body: checked.request });
      void message.success(t('plans.recusals.created'));
      form.resetFields();
      onCreated();
    } catch (error) {
      // The form keeps what was typed, so nothing is lost when the endpoint refuses or cannot be reached.
      void message.error(
        errorKind(error) === 'network' ? t('plans.recusals.offline') : t('plans.recusals.createFailed', { message: errorMessage(error) }),
      );
    } finally {
      setSaving(false);
    }
  }

  const usccRule = {
    validator: async (_: unknown, value: string | undefined) => {
      const code = normalizeUscc(value ?? '');
      const check = validateUscc(code);
      if (check.ok) return;
      const reason = t(`common.usccReasons.${check.reason}`, {
        length: code.length,
        position: check.position,
        expected: check.expected,
      });
      throw new Error(t('plans.recusals.usccInvalid', { reason }));
    },
  };

  return (
    <Card type="inner" title={t('plans.recusals.add')} className="recusal-form">
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ uscc: '', reason: '', validFrom: dayjs(today), validTo: null }}
        onFinish={(values) => void submit(values)}
        data-testid="recusal-form"
      >
        <Space wrap size="large" align="start">
          <Form.Item
            name="officerId"
            label={t('plans.recusals.officer')}
            rules={[{ required: true, message: t('plans.recusals.officerRequired') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              placeholder={t('plans.recusals.officerPlaceholder')}
              data-testid="recusal-officer"
              options={officers.map((o) => {
                const label = `${o.name}（${reference?.departments.get(o.departmentId)?.name ?? o.departmentId}）`;
                return { value: o.id, label, title: label };
              })}
            />
          </Form.Item>
          <Form.Item
            name="uscc"
            label={t('plans.recusals.uscc')}
            validateTrigger="onBlur"
            rules={[usccRule]}
            extra={valid && <span data-testid="recusal-enterprise-found">{name ?? t('plans.recusals.enterpriseUnknown')}</span>}
          >
            <Input placeholder={t('plans.recusals.usccPlaceholder')} maxLength={24} className="recusal-uscc" data-testid="recusal-uscc" />
          </Form.Item>
        </Space>
        <Form.Item
          name="reason"
          label={t('plans.recusals.reason')}
          rules={[{ required: true, whitespace: true, message: t('plans.recusals.reasonRequired') }]}
        >
          <Input.TextArea
            placeholder={t('plans.recusals.reasonPlaceholder')}
            maxLength={500}
            autoSize={{ minRows: 2 }}
            data-testid="recusal-reason"
          />
        </Form.Item>
        <Space wrap size="large" align="start">
          <Form.Item
            name="validFrom"
            label={t('plans.recusals.validFrom')}
            rules={[{ required: true, message: t('plans.recusals.validFromRequired') }]}
          >
            <DatePicker data-testid="recusal-valid-from" />
          </Form.Item>
          <Form.Item name="validTo" label={t('plans.recusals.validTo')} extra={t('plans.recusals.validToHint')}>
            <DatePicker allowClear data-testid="recusal-valid-to" />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="recusal-submit">
          {t('plans.recusals.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function EndRecusalDialog({
  recusal,
  officer,
  enterprise,
  today,
  onClose,
  onEnded,
}: {
  recusal: Recusal;
  officer: string;
  enterprise: string;
  today: string;
  onClose: () => void;
  onEnded: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [date, setDate] = useState<Dayjs | null>(dayjs(defaultEndDate(recusal, today)));
  const [ending, setEnding] = useState(false);
  const validTo = date?.format(DATE) ?? null;
  // Not before its start, and earlier than its current end: ending early never extends a recusal.
  const outside = (d: Dayjs) => d.format(DATE) < recusal.validFrom || (recusal.validTo !== null && d.format(DATE) >= recusal.validTo);

  async function end() {
    if (!validTo) return;
    setEnding(true);
    try {
      await getBridge().call('recusals.end', { params: { recusalId: recusal.id }, body: { validTo } });
      void message.success(t('plans.recusals.ended', { date: validTo }));
      onClose();
      onEnded();
    } catch (error) {
      void message.error(
        errorKind(error) === 'network' ? t('plans.recusals.offline') : t('plans.recusals.endFailed', { message: errorMessage(error) }),
      );
    } finally {
      setEnding(false);
    }
  }

  return (
    <Modal
      open
      title={t('plans.recusals.endTitle')}
      onCancel={onClose}
      footer={
        <Space>
          <Button disabled={ending} onClick={onClose} data-testid="recusal-end-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="primary" danger loading={ending} disabled={!validTo} onClick={() => void end()} data-testid="recusal-end-confirm">
            {t('plans.recusals.confirmEnd')}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <span>{t('plans.recusals.endDate')}</span>
        <DatePicker value={date} onChange={setDate} disabledDate={outside} allowClear={false} data-testid="recusal-end-date" />
        {validTo && (
          <Typography.Paragraph data-testid="recusal-end-text">
            {t('plans.recusals.endText', { officer, enterprise, date: validTo })}
          </Typography.Paragraph>
        )}
      </Space>
    </Modal>
  );
}
