// What a page shows before, or instead of, its record from the local database.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Card, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';

/** The record is still being read. */
export function PageLoading() {
  return (
    <Card className="page-card">
      <Skeleton active />
    </Card>
  );
}

/** Nothing to show here (not on this machine, or no such page), with the way back to the tasks. */
export function PageNotFound({ title, subTitle }: { title: string; subTitle?: ReactNode }) {
  const { t } = useTranslation();
  return <Result status="404" title={title} subTitle={subTitle} extra={<Link to="/">{t('common.backToTasks')}</Link>} />;
}
