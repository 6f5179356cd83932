// Vant's nav bar as every screen uses it (registered as <van-nav-bar> in src/vant.ts), with two
// things a screen reader needs: the title is the screen's level-one heading, and the back arrow is
// a real button with a name ("返回"). Everything else is passed through to Vant's NavBar.
import { defineComponent, h } from 'vue'
import { Icon, NavBar } from 'vant'
import { useI18n } from 'vue-i18n'

export default defineComponent({
  name: 'AppNavBar',
  inheritAttrs: false,
  props: { title: { type: String, default: '' }, leftArrow: Boolean },
  setup(props, { attrs, slots }) {
    const { t } = useI18n()
    return () =>
      h(NavBar, { ...attrs, title: props.title, leftArrow: props.leftArrow }, {
        ...slots,
        title: () => h('h1', { class: 'van-nav-bar__heading' }, slots.title ? slots.title() : props.title),
        ...(props.leftArrow && !slots.left
          ? { left: () => h('button', { type: 'button', class: 'van-nav-bar__back', 'aria-label': t('app.back') }, [h(Icon, { name: 'arrow-left', class: 'van-nav-bar__arrow' })]) }
          : {}),
      })
  },
})
