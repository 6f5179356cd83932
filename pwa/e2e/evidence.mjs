// Evidence after the upload (issue 15): the trainer learns that a video was rejected and why, sees the badge and
// uploads it again from the class page; the inspector reads size, place and duplicates, is told in Chinese when the
// browser cannot play a file, confirms before changing a decision, and records an on-site visit with a photo.
import { randomBytes } from 'node:crypto'
import { BASE, PASSWORD, RUN, U, apiUpload, creditCode, dialog, expect, gql, login, newPage, opened, shot, step, uiLogin } from './lib.mjs'

const evidenceQ = 'query($c:ID!){ node(id:$c){ ... on TrainingClass { evidence(first: 20, orderBy:{field: CAPTURED_AT, direction: ASC}){ edges { node { id kind status decision replaces { id } } } } } } }'

export async function run({ admin }) {
  let classId = ''
  let trainerToken = ''
  let videoId = ''
  let againId = ''
  let recordingId = ''
  await step('evidence fixtures: an institution, its trainer, an official and an inspector of Zhengzhou; a class approved and started', async () => {
    const zz = (await gql(admin, 'query{ region(code:"410100"){ id } }')).region.id
    const org = (await gql(admin, 'mutation($in:CreateOrganizationInput!){ createOrganization(input:$in){ id } }', {
      in: { name: `郑州技能培训中心 ${RUN}`, kind: 'TRAINING_INSTITUTION', creditCode: creditCode('410100', Math.floor(Math.random() * 9e6)), regionID: zz },
    })).createOrganization.id
    for (const [username, role, organizationID] of [['ev-trainer', 'INSTITUTION_STAFF', org], ['ev-official', 'REGION_OFFICIAL', null], ['ev-inspector', 'INSPECTOR', null]]) {
      await gql(admin, 'mutation($in:CreateUserInput!){ createUser(input:$in){ id } }', {
        in: { username: U(username), password: PASSWORD, displayName: username, role, regionID: zz, organizationID },
      })
    }
    trainerToken = await login(U('ev-trainer'), PASSWORD)
    const official = await login(U('ev-official'), PASSWORD)
    classId = (await gql(trainerToken, 'mutation($in:CreateTrainingClassInput!){ createTrainingClass(input:$in){ id } }', {
      in: {
        organizationID: org, category: 'KEY_GROUP', occupation: '中式烹调师', approvedHeadcount: 20,
        plannedStart: new Date().toISOString().slice(0, 10), plannedEnd: new Date(Date.now() + 20 * 86400e3).toISOString().slice(0, 10),
        venueAddress: '郑州市二七区大学路10号', venueLatitude: 34.7466, venueLongitude: 113.6253,
      },
    })).createTrainingClass.id
    const on = (token, field) => gql(token, `mutation($id:ID!){ ${field}(id:$id){ id } }`, { id: classId })
    await on(trainerToken, 'submitTrainingClass')
    await on(official, 'approveTrainingClass')
    await on(trainerToken, 'startTrainingClass')
  })

  const trainer = await newPage({ serviceWorkers: 'block' })
  await step('the trainer uploads an attendance video from the class page; it ends verified and awaits review', async () => {
    const { page } = trainer
    await uiLogin(page, U('ev-trainer'), PASSWORD)
    await page.waitForURL(/\/classes$/)
    await page.goto(`${BASE}/classes/${classId}`)
    await page.locator('[data-test=evidence-due]', { hasText: '开班当天拍摄' }).waitFor()
    // Random bytes labelled MP4: the server verifies them; no browser can play them.
    await page.setInputFiles('[data-test=file]', { name: 'opening.mp4', mimeType: 'video/mp4', buffer: randomBytes(96 * 1024) })
    await page.waitForURL(/\/uploads$/)
    await page.locator('[data-test=upload-verified]').waitFor({ timeout: 60000 })
    const ev = (await gql(trainerToken, evidenceQ, { c: classId })).node.evidence.edges.map((e) => e.node)
    expect(ev.length === 1 && ev[0].status === 'VERIFIED', `evidence: ${JSON.stringify(ev)}`)
    videoId = ev[0].id
    await page.goto(`${BASE}/classes/${classId}`)
    await page.locator(`[data-test=class-evidence-${videoId}]`, { hasText: '待审核' }).waitFor()
  })

  const inspector = await newPage()
  await step('the inspector sees size and place, and rejects the video with a reason', async () => {
    const { page } = inspector
    await uiLogin(page, U('ev-inspector'), PASSWORD)
    await page.waitForURL(/\/review$/)
    const card = page.locator(`[data-test=evidence-${videoId}]`)
    await card.waitFor()
    const size = await card.locator('[data-test=size]').textContent()
    expect(size.includes('96 KB'), `size shown: ${size}`)
    expect((await card.locator('[data-test=place]').textContent()).includes('未记录拍摄地点'), 'a capture without a place says so')
    await shot(page, 'ev-01-review-pending')
    await card.locator('[data-test=decide]').click()
    await page.fill('[data-test=reason] textarea', '画面中看不到学员，请在开班现场重新拍摄')
    await page.click('[data-test=reject]')
    await card.waitFor({ state: 'detached' }) // no longer pending
    await page.getByRole('tab', { name: '已审核' }).click()
    await page.locator(`[data-test=evidence-${videoId}] [data-test=decision]`, { hasText: '未通过' }).waitFor()
    await shot(page, 'ev-02-review-decided')
  })

  await step('the trainer reads 已驳回 and the reason on the class page; the class list and the tab show the badge', async () => {
    const { page } = trainer
    await page.goto(`${BASE}/classes/${classId}`)
    const item = page.locator(`[data-test=class-evidence-${videoId}]`)
    await item.locator('[data-test=evidence-decision]', { hasText: '已驳回' }).waitFor()
    const reason = await item.locator('[data-test=review-reason]').textContent()
    expect(reason.includes('画面中看不到学员'), `reason shown: ${reason}`)
    await item.scrollIntoViewIfNeeded()
    await shot(page, 'ev-03-trainer-rejected', { fullPage: true })
    await page.goto(`${BASE}/classes`)
    await page.locator('[data-test=rejected-badge]', { hasText: '1 项材料被驳回' }).waitFor()
    await page.locator('[data-test=tab-classes] .van-badge', { hasText: '1' }).waitFor()
    await shot(page, 'ev-04-classes-badge')
  })

  await step('the trainer uploads it again from the same screen: it ends verified, replaces the rejected one, the badge goes', async () => {
    const { page } = trainer
    await page.goto(`${BASE}/classes/${classId}`)
    await page.setInputFiles(`[data-test=reupload-${videoId}]`, { name: 'opening-again.mp4', mimeType: 'video/mp4', buffer: randomBytes(64 * 1024) })
    await page.locator(`[data-test=class-evidence-${videoId}] [data-test=replaced]`).waitFor({ timeout: 90000 })
    const ev = (await gql(trainerToken, evidenceQ, { c: classId })).node.evidence.edges.map((e) => e.node)
    const again = ev.find((e) => e.replaces?.id === videoId)
    expect(again && again.status === 'VERIFIED', `the re-upload: ${JSON.stringify(ev)}`)
    againId = again.id
    await page.locator(`[data-test=class-evidence-${againId}] [data-test=upload-status]`, { hasText: '已校验' }).waitFor()
    expect((await page.locator(`[data-test=reupload-${videoId}]`).count()) === 0, 'the replaced item still offers a re-upload')
    await shot(page, 'ev-05-reuploaded', { fullPage: true })
    await page.goto(`${BASE}/classes`)
    await page.locator('.van-cell', { hasText: '中式烹调师' }).first().waitFor()
    expect((await page.locator('[data-test=rejected-badge]').count()) === 0, 'the badge stays after the re-upload')
    expect((await page.locator('[data-test=tab-classes] .van-badge').count()) === 0, 'the tab badge stays after the re-upload')
  })

  await step('a file the browser cannot play says so in Chinese, with a download link, instead of a silent 0:00 player', async () => {
    recordingId = await apiUpload(trainerToken, classId, 'SUPERVISION_RECORDING', randomBytes(8 * 1024))
    const { page } = inspector
    await page.goto(`${BASE}/review`)
    const card = page.locator(`[data-test=evidence-${againId}]`)
    await card.locator('[data-test=play]').click()
    const msg = card.locator('[data-test=unplayable]')
    await msg.waitFor({ timeout: 20000 })
    expect((await msg.textContent()).includes('浏览器无法播放该文件'), 'the unplayable message')
    expect((await card.locator('[data-test=download]').getAttribute('href'))?.length > 0, 'no download link')
    await card.scrollIntoViewIfNeeded()
    await shot(page, 'ev-06-unplayable')
  })

  await step('changing a decision asks first ("已判定为…，确定改为…？"); the recording is sent to an on-site check', async () => {
    const { page } = inspector
    const card = page.locator(`[data-test=evidence-${againId}]`)
    await card.locator('[data-test=decide]').click()
    await page.click('[data-test=accept]')
    await card.waitFor({ state: 'detached' })
    const rec = page.locator(`[data-test=evidence-${recordingId}]`)
    await rec.locator('[data-test=decide]').click()
    await page.fill('[data-test=reason] textarea', '录像中人数与报名人数不符')
    await page.click('[data-test=onsite]')
    await rec.waitFor({ state: 'detached' })
    await page.getByRole('tab', { name: '已审核' }).click()
    const decided = page.locator(`[data-test=evidence-${againId}]`)
    await decided.locator('[data-test=decision]', { hasText: '已通过' }).waitFor()
    await decided.locator('[data-test=decide]').click()
    await page.fill('[data-test=reason] textarea', '复看发现学员人数不足')
    await page.click('[data-test=reject]')
    await (await opened(page)).getByText('已判定为“已通过”，确定改为“未通过”？').waitFor()
    await shot(page, 'ev-07-change-confirm')
    await dialog(page).locator('.van-dialog__cancel').click()
    await dialog(page).waitFor({ state: 'hidden' })
    const still = (await gql(await login(U('ev-inspector'), PASSWORD), 'query($id:ID!){ node(id:$id){ ... on Evidence { decision } } }', { id: againId })).node.decision
    expect(still === 'ACCEPTED', `after "cancel" the decision is ${still}`)
    await page.click('[data-test=reject]')
    await (await opened(page)).locator('.van-dialog__confirm').click()
    await decided.locator('[data-test=decision]', { hasText: '未通过' }).waitFor()
  })

  await step('the inspector records the on-site visit with an outcome, findings and a photo', async () => {
    const { page } = inspector
    await page.click('[data-test=to-onsite]')
    await page.waitForURL(/\/onsite$/)
    const token = await login(U('ev-inspector'), PASSWORD)
    const checks = (await gql(token, '{ onSiteChecks(first: 50, where:{status: OPEN}){ edges { node { id evidence { id } } } } }')).onSiteChecks.edges.map((e) => e.node)
    const check = checks.find((c) => c.evidence?.id === recordingId)
    expect(check, `no open check for the recording: ${JSON.stringify(checks)}`)
    await page.locator(`[data-test=check-${check.id}]`).waitFor()
    await shot(page, 'ev-08-onsite-list')
    await page.click(`[data-test=check-${check.id}]`)
    await page.waitForURL(/\/onsite\/\d+$/)
    await page.locator('[data-test=visited-at] input').waitFor()
    expect((await page.locator('[data-test=visited-at] input').inputValue()).length === 16, 'the visit time defaults to now')
    await page.click('[data-test=outcome-PASSED]')
    await page.fill('[data-test=notes] textarea', '现场到课18人，与考勤一致')
    await page.setInputFiles('[data-test=add-photo]', { name: 'site.jpg', mimeType: 'image/jpeg', buffer: randomBytes(20 * 1024) })
    await page.locator('[data-test=photo]').waitFor({ timeout: 60000 })
    await shot(page, 'ev-09-onsite-record', { fullPage: true })
    await page.click('[data-test=save-visit]')
    await page.locator('[data-test=visit-recorded] [data-test=outcome]', { hasText: '通过' }).waitFor()
    await shot(page, 'ev-10-onsite-done', { fullPage: true })
    const done = (await gql(token, 'query($id:ID!){ node(id:$id){ ... on OnSiteCheck { status outcome photos { status } } } }', { id: check.id })).node
    expect(done.status === 'DONE' && done.outcome === 'PASSED' && done.photos.length === 1 && done.photos[0].status === 'VERIFIED', `check: ${JSON.stringify(done)}`)
  })

  await step('the trainer reads the on-site outcome on the class page', async () => {
    const { page } = trainer
    await page.goto(`${BASE}/classes/${classId}`)
    await page.locator(`[data-test=class-evidence-${recordingId}] [data-test=check-outcome]`, { hasText: '现场核查：通过' }).waitFor()
    await shot(page, 'ev-11-trainer-onsite', { fullPage: true })
  })

  await step('an online entrepreneurship class (网上创业培训): no venue asked; the platform learning record stands for the opening video', async () => {
    const { page } = trainer
    await page.goto(`${BASE}/classes/new`)
    await page.locator('input[name=venue]').waitFor()
    await page.click('[data-test=category]')
    await page.locator('.van-action-sheet__item', { hasText: '创业培训' }).click()
    await page.click('[data-test=mode-ONLINE]')
    await page.locator('[data-test=online-hint]').waitFor()
    expect((await page.locator('input[name=venue], input[name=lat]').count()) === 0, 'an online class asks for a venue')
    await page.fill('input[name=occupation]', `网上创业培训 ${RUN}`)
    await page.fill('input[name=headcount]', '100')
    await page.fill('input[name=start]', new Date().toISOString().slice(0, 10))
    await page.fill('input[name=end]', new Date(Date.now() + 20 * 86400e3).toISOString().slice(0, 10))
    await shot(page, 'ev-12-online-class')
    await page.click('[data-test=save-class]')
    await page.waitForURL(/\/classes\/\d+$/)
    const online = page.url().split('/').pop()
    await page.locator('[data-test=class-mode]', { hasText: '网上创业培训' }).waitFor()
    await gql(trainerToken, 'mutation($id:ID!){ submitTrainingClass(id:$id){ id } }', { id: online })
    await gql(await login(U('ev-official'), PASSWORD), 'mutation($id:ID!){ approveTrainingClass(id:$id){ id } }', { id: online })
    await page.reload()
    await page.locator('[data-test=evidence-due]', { hasText: '学习记录' }).waitFor()
    expect((await page.getByText('开班考勤视频').count()) === 0, 'an online class is offered an opening video')
    await page.getByText('平台学习记录', { exact: true }).click()
    await page.setInputFiles('[data-test=file]', { name: '学习记录.csv', mimeType: 'text/csv', buffer: Buffer.from(`姓名,学习时长（学时）\n张三,32\n李四,30\n${RUN}\n`) })
    await page.waitForURL(/\/uploads$/)
    let ev = []
    for (let i = 0; i < 120 && ev[0]?.status !== 'VERIFIED'; i++) {
      await page.waitForTimeout(500)
      ev = (await gql(trainerToken, evidenceQ, { c: online })).node.evidence.edges.map((e) => e.node)
    }
    expect(ev.length === 1 && ev[0].kind === 'LEARNING_RECORD' && ev[0].status === 'VERIFIED', `online evidence: ${JSON.stringify(ev)}`)
  })
  await trainer.ctx.close()
  await inspector.ctx.close()
}
