import 'dayjs/locale/zh-cn';
import type { Locale } from '@gongfu/domain';
import type { Locale as AntdLocale } from 'antd/es/locale';
import antdZhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhCN } from '../i18n/zh-cn';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';
export const LANGUAGE_STORAGE_KEY = 'gongfu.language';

/**
 * Chinese ships with the app; English is loaded when first chosen (most users never do, and the strings of both
 * languages would weigh on the login page every clerk loads on a phone).
 */
export const resources = {
  'zh-CN': { translation: zhCN },
} as const;

/** antd's own words (pagination, date pickers, empty lists) per language: English comes with English's strings. */
const antdLocales: Partial<Record<Language, AntdLocale>> = { 'zh-CN': antdZhCN };

const loaders: Partial<Record<Language, () => Promise<object>>> = {
  en: () =>
    Promise.all([import('../i18n/en'), import('antd/locale/en_US')]).then(([strings, antd]) => {
      antdLocales.en = antd.default;
      return strings.en;
    }),
};

/** antd's locale for a UI language: loaded with the language's strings, which the app awaits before showing it. */
export function antdLocaleOf(language: string): AntdLocale {
  return antdLocales[language as Language] ?? antdZhCN;
}

/** Makes a language's strings available (once); the default language always is. */
export async function loadLanguage(language: Language): Promise<void> {
  const load = loaders[language];
  if (!load || i18n.hasResourceBundle(language, 'translation')) return;
  i18n.addResourceBundle(language, 'translation', await load());
}

/** The features' strings (every page behind login), per language; the login page never loads them. */
const featureLoaders: Record<Language, () => Promise<object>> = {
  'zh-CN': () => import('../i18n/features.zh-cn').then((module) => module.featuresZhCN),
  en: () => import('../i18n/features.en').then((module) => module.featuresEn),
};
const featuresLoaded = new Set<Language>();
let featuresWanted = false;

/**
 * Adds the features' strings of a language (once) to its bundle. The authenticated layout awaits it before any page
 * renders; once asked for, a change of language loads them too.
 */
export async function loadFeatureStrings(language: Language = currentLanguage()): Promise<void> {
  featuresWanted = true;
  if (featuresLoaded.has(language)) return;
  // the language's own strings first: a bundle that exists is not loaded again, so it must not be the features' alone
  await loadLanguage(language);
  i18n.addResourceBundle(language, 'translation', await featureLoaders[language](), true, true);
  featuresLoaded.add(language);
}

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function readStoredLanguage(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

function applyDayjsLocale(language: Language): void {
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: readStoredLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
applyDayjsLocale(currentLanguage());

i18n.on('languageChanged', (lng) => {
  if (isLanguage(lng)) {
    applyDayjsLocale(lng);
    document.documentElement.lang = lng;
  }
});

/** The UI language: what the API is asked to answer in (Accept-Language). */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

export async function changeLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  if (featuresWanted) await loadFeatureStrings(language);
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // storage can be unavailable (private mode); the switch still applies to this tab
  }
  await i18n.changeLanguage(language);
}

/** The domain's locale of a UI language (its words, units and flag texts): English, or else Chinese. */
export function localeOf(language: string): Locale {
  return language === 'en' ? 'en' : 'zh-CN';
}
