// The Vant components the app uses, registered one by one with their own
// styles, so that the first download carries only these (not all of Vant).
// A new <van-x> tag needs its line here: src/vant.test.ts checks that.
import type { App, Plugin } from 'vue'
import {
  ActionSheet, Button, Cell, CellGroup, Checkbox, CheckboxGroup, Dialog, DropdownItem, DropdownMenu, Empty, Field, Form,
  Loading, NavBar, NoticeBar, Popup, Progress, Radio, RadioGroup, Switch, Tab, Tabbar, TabbarItem, Tabs, Tag,
} from 'vant'
import 'vant/es/action-sheet/style/index'
import 'vant/es/button/style/index'
import 'vant/es/cell/style/index'
import 'vant/es/cell-group/style/index'
import 'vant/es/checkbox/style/index'
import 'vant/es/checkbox-group/style/index'
import 'vant/es/dialog/style/index'
import 'vant/es/dropdown-item/style/index'
import 'vant/es/dropdown-menu/style/index'
import 'vant/es/empty/style/index'
import 'vant/es/field/style/index'
import 'vant/es/form/style/index'
import 'vant/es/loading/style/index'
import 'vant/es/nav-bar/style/index'
import 'vant/es/notice-bar/style/index'
import 'vant/es/popup/style/index'
import 'vant/es/progress/style/index'
import 'vant/es/radio/style/index'
import 'vant/es/radio-group/style/index'
import 'vant/es/switch/style/index'
import 'vant/es/tab/style/index'
import 'vant/es/tabbar/style/index'
import 'vant/es/tabbar-item/style/index'
import 'vant/es/tabs/style/index'
import 'vant/es/tag/style/index'

export const components: Record<string, Plugin> = {
  ActionSheet, Button, Cell, CellGroup, Checkbox, CheckboxGroup, Dialog, DropdownItem, DropdownMenu, Empty, Field, Form,
  Loading, NavBar, NoticeBar, Popup, Progress, Radio, RadioGroup, Switch, Tab, Tabbar, TabbarItem, Tabs, Tag,
}

export function useVant(app: App) {
  for (const c of Object.values(components)) app.use(c)
}
