/** vue-i18n set-up: zh-CN first, English second; the choice is remembered per browser. */
import { createI18n } from 'vue-i18n';
import zhCN from './locales/zh-CN.json';
import en from './locales/en.json';
import { readString, STORAGE_KEYS, writeString } from './lib/storage';

export type MessageSchema = typeof zhCN;
export const LOCALES = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof LOCALES)[number];

function initialLocale(): AppLocale {
  const saved = readString(STORAGE_KEYS.locale);
  return (LOCALES as readonly string[]).includes(saved ?? '') ? (saved as AppLocale) : 'zh-CN';
}

export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});

export function currentLocale(): AppLocale {
  return i18n.global.locale.value;
}

export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale;
  writeString(STORAGE_KEYS.locale, locale);
  document.documentElement.lang = locale;
}

export function applyDocumentLocale(): void {
  document.documentElement.lang = currentLocale();
}
