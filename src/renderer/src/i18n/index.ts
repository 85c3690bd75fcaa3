import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from './languages';
import { resources } from './resources';

export function initI18n(language: Language): typeof i18n {
  void i18n.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false }, // React escapes already
    initAsync: false,
  });
  return i18n;
}

export { i18n };
export { LANGUAGES, type Language } from './languages';
