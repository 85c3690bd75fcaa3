// The credit dossier of one enterprise, from local data only (works offline).
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { Breadcrumb, Result, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../state/sessionStore';
import { CreditProfile } from '../../components/CreditProfile';
import { DamagedProfileError } from '../../data/enterpriseDirectory';
import { useEnterprise, useReference } from '../../hooks/liveQueries';
import { PageNotFound } from '../../components/PageState';

export default function DossierPage() {
  const { t } = useTranslation();
  const { enterpriseId = '' } = useParams();
  const { db } = useSignedIn();
  const reference = useReference(db);
  // Suspends until the profile is read (the menu's Suspense, or the previous page during a route change).
  const enterprise = useEnterprise(db, enterpriseId);
  // The same element while the profile is unchanged: opening another dossier then draws the profile once (when it has
  // been read), not also once more with the previous profile as the route changes.
  const profile = useMemo(
    () =>
      enterprise &&
      !(enterprise instanceof DamagedProfileError) && (
        <CreditProfile enterprise={enterprise} departmentName={(id) => reference?.departments.get(id)?.name ?? id} expanded />
      ),
    [enterprise, reference],
  );

  if (enterprise === null) return <PageNotFound title={t('dossier.notLocal')} subTitle={<span className="mono">{enterpriseId}</span>} />;
  if (enterprise instanceof DamagedProfileError)
    return <Result status="error" title={t('dossier.damaged')} subTitle={enterprise.message} data-testid="dossier-damaged" />;
  return (
    <Space orientation="vertical" size="middle" className="task-page" data-testid="dossier" data-uscc={enterprise.uscc}>
      <Breadcrumb items={[{ title: <Link to="/">{t('dossier.tasks')}</Link> }, { title: t('dossier.title') }]} />
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="dossier-name">
        {enterprise.name}
      </Typography.Title>
      {profile}
    </Space>
  );
}
