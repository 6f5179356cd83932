// A sheet's backdrop closes it when tapped, so Vant gives it role="button":
// this is its name ("关闭"), for screen readers (axe's aria-command-name).
// Vant passes unknown overlay props on to the backdrop's element as attributes.
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import type { OverlayProps } from 'vant'

export function useOverlayName() {
  const { t } = useI18n()
  return computed(() => ({ 'aria-label': t('app.closeSheet') }) as unknown as Partial<OverlayProps>)
}
