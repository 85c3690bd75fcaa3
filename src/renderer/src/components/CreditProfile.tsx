import { Card, Collapse, Descriptions, Empty, List, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { districtName } from '@shared/domain/districts';
import type { Enterprise } from '@shared/domain/model';
import { resultCategoryLabel } from '@shared/domain/resultCategories';
import { RiskClassTag } from './RiskClassTag';
import { isDisputedPenalty } from '@shared/domain/directory';

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
  const none = <Typography.Text type="secondary">{t('components.profile.none')}</Typography.Text>;

  /** The red or black listings still in force, one tag each. */
  const listings = (entries: { id: string; authority: string; reason: string; listedOn: string }[], color: string) =>
    entries.length === 0
      ? none
      : entries.map((e) => (
          <Tag key={e.id} color={color}>
            {e.authority}：{e.reason}（{e.listedOn}）
          </Tag>
        ));
  /** A list of the profile with its count in the title; an empty one says so. */
  const listSection = <T,>(key: string, title: string, items: T[], renderItem: (item: T) => React.ReactNode) => ({
    key,
    label: `${title} (${items.length})`,
    children: items.length === 0 ? none : <List size="small" dataSource={items} renderItem={renderItem} />,
  });
  const sections = [
    listSection('lighthouse', t('components.profile.lighthouseEvents'), enterprise.lighthouseEvents, (e) => (
      <List.Item data-testid="lighthouse-event">
        <Space>
          <span className="mono">{e.date}</span>
          <Tag color={e.kind === 'add' ? 'green' : 'red'}>
            {e.kind === 'add' ? '+' : '−'}
            {e.points}
          </Tag>
          {e.reason}
        </Space>
      </List.Item>
    )),
    listSection('penalties', t('components.profile.penalties'), enterprise.penalties, (p) => (
      <List.Item data-testid="penalty" data-decision={p.decisionNumber}>
        <Space orientation="vertical" size={0}>
          <Space wrap>
            <span className="mono">{p.decidedOn}</span>
            <Typography.Text strong>{p.authority}</Typography.Text>
            <span className="mono">{p.decisionNumber}</span>
            <Tag>{yuan.format(p.amountYuan)}</Tag>
            {p.repaired ? (
              <Tag color="green">{t('components.profile.repaired')}</Tag>
            ) : (
              <Tag>{t('components.profile.repairableFrom', { date: p.repairableFrom })}</Tag>
            )}
            {isDisputedPenalty(p) && (
              <Tooltip title={t('components.profile.disputedHint')}>
                <Tag color="orange" data-testid="penalty-disputed">
                  {t('components.profile.disputed')}
                </Tag>
              </Tooltip>
            )}
          </Space>
          <Typography.Text type="secondary">
            {p.reason} · {t('components.profile.publicity', { months: p.publicityMonths, date: p.publicityEndsOn })}
          </Typography.Text>
        </Space>
      </List.Item>
    )),
    listSection('repairs', t('components.profile.repairs'), enterprise.creditRepairs, (r) => (
      <List.Item data-testid="credit-repair">
        <Space wrap>
          <Tag color={r.status === 'approved' ? 'green' : r.status === 'rejected' ? 'red' : 'processing'}>
            {t(`components.profile.repairStatus.${r.status}`)}
          </Tag>
          {t('components.profile.penaltyFor', {
            decision: enterprise.penalties.find((p) => p.id === r.penaltyId)?.decisionNumber ?? r.penaltyId,
          })}
          <span>{t('components.profile.repairApplied', { date: r.appliedOn })}</span>
          {r.decidedOn && <span>{t('components.profile.repairDecided', { date: r.decidedOn })}</span>}
        </Space>
      </List.Item>
    )),
    listSection('past', t('components.profile.pastInspections'), enterprise.pastInspections, (p) => (
      <List.Item data-testid="past-inspection" data-task-id={p.taskId ?? ''} data-result-category={p.resultCategory}>
        <Space wrap>
          <span className="mono">{p.inspectedOn}</span>
          {p.planName}
          <Tag>{departmentName(p.departmentId)}</Tag>
          {resultCategoryLabel(p.resultCategory, language)}
        </Space>
      </List.Item>
    )),
  ];

  return (
    <Card title={t('components.profile.title')} extra={extra} className="page-card credit-profile" data-testid="credit-profile">
      <div className="profile-top">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} className="profile-identity">
          <Descriptions.Item label={t('components.profile.uscc')}>
            <span className="mono">{enterprise.uscc}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('components.profile.legalRepresentative')}>{enterprise.legalRepresentative}</Descriptions.Item>
          <Descriptions.Item label={t('components.profile.entityCategory')}>
            {t(`components.profile.entityCategoryName.${enterprise.entityCategory}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('components.profile.district')}>
            {districtName(enterprise.districtCode) ?? enterprise.districtCode}
          </Descriptions.Item>
          <Descriptions.Item label={t('components.profile.industry')}>{enterprise.industry}</Descriptions.Item>
          <Descriptions.Item label={t('components.profile.establishedOn')}>{enterprise.establishedOn}</Descriptions.Item>
          <Descriptions.Item label={t('components.profile.registeredCapital')}>
            {yuan.format(enterprise.registeredCapitalYuan)}
          </Descriptions.Item>
          <Descriptions.Item label={t('components.profile.address')} span={2}>
            {enterprise.address}
          </Descriptions.Item>
        </Descriptions>
        <Space size="large" className="profile-scores" align="start">
          <Statistic title={t('components.profile.lighthouseScore')} value={enterprise.lighthouseScore} />
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
                  <Tag color="volcano">{d.court}</Tag>
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
