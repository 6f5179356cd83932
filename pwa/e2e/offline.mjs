// Offline first for the trainer (issue 15, item 2): a trainer in a county town opens the class list
// and a class page online; the network goes; reloaded, both show what was saved, with an offline
// banner (the service worker serves the app, IndexedDB the answers); attendance marked offline waits
// as 待同步 and is sent by itself when the network returns; a refusal is shown in Chinese and the
// marks are kept. The class list retries after a failure, is pulled to refresh, reloads on reconnect.
// An inspector's review queue, too, is shown offline as saved, and fresh again once the network returns.
import { randomBytes } from 'node:crypto'
import { ADMIN_PASSWORD, BASE, PASSWORD, RUN, U, apiUpload, creditCode, expect, gql, login, newPage, residentID, shot, step, uiLogin } from './lib.mjs'

const TRAINEES = ['赵一', '钱二', '孙三']

export async function run() {
  // A token of its own: the one run.mjs got at the start may have expired while earlier scenarios ran.
  let admin = ''
  let trainer = ''
  let official = ''
  let org = ''
  let classID = ''
  const newClass = async (occupation) => {
    const id = (await gql(trainer, 'mutation($in:CreateTrainingClassInput!){ createTrainingClass(input:$in){ id } }', {
      in: { organizationID: org, category: 'KEY_GROUP', occupation, level: 4, approvedHeadcount: TRAINEES.length,
        plannedStart: '2026-11-02', plannedEnd: '2026-11-20', venueAddress: '周口市郸城县人民路8号', venueLatitude: 33.6445, venueLongitude: 115.1771 },
    })).createTrainingClass.id
    return id
  }
  const on = (token, field, id) => gql(token, `mutation($id:ID!){ ${field}(id:$id){ id } }`, { id })

  await step('offline fixtures: an institution, its trainer, an official; a started class with three trainees', async () => {
    admin = await login('admin', ADMIN_PASSWORD)
    const region = (await gql(admin, 'query($c:String!){ region(code:$c){ id } }', { c: '411600' })).region.id
    org = (await gql(admin, 'mutation($in:CreateOrganizationInput!){ createOrganization(input:$in){ id } }', {
      in: { name: `郸城县职业培训学校 ${RUN}`, kind: 'TRAINING_INSTITUTION', creditCode: creditCode('411600', Math.floor(Math.random() * 9e6)), regionID: region },
    })).createOrganization.id
    for (const [username, role, organizationID] of [['offline-trainer', 'INSTITUTION_STAFF', org], ['offline-official', 'REGION_OFFICIAL', null]]) {
      await gql(admin, 'mutation($in:CreateUserInput!){ createUser(input:$in){ id } }', {
        in: { username: U(username), password: PASSWORD, displayName: username, role, regionID: region, organizationID },
      })
    }
    trainer = await login(U('offline-trainer'), PASSWORD)
    official = await login(U('offline-official'), PASSWORD)
    classID = await newClass('农村电商（离线）')
    await on(trainer, 'submitTrainingClass', classID)
    await on(official, 'approveTrainingClass', classID)
    const seq = 100 + Math.floor(Math.random() * 700)
    await gql(trainer, 'mutation($c:ID!,$p:[EnrollPersonInput!]!){ enrollPersons(classID:$c, persons:$p){ id } }', {
      c: classID, p: TRAINEES.map((name, i) => ({ name, idNumber: residentID('411625', seq + i) })),
    })
    await on(trainer, 'startTrainingClass', classID)
  })

  const { ctx, page } = await newPage()
  const stale = page.locator('[data-test=stale]')
  const row = (occupation) => page.locator('[data-test=classes] .van-cell', { hasText: occupation })

  await step('online, the trainer opens the class list and the class page (the service worker is installed)', async () => {
    await uiLogin(page, U('offline-trainer'), PASSWORD)
    await page.waitForURL(/\/classes$/)
    // The app shell is precached once the service worker is active.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true))
    await row('农村电商（离线）').waitFor()
    await row('农村电商（离线）').click()
    await page.waitForURL(new RegExp(`/classes/${classID}$`))
    await page.locator('[data-test=class-status]', { hasText: '培训中' }).waitFor()
    for (const n of TRAINEES) await page.locator(`[data-test="present-${n}"]`).waitFor()
    expect((await stale.count()) === 0, 'an offline banner on a fresh page')
    await shot(page, 'offline-01-class-online', { fullPage: true })
  })

  await step('offline, the class page reloads with the saved data and an offline banner; only what works offline is offered', async () => {
    await ctx.setOffline(true)
    await page.reload()
    await stale.waitFor({ timeout: 15000 })
    const banner = (await stale.textContent()).trim()
    expect(/^离线 · 显示 \d\d:\d\d 保存的数据$/.test(banner), `banner reads: ${banner}`)
    await page.locator('[data-test=class-status]', { hasText: '培训中' }).waitFor()
    for (const n of TRAINEES) await page.locator(`[data-test="present-${n}"]`).waitFor()
    // Completing or cancelling the class needs the server: shown, disabled, with a hint.
    expect(await page.locator('[data-test=complete-class]').isDisabled(), 'complete offered offline')
    await page.locator('[data-test=needs-network]').waitFor()
    expect(await page.locator('[data-test=save-attendance]').isEnabled(), 'attendance not offered offline')
    expect((await page.locator('[data-test=file]').count()) === 1, 'evidence not offered offline')
    await shot(page, 'offline-02-class-offline', { fullPage: true })
  })

  await step('offline, the class list reloads with the saved list and the banner', async () => {
    await page.goto(`${BASE}/classes`)
    await stale.waitFor({ timeout: 15000 })
    await row('农村电商（离线）').waitFor()
    await shot(page, 'offline-03-list-offline')
  })

  await step('offline, the trainer marks attendance: kept on the phone as 待同步, still there after a reload', async () => {
    await page.goto(`${BASE}/classes/${classID}`)
    await stale.waitFor({ timeout: 15000 })
    await page.click('[data-test="present-赵一"]')
    await page.getByText('钱二', { exact: true }).click() // the whole row is the tap target
    await page.click('[data-test=save-attendance]')
    await page.locator('[data-test=attendance-pending]', { hasText: '待同步' }).waitFor()
    await shot(page, 'offline-04-pending', { fullPage: true })
    await page.reload()
    await page.locator('[data-test=attendance-pending]', { hasText: '待同步' }).waitFor({ timeout: 15000 })
    const checked = async (n) => (await page.locator(`[data-test="present-${n}"]`).getAttribute('aria-checked')) === 'true'
    expect((await checked('赵一')) && (await checked('钱二')) && !(await checked('孙三')), 'the marks made offline are not shown after a reload')
  })

  await step('back online, the marks are sent by themselves and shown saved; the server has them', async () => {
    await ctx.setOffline(false)
    await page.locator('[data-test=attendance-saved]', { hasText: '考勤已保存' }).waitFor({ timeout: 20000 })
    await page.locator('[data-test=effective]', { hasText: '2' }).waitFor()
    await stale.waitFor({ state: 'detached' })
    expect((await page.locator('[data-test=attendance-pending]').count()) === 0, 'still 待同步 once sent')
    expect(await page.locator('[data-test=complete-class]').isEnabled(), 'complete still disabled online')
    await shot(page, 'offline-05-sent', { fullPage: true })
    const d = await gql(trainer, 'query($id:ID!){ node(id:$id){ ... on TrainingClass { presentCount enrollments { presentOnOpening person { name } } } } }', { id: classID })
    const present = d.node.enrollments.filter((e) => e.presentOnOpening).map((e) => e.person.name).sort()
    expect(d.node.presentCount === 2 && present.join() === ['赵一', '钱二'].sort().join(), `the server has ${present} (${d.node.presentCount})`)
  })

  await step('marks the server refuses (the class was completed meanwhile) are kept, with the reason in Chinese', async () => {
    await ctx.setOffline(true)
    await page.reload()
    await stale.waitFor({ timeout: 15000 })
    await page.click('[data-test="present-孙三"]')
    await page.click('[data-test=save-attendance]')
    await page.locator('[data-test=attendance-pending]', { hasText: '待同步' }).waitFor()
    await on(trainer, 'completeTrainingClass', classID)
    await ctx.setOffline(false)
    const refused = page.locator('[data-test=attendance-refused]')
    await refused.waitFor({ timeout: 20000 })
    const text = (await refused.textContent()).trim()
    expect(/[\u4e00-\u9fff]/.test(text) && !/[A-Za-z]{3,}/.test(text), `the refusal reads: ${text}`)
    await page.locator('[data-test=class-status]', { hasText: '已结业' }).waitFor()
    await shot(page, 'offline-06-refused', { fullPage: true })
    // Still kept after a reload, the server unchanged.
    await page.reload()
    await refused.waitFor()
    const d = await gql(trainer, 'query($id:ID!){ node(id:$id){ ... on TrainingClass { presentCount } } }', { id: classID })
    expect(d.node.presentCount === 2, `the refused marks reached the server: ${d.node.presentCount}`)
    await page.click('[data-test=discard-attendance]')
    await refused.waitFor({ state: 'detached' })
  })

  await step('the class list reloads by itself when the network returns, and when pulled down', async () => {
    await page.goto(`${BASE}/classes`)
    await row('农村电商（离线）').waitFor()
    await ctx.setOffline(true)
    await page.reload()
    await stale.waitFor({ timeout: 15000 })
    await newClass('家政服务（重连后出现）')
    await ctx.setOffline(false)
    await row('家政服务（重连后出现）').waitFor({ timeout: 20000 })
    await stale.waitFor({ state: 'detached' })

    await newClass('养老护理（下拉刷新）')
    // A finger pulls the list down from its top.
    const cdp = await ctx.newCDPSession(page)
    const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: 200, y }] })
    await touch('touchStart', 200)
    for (let y = 220; y <= 420; y += 20) await touch('touchMove', y)
    await touch('touchEnd', 420)
    await row('养老护理（下拉刷新）').waitFor({ timeout: 20000 })
    await shot(page, 'offline-07-list-refreshed')
  })

  await step('the class list shows why it failed, with a retry button that works', async () => {
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? ''
      if (!body.includes('trainingClasses')) return route.continue()
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ data: null, errors: [{ message: 'boom', extensions: { code: 'INTERNAL' } }] }) })
    })
    await page.reload()
    const failed = page.locator('[data-test=load-error]')
    await failed.waitFor({ timeout: 15000 })
    expect((await failed.textContent()).includes('服务器出错了'), `the failure reads: ${await failed.textContent()}`)
    await shot(page, 'offline-08-list-error')
    await page.unroute('**/graphql')
    await page.click('[data-test=retry]')
    await row('农村电商（离线）').waitFor()
    await failed.waitFor({ state: 'detached' })
  })
  await ctx.close()

  await step('offline, the inspector\'s review queue reloads with the saved evidence and the banner; deciding waits; back online the banner goes by itself', async () => {
    // Fresh tokens: the ones of the fixtures may have expired by now.
    admin = await login('admin', ADMIN_PASSWORD)
    const staff = await login(U('offline-trainer'), PASSWORD)
    const approver = await login(U('offline-official'), PASSWORD)
    const region = (await gql(admin, 'query($c:String!){ region(code:$c){ id } }', { c: '411600' })).region.id
    await gql(admin, 'mutation($in:CreateUserInput!){ createUser(input:$in){ id } }', {
      in: { username: U('offline-inspector'), password: PASSWORD, displayName: 'offline-inspector', role: 'INSPECTOR', regionID: region },
    })
    // An approved class of the region with a recording awaiting review.
    trainer = staff
    const cls = await newClass('电工（待审核）')
    await on(staff, 'submitTrainingClass', cls)
    await on(approver, 'approveTrainingClass', cls)
    const evidence = await apiUpload(staff, cls, 'ATTENDANCE_VIDEO', randomBytes(16 * 1024))

    const { ctx: ictx, page: ipage } = await newPage()
    const banner = ipage.locator('[data-test=stale]')
    const card = ipage.locator(`[data-test=evidence-${evidence}]`)
    await uiLogin(ipage, U('offline-inspector'), PASSWORD)
    await ipage.waitForURL(/\/review$/)
    await ipage.evaluate(() => navigator.serviceWorker.ready.then(() => true))
    await card.waitFor()
    expect((await banner.count()) === 0, 'an offline banner on a fresh review queue')

    await ictx.setOffline(true)
    await ipage.reload()
    await banner.waitFor({ timeout: 15000 })
    await card.waitFor()
    expect((await ipage.locator('[data-test=load-error]').count()) === 0, `the queue failed offline: ${await ipage.locator('[data-test=load-error]').first().textContent().catch(() => '')}`)
    expect(await card.locator('[data-test=decide]').isDisabled(), 'deciding offered offline')
    await shot(ipage, 'offline-09-review-offline')

    await ictx.setOffline(false)
    await banner.waitFor({ state: 'detached', timeout: 20000 })
    await card.waitFor()
    expect(await card.locator('[data-test=decide]').isEnabled(), 'deciding still disabled online')
    await ictx.close()
  })
}
