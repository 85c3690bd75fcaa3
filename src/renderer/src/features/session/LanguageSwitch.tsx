import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from '../../state/sessionStore';

/** Toggles between Chinese (default) and English; shows the language it switches to. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useSessionStore((s) => s.language);
  const setLanguage = useSessionStore((s) => s.setLanguage);
  const next = language === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <Button
      data-testid="language-switch"
      data-language={language}
      type="text"
      icon={<GlobalOutlined />}
      onClick={() => setLanguage(next)}
      aria-label={t('session.language.label')}
    >
      {t(`session.language.${next}`)}
    </Button>
  );
}
