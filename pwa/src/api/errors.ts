// errorText turns a failure into words for the user, in the current language.
import { i18n } from '../i18n'
import { ApiError } from './session'

/** Codes whose server message is specific enough to show as it is (a field, a row, a state). */
const SPECIFIC = new Set(['BAD_USER_INPUT', 'CONFLICT', 'NOT_FOUND'])

export function errorText(e: unknown): string {
  const t = i18n.global.t
  if (e instanceof ApiError) {
    if (SPECIFIC.has(e.code) && e.message) return e.message
    const key = `errors.${e.code}`
    return i18n.global.te(key) ? t(key) : t('errors.INTERNAL')
  }
  return t('errors.NETWORK')
}
