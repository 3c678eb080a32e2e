import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

/** Languages offered: Simplified Chinese first (default), English as the toggle. */
export const languages = ['zh-CN', 'en'] as const;

const storageKey = 'skillcert.language';
const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey);

function applyDocumentLanguage(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/** i18next set up zh-CN first, English as the toggle; the choice persists in localStorage. */
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: stored === 'en' ? 'en' : 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});
applyDocumentLanguage(i18n.language);
i18n.on('languageChanged', applyDocumentLanguage);

/** Switches between zh-CN and English, remembers the choice and sets `<html lang>`. */
export function toggleLanguage(): void {
  const next = i18n.language === 'en' ? 'zh-CN' : 'en';
  localStorage.setItem(storageKey, next);
  void i18n.changeLanguage(next);
}

export default i18n;
