// The Vant components only signed-in screens use, with their styles: loaded by screensReady in
// src/vant.ts before the first such screen opens, not by the public pages.
import type { App, Plugin } from 'vue'
import {
  ActionSheet, Checkbox, CheckboxGroup, Dialog, DropdownItem, DropdownMenu, Popup, Progress, PullRefresh, Radio, RadioGroup, Switch,
  Tabbar, TabbarItem, Tabs, Tag,
} from 'vant'
import 'vant/es/action-sheet/style/index'
import 'vant/es/checkbox/style/index'
import 'vant/es/checkbox-group/style/index'
import 'vant/es/dialog/style/index'
import 'vant/es/dropdown-item/style/index'
import 'vant/es/dropdown-menu/style/index'
import 'vant/es/popup/style/index'
import 'vant/es/progress/style/index'
import 'vant/es/pull-refresh/style/index'
import 'vant/es/radio/style/index'
import 'vant/es/radio-group/style/index'
import 'vant/es/switch/style/index'
import 'vant/es/tab/style/index'
import 'vant/es/tabbar/style/index'
import 'vant/es/tabbar-item/style/index'
import 'vant/es/tabs/style/index'
import 'vant/es/tag/style/index'
import AppTab from './components/AppTab'

export const components: Record<string, Plugin> = {
  ActionSheet, Checkbox, CheckboxGroup, Dialog, DropdownItem, DropdownMenu, Popup, Progress, PullRefresh, Radio, RadioGroup,
  Switch, Tabbar, TabbarItem, Tabs, Tag,
}

export function register(app: App) {
  for (const c of Object.values(components)) app.use(c)
  // <van-tab> is Vant's Tab that always renders its panel (src/components/AppTab.ts).
  app.component('VanTab', AppTab)
}
