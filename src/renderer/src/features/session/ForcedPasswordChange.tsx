// After an admin created the account or reset its password: nothing else until the officer chose their own password.
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from './ChangePasswordForm';
import { LanguageSwitch } from './LanguageSwitch';
import { SignOutButton } from './SignOutButton';

export function ForcedPasswordChange() {
  const { t } = useTranslation();
  return (
    <div className="login-page" data-testid="forced-password-change">
      <div className="login-language">
        <LanguageSwitch />
        <SignOutButton />
      </div>
      <Card className="login-card">
        <Typography.Title level={4}>{t('session.password.forcedTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('session.password.forcedIntro')}</Typography.Paragraph>
        <ChangePasswordForm />
      </Card>
    </div>
  );
}
