// Vant's tab as the screens use it (registered as <van-tab> in src/vant-screens.ts): a tab without
// content (the tabs used as a filter above a list) still renders its empty panel, so that the tab's
// aria-controls points at an element (Vant renders no panel then, leaving the reference dangling).
import { defineComponent, h } from 'vue'
import { Tab } from 'vant'

export default defineComponent({
  name: 'AppTab',
  inheritAttrs: false,
  setup(_, { attrs, slots }) {
    return () => h(Tab, attrs, { ...slots, default: slots.default ?? (() => []) })
  },
})
