// The Vant components the app uses, registered one by one with their own
// styles, so that the first download carries only these (not all of Vant).
// A new <van-x> tag needs its line here or in src/vant-screens.ts: src/vant.test.ts checks that.
//
// Here: what the shell and the public screens (sign-in, certificate check, public notice) show,
// registered at start. The rest is in src/vant-screens.ts, loaded before the first signed-in screen
// (screensReady below, called from the router), so that a phone opening /login or /verify does
// not download and run it.
import type { App, Plugin } from 'vue'
import { Button, Cell, CellGroup, Empty, Field, Form, Loading, NoticeBar } from 'vant'
import 'vant/es/button/style/index'
import 'vant/es/cell/style/index'
import 'vant/es/cell-group/style/index'
import 'vant/es/empty/style/index'
import 'vant/es/field/style/index'
import 'vant/es/form/style/index'
import 'vant/es/loading/style/index'
import 'vant/es/nav-bar/style/index'
import 'vant/es/notice-bar/style/index'
import AppNavBar from './components/AppNavBar'

export const components: Record<string, Plugin> = { Button, Cell, CellGroup, Empty, Field, Form, Loading, NoticeBar }

export function useVant(app: App) {
  for (const c of Object.values(components)) app.use(c)
  // <van-nav-bar> is Vant's NavBar with its title as the screen's <h1> (src/components/AppNavBar.ts).
  app.component('VanNavBar', AppNavBar)
}

let screens: Promise<void> | undefined
/** screensReady registers the components of the signed-in screens (once) and resolves when they are. */
export function screensReady(app: App): Promise<void> {
  screens ??= import('./vant-screens').then((m) => m.register(app))
  return screens
}
