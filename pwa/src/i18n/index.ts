import { createI18n } from 'vue-i18n'
import { Locale } from 'vant'
import vantZh from 'vant/es/locale/lang/zh-CN'
import vantEn from 'vant/es/locale/lang/en-US'
import zh from './zh-CN'
import en from './en-US'

export type Lang = 'zh-CN' | 'en-US'

const saved = (typeof localStorage !== 'undefined' && localStorage.getItem('lang')) as Lang | null
const initial: Lang = saved === 'en-US' ? 'en-US' : 'zh-CN'

export const i18n = createI18n({ legacy: false, locale: initial, fallbackLocale: 'zh-CN', messages: { 'zh-CN': zh, 'en-US': en } })

/** setLang switches the app's and Vant's language and remembers the choice. */
export function setLang(lang: Lang) {
  i18n.global.locale.value = lang
  Locale.use(lang, lang === 'zh-CN' ? vantZh : vantEn)
  document.documentElement.lang = lang
  localStorage.setItem('lang', lang)
}

setLang(initial)
