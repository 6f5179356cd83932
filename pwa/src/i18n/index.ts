import { createI18n } from 'vue-i18n'
import { Locale } from 'vant'
import vantZh from 'vant/es/locale/lang/zh-CN'
import zh from './zh-CN'

export type Lang = 'zh-CN' | 'en-US'

const saved = (typeof localStorage !== 'undefined' && localStorage.getItem('lang')) as Lang | null
const initial: Lang = saved === 'en-US' ? 'en-US' : 'zh-CN'

// Chinese is built in; English (the app's and Vant's) is downloaded when first asked for, so
// that the first load of a Chinese phone does not carry it.
export const i18n = createI18n({ legacy: false, locale: 'zh-CN', fallbackLocale: 'zh-CN', messages: { 'zh-CN': zh } as Record<Lang, typeof zh> })
let english: Promise<typeof vantZh> | undefined
function loadEnglish() {
  english ??= Promise.all([import('./en-US'), import('vant/es/locale/lang/en-US')]).then(([en, vantEn]) => {
    i18n.global.setLocaleMessage('en-US', en.default as unknown as typeof zh)
    return vantEn.default
  })
  return english
}

/** setLang switches the app's and Vant's language (once its messages are loaded) and remembers the choice. */
export async function setLang(lang: Lang) {
  const vant = lang === 'en-US' ? await loadEnglish() : vantZh
  i18n.global.locale.value = lang
  Locale.use(lang, vant)
  document.documentElement.lang = lang
  localStorage.setItem('lang', lang)
}

/** ready resolves once the saved language is in place (main.ts mounts the app then). */
export const ready: Promise<void> = typeof document === 'undefined' ? Promise.resolve() : setLang(initial)
