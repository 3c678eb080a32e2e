import { useTranslation } from 'react-i18next';
import { formatBytes, formatDate, formatDateTime, formatMonth, formatNumber, formatPercent } from './format';

/** Formatting functions bound to the current language (see ./format). */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';
  return {
    language,
    date: (value: string | Date | undefined | null) => formatDate(value, language),
    dateTime: (value: string | Date | undefined | null) => formatDateTime(value, language),
    month: (value: string | Date) => formatMonth(value, language),
    percent: (fraction: number | undefined | null, digits = 0) => formatPercent(fraction, language, digits),
    number: (value: number | undefined | null, digits = 0) => formatNumber(value, language, digits),
    bytes: (bytes: number) => formatBytes(bytes, language),
  };
}
