import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('skillcert.language');

/** i18next set up zh-CN first, English as the toggle; the choice persists in localStorage. */
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: stored ?? 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

/** Switches between zh-CN and English and remembers the choice. */
export function toggleLanguage(): void {
  const next = i18n.language === 'en' ? 'zh-CN' : 'en';
  localStorage.setItem('skillcert.language', next);
  void i18n.changeLanguage(next);
}

export default i18n;
