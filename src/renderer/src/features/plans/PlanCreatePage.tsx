import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { districtName } from '@shared/domain/districts';
import { entityCategorySchema } from '@shared/domain/model';
import { samplingRatiosSchema } from '@shared/draw/schema';
import { todayInShanghai } from '../../lib/time';
import { getBridge } from '../../platform/bridge';
import { errorKind, errorMessage } from '../../platform/errors';
import { useSignedIn } from '../../state/sessionStore';
import { useCatalogue, useIndustries, useReference } from '../../hooks/liveQueries';
import { DEFAULT_SAMPLING_RATIOS, RISK_CLASSES, validatePlanForm, type PlanFormValues } from './planForm';
import { DrawEstimate, type DrawEstimateProps } from './DrawEstimate';

type FormValues = Omit<PlanFormValues, 'window'> & { window: [Dayjs, Dayjs] | null };

/** The estimate's inputs while the form holds a plan it can be made for (departments chosen, ratios and team size legal). */
function estimateInputsOf(values: Partial<FormValues> | undefined): DrawEstimateProps | null {
  if (!values?.departmentIds?.length || !values.samplingRatios || !values.teamSize) return null;
  const parsed = samplingRatiosSchema.safeParse(values.samplingRatios);
  if (!parsed.success) return null;
  return {
    request: {
      populationFilter: {
        districtCodes: values.districtCodes ?? [],
        industries: values.industries ?? [],
        entityCategories: values.entityCategories ?? [],
      },
      departmentIds: values.departmentIds,
    },
    samplingRatios: parsed.data,
    teamSize: values.teamSize,
    window: values.window?.[0] && values.window[1] ? [values.window[0].format('YYYY-MM-DD'), values.window[1].format('YYYY-MM-DD')] : null,
  };
}

export function PlanCreatePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { db, session } = useSignedIn();
  const reference = useReference(db);
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const departmentIds = Form.useWatch('departmentIds', form) ?? [];
  const estimateInputs = Form.useWatch((values: FormValues) => estimateInputsOf(values), form);
  const catalogue = useCatalogue(db);
  const industries = useIndustries(db) ?? [];
  const unitDistricts = reference?.units.get(session.officer.unitId)?.districtCodes ?? [];
  const today = dayjs(todayInShanghai());
  const ownDepartment = session.officer.departmentId;

  /** A department joining the plan starts with its whole catalogue chosen; the team grows to cover every department. */
  function onValuesChange(changed: Partial<FormValues>, all: FormValues) {
    if (!changed.departmentIds || !catalogue) return;
    for (const id of changed.departmentIds) {
      if (!all.checkItemIds?.[id]?.length)
        form.setFieldValue(
          ['checkItemIds', id],
          (catalogue.get(id) ?? []).map((i) => i.id),
        );
    }
    if (all.teamSize < changed.departmentIds.length) form.setFieldValue('teamSize', Math.max(2, changed.departmentIds.length));
  }

  async function submit(values: FormValues) {
    const checked = validatePlanForm({
      ...values,
      window:
        values.window?.[0] && values.window[1] ? [values.window[0].format('YYYY-MM-DD'), values.window[1].format('YYYY-MM-DD')] : null,
    });
    if (!checked.ok) {
      // Field paths come from the contract's issues at run time, so they cannot be checked against the form's type.
      form.setFields(checked.fields as Parameters<typeof form.setFields>[0]);
      return;
    }
    setSaving(true);
    try {
      const plan = await getBridge().call('plans.create', { body: checked.request });
      void message.success(t('plans.created'));
      void navigate(`/plans/${encodeURIComponent(plan.id)}`);
    } catch (error) {
      void message.error(errorKind(error) === 'network' ? t('plans.offline') : t('plans.createFailed', { message: errorMessage(error) }));
    } finally {
      setSaving(false);
    }
  }

  /** A population criterion: left empty, it admits every enterprise. */
  const anyOf = (
    name: 'districtCodes' | 'industries' | 'entityCategories',
    label: string,
    mode: 'multiple' | 'tags',
    testId: string,
    options: { value: string; label: string; title?: string }[],
  ) => (
    <Form.Item name={name} label={label}>
      <Select mode={mode} allowClear placeholder={t('plans.any')} data-testid={testId} options={options} />
    </Form.Item>
  );

  // The catalogue is read before the form mounts, so the own department starts with its items chosen.
  if (!reference || !catalogue) return <Card loading />;
  const initialValues: FormValues = {
    name: '',
    departmentIds: [ownDepartment],
    checkItemIds: { [ownDepartment]: (catalogue.get(ownDepartment) ?? []).map((i) => i.id) },
    districtCodes: [],
    industries: [],
    entityCategories: [],
    samplingRatios: DEFAULT_SAMPLING_RATIOS,
    window: [today, today.add(3, 'month')],
    teamSize: 2,
    seedSource: '',
  };

  return (
    <Card title={t('plans.create')} extra={<Link to="/plans">{t('plans.back')}</Link>}>
      <Typography.Paragraph type="secondary">{t('plans.onlineOnly')}</Typography.Paragraph>
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={onValuesChange}
        onFinish={(values) => void submit(values)}
        data-testid="plan-form"
        className="plan-form"
      >
        <Form.Item name="name" label={t('plans.name')} rules={[{ required: true, whitespace: true }]}>
          <Input placeholder={t('plans.namePlaceholder')} maxLength={200} data-testid="plan-name" />
        </Form.Item>
        <Form.Item name="departmentIds" label={t('plans.departments')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            data-testid="plan-departments"
            options={[...reference.departments.values()].map((d) => ({ value: d.id, label: d.name, title: d.name }))}
          />
        </Form.Item>
        {departmentIds.map((id) => {
          const items = catalogue.get(id) ?? [];
          const department = reference.departments.get(id)?.name ?? id;
          return (
            <Form.Item
              key={id}
              name={['checkItemIds', id]}
              label={t('plans.checkItems', { department })}
              extra={items.length === 0 ? t('plans.catalogueEmpty') : t('plans.checkItemsHint')}
              rules={[{ required: true }]}
            >
              <Select
                mode="multiple"
                data-testid={`plan-check-items-${id}`}
                optionFilterProp="label"
                options={items.map((i) => ({ value: i.id, label: `${i.code} ${i.title}`, title: i.legalBasis }))}
              />
            </Form.Item>
          );
        })}

        <Typography.Title level={5}>{t('plans.population')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('plans.populationHint')}</Typography.Paragraph>
        <Space wrap size="large" align="start" className="plan-population">
          {anyOf(
            'districtCodes',
            t('plans.districts'),
            'multiple',
            'plan-districts',
            unitDistricts.map((code) => ({ value: code, label: districtName(code) ?? code, title: districtName(code) ?? code })),
          )}
          {anyOf(
            'industries',
            t('plans.industries'),
            'tags',
            'plan-industries',
            industries.map((i) => ({ value: i, label: i })),
          )}
          {anyOf(
            'entityCategories',
            t('plans.entityCategories'),
            'multiple',
            'plan-entity-categories',
            entityCategorySchema.options.map((c) => ({ value: c, label: t(`plans.entityCategoryName.${c}`) })),
          )}
        </Space>

        <Typography.Title level={5}>{t('plans.ratios')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('plans.ratiosHint')}</Typography.Paragraph>
        <Space wrap size="large" align="start">
          {RISK_CLASSES.map((c) => (
            <Form.Item key={c} name={['samplingRatios', c]} label={c} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} step={1} precision={2} suffix="%" data-testid={`plan-ratio-${c}`} />
            </Form.Item>
          ))}
        </Space>

        <Space wrap size="large" align="start">
          <Form.Item name="window" label={t('plans.window')} rules={[{ required: true }]}>
            <DatePicker.RangePicker data-testid="plan-window" />
          </Form.Item>
          <Form.Item name="teamSize" label={t('plans.teamSize')} extra={t('plans.teamSizeHint')} rules={[{ required: true }]}>
            <InputNumber min={2} max={20} precision={0} data-testid="plan-team-size" />
          </Form.Item>
        </Space>
        <Form.Item
          name="seedSource"
          label={t('plans.seedSource')}
          extra={t('plans.seedSourceHint')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input placeholder={t('plans.seedSourcePlaceholder')} maxLength={500} data-testid="plan-seed-source" />
        </Form.Item>
        <Typography.Title level={5}>{t('plans.estimate.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('plans.estimate.hint')}</Typography.Paragraph>
        {estimateInputs && <DrawEstimate {...estimateInputs} editableCapacity />}
        <Button type="primary" htmlType="submit" loading={saving} data-testid="plan-submit">
          {t('plans.submit')}
        </Button>
      </Form>
    </Card>
  );
}
