import { Card, Collapse, Descriptions, Empty, List, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { districtName } from '@shared/domain/districts';
import type { Enterprise } from '@shared/domain/model';
import { resultCategoryLabel } from '@shared/domain/resultCategories';
import { RiskClassTag } from '../../components/RiskClassTag';

const yuan = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY', maximumFractionDigits: 0 });

/** The enterprise's credit profile as the officer needs it at the door: identity, internal risk class, lists and penalties. */
export function CreditProfile({ enterprise, departmentName }: { enterprise: Enterprise; departmentName: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'zh';
  const activeRed = enterprise.redList.filter((e) => e.removedOn === null);
  const activeBlack = enterprise.blackList.filter((e) => e.removedOn === null);
  const none = <Typography.Text type="secondary">{t('inspection.none')}</Typography.Text>;

  const sections = [
    {
      key: 'lighthouse',
      label: `${t('inspection.lighthouseEvents')} (${enterprise.lighthouseEvents.length})`,
      children: enterprise.lighthouseEvents.length === 0 ? none : (
        <List size="small" dataSource={enterprise.lighthouseEvents} renderItem={(e) => (
          <List.Item>
            <Space><span className="mono">{e.date}</span><Tag color={e.kind === 'add' ? 'green' : 'red'}>{e.kind === 'add' ? '+' : '−'}{e.points}</Tag>{e.reason}</Space>
          </List.Item>
        )} />
      ),
    },
    {
      key: 'penalties',
      label: `${t('inspection.penalties')} (${enterprise.penalties.length})`,
      children: enterprise.penalties.length === 0 ? none : (
        <List size="small" dataSource={enterprise.penalties} renderItem={(p) => (
          <List.Item>
            <Space orientation="vertical" size={0}>
              <Space wrap>
                <span className="mono">{p.decidedOn}</span>
                <Typography.Text strong>{p.authority}</Typography.Text>
                <span className="mono">{p.decisionNumber}</span>
                <Tag>{yuan.format(p.amountYuan)}</Tag>
                {p.repaired && <Tag color="green">{t('inspection.repaired')}</Tag>}
                {p.amountYuan > 1_000_000 && p.confirmations < 2 && <Tag color="orange">{t('inspection.unconfirmed')}</Tag>}
              </Space>
              <Typography.Text type="secondary">{p.reason} · {t('inspection.publicityUntil', { date: p.publicityEndsOn })}</Typography.Text>
            </Space>
          </List.Item>
        )} />
      ),
    },
    {
      key: 'past',
      label: `${t('inspection.pastInspections')} (${enterprise.pastInspections.length})`,
      children: enterprise.pastInspections.length === 0 ? none : (
        <List size="small" dataSource={enterprise.pastInspections} renderItem={(p) => (
          <List.Item>
            <Space wrap><span className="mono">{p.inspectedOn}</span>{p.planName}<Tag>{departmentName(p.departmentId)}</Tag>{resultCategoryLabel(p.resultCategory, language)}</Space>
          </List.Item>
        )} />
      ),
    },
  ];

  return (
    <Card title={t('inspection.profile')} className="page-card credit-profile" data-testid="credit-profile">
      <div className="profile-top">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} className="profile-identity">
          <Descriptions.Item label={t('tasks.uscc')}><span className="mono">{enterprise.uscc}</span></Descriptions.Item>
          <Descriptions.Item label={t('inspection.legalRepresentative')}>{enterprise.legalRepresentative}</Descriptions.Item>
          <Descriptions.Item label={t('inspection.entityCategory')}>{t(`entityCategory.${enterprise.entityCategory}`)}</Descriptions.Item>
          <Descriptions.Item label={t('tasks.district')}>{districtName(enterprise.districtCode) ?? enterprise.districtCode}</Descriptions.Item>
          <Descriptions.Item label={t('inspection.industry')}>{enterprise.industry}</Descriptions.Item>
          <Descriptions.Item label={t('inspection.establishedOn')}>{enterprise.establishedOn}</Descriptions.Item>
          <Descriptions.Item label={t('inspection.registeredCapital')}>{yuan.format(enterprise.registeredCapitalYuan)}</Descriptions.Item>
          <Descriptions.Item label={t('inspection.address')} span={2}>{enterprise.address}</Descriptions.Item>
        </Descriptions>
        <Space size="large" className="profile-scores" align="start">
          <Statistic title={t('inspection.lighthouseScore')} value={enterprise.lighthouseScore} />
          <div>
            <div className="stat-title">{t('tasks.riskClass')}</div>
            <RiskClassTag riskClass={enterprise.riskClass} />
          </div>
        </Space>
      </div>
      <Descriptions size="small" column={1} bordered className="profile-lists">
        <Descriptions.Item label={t('inspection.redList')}>
          {activeRed.length === 0 ? none : activeRed.map((e) => <Tag key={e.id} color="red">{e.authority}：{e.reason}（{e.listedOn}）</Tag>)}
        </Descriptions.Item>
        <Descriptions.Item label={t('inspection.blackList')}>
          {activeBlack.length === 0 ? none : activeBlack.map((e) => <Tag key={e.id} color="black">{e.authority}：{e.reason}（{e.listedOn}）</Tag>)}
        </Descriptions.Item>
        <Descriptions.Item label={t('inspection.dishonestDebtors')}>
          {enterprise.dishonestDebtors.length === 0 ? none : enterprise.dishonestDebtors.map((d) => (
            <div key={d.id}>
              <Tag color="volcano">{d.court}</Tag>
              <span className="mono">{d.caseNumber}</span> · {d.obligation} · {d.listedOn} → {d.expiresOn}
            </div>
          ))}
        </Descriptions.Item>
      </Descriptions>
      {enterprise.lighthouseEvents.length + enterprise.penalties.length + enterprise.pastInspections.length > 0
        ? <Collapse size="small" items={sections} className="profile-details" />
        : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inspection.none')} />}
    </Card>
  );
}
