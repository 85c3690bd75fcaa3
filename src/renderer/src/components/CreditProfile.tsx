import type { HTMLAttributes } from 'react';
import { Card, Collapse, Descriptions, Empty, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { districtName } from '@shared/domain/districts';
import type { Enterprise } from '@shared/domain/model';
import { resultCategoryLabel } from '@shared/domain/resultCategories';
import { HoverTooltip } from './HoverTooltip';
import { RiskClassTag } from './RiskClassTag';
import { isDisputedPenalty } from '@shared/domain/directory';

/**
 * A tag as antd's Tag looks, in plain markup: a dossier holds dozens, and antd's Tag (a themed component with its
 * hooks) was a good part of the time it took to draw one.
 */
function Mark({ color = 'default', ...rest }: HTMLAttributes<HTMLSpanElement> & { color?: MarkColor }) {
  return <span className={`mark mark-${color}`} {...rest} />;
}
/** One field of the identity, laid out as antd's small Descriptions (three columns on a wide window, see styles.css). */
function Field({ label, wide = false, children }: { label: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <div className={wide ? 'field field-wide' : 'field'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

type MarkColor = 'default' | 'green' | 'red' | 'orange' | 'volcano' | 'blue' | 'black';

const yuan = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY', maximumFractionDigits: 0 });

/** The enterprise's credit profile as the officer needs it at the door: identity, internal risk class, lists and penalties. */
/** `expanded` opens every detail list (the dossier page); the task page keeps them folded. */
export function CreditProfile({
  enterprise,
  departmentName,
  expanded = false,
  extra,
}: {
  enterprise: Enterprise;
  departmentName: (id: string) => string;
  expanded?: boolean;
  extra?: React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'zh';
  const activeRed = enterprise.redList.filter((e) => e.removedOn === null);
  const activeBlack = enterprise.blackList.filter((e) => e.removedOn === null);
  const none = <span className="text-secondary">{t('components.profile.none')}</span>;

  /** The red or black listings still in force, one tag each. */
  const listings = (entries: { id: string; authority: string; reason: string; listedOn: string }[], color: MarkColor) =>
    entries.length === 0
      ? none
      : entries.map((e) => (
          <Mark key={e.id} color={color}>
            {e.authority}：{e.reason}（{e.listedOn}）
          </Mark>
        ));
  /**
   * A list of the profile with its count in the title; an empty one says so. Plain markup, not antd's List and Space:
   * a dossier holds dozens of entries, and their components took a good part of the time it took to draw it.
   */
  const listSection = <T extends { id: string }>(key: string, title: string, items: T[], renderItem: (item: T) => React.ReactNode) => ({
    key,
    label: `${title} (${items.length})`,
    children: items.length === 0 ? none : <ul className="profile-list">{items.map(renderItem)}</ul>,
  });
  const sections = [
    listSection('lighthouse', t('components.profile.lighthouseEvents'), enterprise.lighthouseEvents, (e) => (
      <li key={e.id} className="items" data-testid="lighthouse-event">
        <span className="mono">{e.date}</span>
        <Mark color={e.kind === 'add' ? 'green' : 'red'}>
          {e.kind === 'add' ? '+' : '−'}
          {e.points}
        </Mark>
        {e.reason}
      </li>
    )),
    listSection('penalties', t('components.profile.penalties'), enterprise.penalties, (p) => (
      <li key={p.id} data-testid="penalty" data-decision={p.decisionNumber}>
        <div className="items">
          <span className="mono">{p.decidedOn}</span>
          <strong>{p.authority}</strong>
          <span className="mono">{p.decisionNumber}</span>
          <Mark>{yuan.format(p.amountYuan)}</Mark>
          {p.repaired ? (
            <Mark color="green">{t('components.profile.repaired')}</Mark>
          ) : (
            <Mark>{t('components.profile.repairableFrom', { date: p.repairableFrom })}</Mark>
          )}
          {isDisputedPenalty(p) && (
            <HoverTooltip title={t('components.profile.disputedHint')}>
              <Mark color="orange" data-testid="penalty-disputed">
                {t('components.profile.disputed')}
              </Mark>
            </HoverTooltip>
          )}
        </div>
        <div className="text-secondary">
          {p.reason} · {t('components.profile.publicity', { months: p.publicityMonths, date: p.publicityEndsOn })}
        </div>
      </li>
    )),
    listSection('repairs', t('components.profile.repairs'), enterprise.creditRepairs, (r) => (
      <li key={r.id} className="items" data-testid="credit-repair">
        <Mark color={r.status === 'approved' ? 'green' : r.status === 'rejected' ? 'red' : 'blue'}>
          {t(`components.profile.repairStatus.${r.status}`)}
        </Mark>
        {t('components.profile.penaltyFor', {
          decision: enterprise.penalties.find((p) => p.id === r.penaltyId)?.decisionNumber ?? r.penaltyId,
        })}
        <span>{t('components.profile.repairApplied', { date: r.appliedOn })}</span>
        {r.decidedOn && <span>{t('components.profile.repairDecided', { date: r.decidedOn })}</span>}
      </li>
    )),
    listSection('past', t('components.profile.pastInspections'), enterprise.pastInspections, (p) => (
      <li key={p.id} className="items" data-testid="past-inspection" data-task-id={p.taskId ?? ''} data-result-category={p.resultCategory}>
        <span className="mono">{p.inspectedOn}</span>
        {p.planName}
        <Mark>{departmentName(p.departmentId)}</Mark>
        {resultCategoryLabel(p.resultCategory, language)}
      </li>
    )),
  ];

  return (
    <Card title={t('components.profile.title')} extra={extra} className="page-card credit-profile" data-testid="credit-profile">
      <div className="profile-top">
        <dl className="profile-identity">
          <Field label={t('components.profile.uscc')}>
            <span className="mono">{enterprise.uscc}</span>
          </Field>
          <Field label={t('components.profile.legalRepresentative')}>{enterprise.legalRepresentative}</Field>
          <Field label={t('components.profile.entityCategory')}>
            {t(`components.profile.entityCategoryName.${enterprise.entityCategory}`)}
          </Field>
          <Field label={t('components.profile.district')}>{districtName(enterprise.districtCode) ?? enterprise.districtCode}</Field>
          <Field label={t('components.profile.industry')}>{enterprise.industry}</Field>
          <Field label={t('components.profile.establishedOn')}>{enterprise.establishedOn}</Field>
          <Field label={t('components.profile.registeredCapital')}>{yuan.format(enterprise.registeredCapitalYuan)}</Field>
          <Field label={t('components.profile.address')} wide>
            {enterprise.address}
          </Field>
        </dl>
        <Space size="large" className="profile-scores" align="start">
          <div>
            <div className="stat-title">{t('components.profile.lighthouseScore')}</div>
            <div className="stat-value">{enterprise.lighthouseScore}</div>
          </div>
          <div>
            <div className="stat-title">{t('components.profile.riskClass')}</div>
            <RiskClassTag riskClass={enterprise.riskClass} />
            <Typography.Paragraph type="secondary" className="risk-internal-note">
              {t('components.profile.riskInternal')}
            </Typography.Paragraph>
          </div>
        </Space>
      </div>
      <Descriptions size="small" column={1} bordered className="profile-lists" data-testid="credit-lists">
        <Descriptions.Item label={t('components.profile.redList')}>{listings(activeRed, 'red')}</Descriptions.Item>
        <Descriptions.Item label={t('components.profile.blackList')}>{listings(activeBlack, 'black')}</Descriptions.Item>
        <Descriptions.Item label={t('components.profile.dishonestDebtors')}>
          {enterprise.dishonestDebtors.length === 0
            ? none
            : enterprise.dishonestDebtors.map((d) => (
                <div key={d.id}>
                  <Mark color="volcano">{d.court}</Mark>
                  <span className="mono">{d.caseNumber}</span> · {d.obligation} · {d.listedOn} → {d.expiresOn}
                </div>
              ))}
        </Descriptions.Item>
      </Descriptions>
      {enterprise.lighthouseEvents.length +
        enterprise.penalties.length +
        enterprise.creditRepairs.length +
        enterprise.pastInspections.length >
      0 ? (
        <Collapse
          size="small"
          items={sections}
          className="profile-details"
          defaultActiveKey={expanded ? sections.map((x) => x.key) : undefined}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('components.profile.none')} />
      )}
    </Card>
  );
}
