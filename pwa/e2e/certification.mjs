// Skill-level certification filings (R8, issue 12) and enterprises' applications to train apprentices (R5). An
// enterprise in Zhengzhou reaches 职业技能等级认定备案 from "me", starts a filing (an occupation at two levels; the
// phone asks for the levels first), hands in a PDF of its application form (the draft is saved for it) and files it,
// confirming that materials are missing. The city's official sees it first among those to review, with the six missing
// items, and returns it with a reason; the list of the region's unfiled technician colleges names this run's college.
// The staff see the reason, hand in another item (picked offline: it waits on the phone and goes when the network
// returns) and file again; the official approves, confirming the incomplete materials; the staff see 已审核通过, and the
// dashboard's T6 row says how many of the units are enterprises. Then the enterprise applies to train apprentices with
// the college named by its credit code; the official sees it in the queue with its acceptance due time, accepts it and
// approves it for the number applied for (never offered to change). The API agrees at each step.
import { BASE, PASSWORD, RUN, U, creditCode, dialog, expect, gql, login, newPage, opened, shot, step, uiLogin } from './lib.mjs'

const CITY = '410100'
const rand = (n) => Math.floor(Math.random() * n)
/** pdf is a small PDF file to hand in, named name. */
const pdf = (name, text) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${text}\n${'0'.repeat(2000)}\n%%EOF\n`) })

export async function run({ admin }) {
  const f = {}
  await step('certification fixtures: an enterprise and a technician college in Zhengzhou, the enterprise\'s staff, a city official', async () => {
    const city = (await gql(admin, 'query($c:String!){ region(code:$c){ id } }', { c: CITY })).region.id
    const seq = 1000 + rand(8e6)
    const org = async (name, kind, n) =>
      (await gql(admin, 'mutation($in:CreateOrganizationInput!){ createOrganization(input:$in){ id name creditCode } }', {
        in: { name, kind, creditCode: creditCode(CITY, n), regionID: city },
      })).createOrganization
    f.enterprise = await org(`郑州智能装备有限公司 ${RUN}`, 'ENTERPRISE', seq)
    f.college = await org(`郑州工业技师学院 ${RUN}`, 'TECHNICIAN_COLLEGE', seq + 1)
    for (const [username, role, organizationID] of [['r8-enterprise', 'INSTITUTION_STAFF', f.enterprise.id], ['r8-official', 'REGION_OFFICIAL', null]]) {
      await gql(admin, 'mutation($in:CreateUserInput!){ createUser(input:$in){ id } }', {
        in: { username: U(username), password: PASSWORD, displayName: username, role, regionID: city, organizationID },
      })
    }
    f.occupation = `工业机器人系统操作员 ${RUN}`
  })

  const unitQ = 'query($id:ID!){ node(id:$id){ ... on CertificationUnit { status returnReason occupations { occupation levels } missingMaterials checklist { item materials { fileName size url } } } } }'
  const unitOf = async (token) => (await gql(token, unitQ, { id: f.unit })).node
  /** filingRow is this run's enterprise's filing as a list shows it. */
  const filingRow = (page) => page.locator(`[data-test=filing-row][data-name="${f.enterprise.name}"]`)

  await step('enterprise staff start a filing (occupation and levels), hand in a PDF of one item (the draft saved for it) and file it, confirming the missing materials', async () => {
    const { ctx, page } = await newPage()
    await uiLogin(page, U('r8-enterprise'), PASSWORD)
    await page.waitForURL(/\/classes$/)
    await page.click('[data-test=tab-me]')
    await page.click('[data-test=more-certification]')
    await page.waitForURL(/\/certification$/)
    await page.locator('[data-test=filings-empty]').waitFor()
    await shot(page, '60-certification-empty')
    await page.click('[data-test=new-filing]')
    await page.waitForURL(/\/certification\/new$/)
    // The kind is the enterprise's own, never asked; the checklist is the enterprise kind's seven items.
    expect((await page.locator('[data-test=filing-org]').textContent()).includes('备案类别：企业类'), 'the kind of filing is not shown as 企业类')
    expect((await page.locator('[data-test=checklist-item]').count()) === 7, `${await page.locator('[data-test=checklist-item]').count()} checklist items, want 7`)
    await page.locator('[data-test=checklist-item][data-item=STAFF_ROSTER]').waitFor()

    // The occupation without levels is caught on the phone; nothing is sent.
    await page.fill('[data-test=occupation-name] input', f.occupation)
    await page.click('[data-test=filing-save]')
    await page.locator('[data-test=occupation-levels]', { hasText: '请为' }).waitFor()
    expect(page.url().endsWith('/certification/new'), 'a filing without levels was saved')
    await page.click('[data-test=level-4]')
    await page.click('[data-test=level-3]')
    await shot(page, '60-filing-new', { fullPage: true })

    // A PDF for the application form: the draft is saved first, the screen becomes the filing's.
    await page.setInputFiles('[data-test=material-file][data-item=APPLICATION_FORM]', pdf('备案申请表.pdf', 'application form'))
    await page.waitForURL(/\/certification\/\d+$/)
    f.unit = page.url().split('/').pop()
    await page.locator('[data-test=checklist-item][data-item=APPLICATION_FORM] [data-test=item-handed-in]').waitFor()
    await page.locator('[data-test=material][data-name="备案申请表.pdf"]').waitFor()
    expect((await page.locator('[data-test=filing-status]').textContent()).includes('草稿'), 'the filing is not a draft')
    const staff = await login(U('r8-enterprise'), PASSWORD)
    let u = await unitOf(staff)
    expect(u.status === 'DRAFT' && u.missingMaterials.length === 6 && JSON.stringify(u.occupations) === JSON.stringify([{ occupation: f.occupation, levels: [4, 3] }]),
      `the draft on the server: ${JSON.stringify(u)}`)
    const kept = u.checklist.find((c) => c.item === 'APPLICATION_FORM').materials[0]
    const back = await fetch(kept.url.startsWith('/') ? BASE + kept.url : kept.url)
    expect(back.ok && (await back.text()).includes('application form'), `reading the material back: ${back.status}`)
    await shot(page, '60-filing-draft', { fullPage: true })

    await page.click('[data-test=filing-file]')
    const ask = await opened(page)
    const asked = await ask.textContent()
    expect(asked.includes('还缺 6 项材料') && asked.includes('本单位职工花名册'), `the confirmation reads: ${asked}`)
    await shot(page, '60-filing-confirm')
    await ask.locator('.van-dialog__confirm').click()
    await page.locator('[data-test=filing-status]', { hasText: '已备案，待审核' }).waitFor()
    await page.locator('[data-test=filing-done]', { hasText: '已提交备案' }).waitFor()
    expect((await page.locator('[data-test=material-file]').count()) === 0, 'materials can still be handed in to a filed filing')
    u = await unitOf(staff)
    expect(u.status === 'FILED', `the filing on the server is ${u.status}`)
    await shot(page, '60-filing-filed', { fullPage: true })
    await ctx.close()
  })

  await step('the city official sees it first among those to review, with the missing items, returns it with a reason; the unfiled colleges include this run\'s', async () => {
    const { ctx, page } = await newPage()
    await uiLogin(page, U('r8-official'), PASSWORD)
    await page.waitForURL(/\/dashboard$/)
    await page.click('[data-test=tab-me]')
    await page.click('[data-test=more-certification]')
    await page.waitForURL(/\/certification$/)
    const row = filingRow(page)
    await row.waitFor()
    expect((await row.getAttribute('data-status')) === 'FILED' && (await row.textContent()).includes('缺少 6 项材料'), `the filing's row reads: ${await row.textContent()}`)
    await shot(page, '61-certification-official')
    await page.locator('[role=tab]', { hasText: '未备案院校' }).click()
    await page.locator(`[data-test=unfiled-school][data-name="${f.college.name}"]`).waitFor()
    await shot(page, '61-certification-unfiled')
    await page.locator('[role=tab]', { hasText: '待审核' }).click()
    await row.click()
    await page.waitForURL(new RegExp(`/certification/${f.unit}$`))
    const missing = await page.locator('[data-test=filing-missing]').textContent()
    expect(missing.includes('缺少 6 项材料') && missing.includes('等级认定工作方案') && !missing.includes('备案申请表'), `the missing items read: ${missing}`)
    await page.locator('[data-test=material-link]', { hasText: '备案申请表.pdf' }).waitFor()
    expect((await page.locator('[data-test=material-file]').count()) === 0, 'the official is offered to hand in materials')
    await shot(page, '61-filing-official', { fullPage: true })
    await page.click('[data-test=filing-return]')
    const d = await opened(page)
    const confirm = d.locator('.van-dialog__confirm')
    expect(await confirm.isDisabled(), 'a return without a reason can be confirmed')
    f.reason = '请补充等级认定工作方案和考评员名单'
    await d.locator('[data-test=return-reason] textarea').fill(f.reason)
    await shot(page, '61-filing-return')
    await confirm.click()
    await page.locator('[data-test=filing-status]', { hasText: '已退回' }).waitFor()
    await page.locator('[data-test=filing-reason]', { hasText: f.reason }).waitFor()
    const u = await unitOf(await login(U('r8-official'), PASSWORD))
    expect(u.status === 'RETURNED' && u.returnReason === f.reason, `the filing on the server: ${u.status} ${u.returnReason}`)
    await ctx.close()
  })

  await step('the staff see the reason, hand in another item (picked offline: it waits, then goes) and file again', async () => {
    const { ctx, page } = await newPage()
    await uiLogin(page, U('r8-enterprise'), PASSWORD)
    await page.waitForURL(/\/classes$/)
    await page.goto(`${BASE}/certification`)
    const row = filingRow(page)
    await row.locator('[data-test=filing-reason]', { hasText: f.reason }).waitFor()
    expect((await row.locator('[data-test=filing-status]').textContent()).includes('已退回'), 'the row does not say 已退回')
    await row.click()
    await page.waitForURL(new RegExp(`/certification/${f.unit}$`))
    await page.locator('[data-test=filing-reason]', { hasText: f.reason }).waitFor()
    await page.locator('[data-test=material-file][data-item=WORK_PLAN]').waitFor({ state: 'attached' })
    await shot(page, '62-filing-returned', { fullPage: true })

    await ctx.setOffline(true)
    await page.locator('[data-test=filing-file]', { hasText: '离线' }).waitFor()
    await page.setInputFiles('[data-test=material-file][data-item=WORK_PLAN]', pdf('等级认定工作方案.pdf', 'work plan'))
    const waiting = page.locator('[data-test=material-pending][data-state=waiting]', { hasText: '等级认定工作方案.pdf' })
    await waiting.waitFor()
    expect((await waiting.textContent()).includes('联网后自动上传'), `the waiting file reads: ${await waiting.textContent()}`)
    await shot(page, '62-filing-offline', { fullPage: true })
    await ctx.setOffline(false)
    await page.locator('[data-test=material][data-name="等级认定工作方案.pdf"]').waitFor()
    await waiting.waitFor({ state: 'detached' })
    expect((await unitOf(await login(U('r8-enterprise'), PASSWORD))).missingMaterials.length === 5, 'the work plan did not reach the server')

    await page.click('[data-test=filing-file]')
    const ask = await opened(page)
    expect((await ask.textContent()).includes('还缺 5 项材料'), `the confirmation reads: ${await ask.textContent()}`)
    await ask.locator('.van-dialog__confirm').click()
    await page.locator('[data-test=filing-status]', { hasText: '已备案，待审核' }).waitFor()
    expect((await page.locator('[data-test=filing-reason]').count()) === 0, 'the old reason is still shown')
    expect((await unitOf(await login(U('r8-enterprise'), PASSWORD))).status === 'FILED', 'the filing was not filed again')
    await ctx.close()
  })

  await step('the official approves it, confirming the incomplete materials; the staff see 已审核通过; the dashboard counts the enterprises of T6', async () => {
    const { ctx, page } = await newPage()
    await uiLogin(page, U('r8-official'), PASSWORD)
    await page.waitForURL(/\/dashboard$/)
    await page.locator('[data-test=progress-CERTIFICATION_UNIT]', { hasText: '其中企业' }).waitFor()
    await page.goto(`${BASE}/certification/${f.unit}`)
    await page.locator('[data-test=filing-missing]', { hasText: '缺少 5 项材料' }).waitFor()
    await page.click('[data-test=filing-approve]')
    const ask = await opened(page)
    const asked = await ask.textContent()
    expect(asked.includes('材料不齐全') && asked.includes('还缺 5 项材料') && asked.includes('考评员和督导员名单'), `the confirmation reads: ${asked}`)
    await shot(page, '63-filing-approve-confirm')
    // Cancelled first: nothing happens.
    await ask.locator('.van-dialog__cancel').click()
    await dialog(page).waitFor({ state: 'hidden' })
    expect((await unitOf(await login(U('r8-official'), PASSWORD))).status === 'FILED', 'a cancelled approval approved')
    await page.click('[data-test=filing-approve]')
    await (await opened(page)).locator('.van-dialog__confirm').click()
    await page.locator('[data-test=filing-status]', { hasText: '已审核通过' }).waitFor()
    expect((await page.locator('[data-test=filing-approve]').count()) === 0, 'an approved filing still offers approval')
    expect((await unitOf(await login(U('r8-official'), PASSWORD))).status === 'APPROVED', 'the filing is not approved on the server')
    await shot(page, '63-filing-approved', { fullPage: true })
    await ctx.close()

    const staff = await newPage()
    await uiLogin(staff.page, U('r8-enterprise'), PASSWORD)
    await staff.page.waitForURL(/\/classes$/)
    await staff.page.goto(`${BASE}/certification`)
    await filingRow(staff.page).locator('[data-test=filing-status]', { hasText: '已审核通过' }).waitFor()
    await shot(staff.page, '63-certification-approved')
    await staff.ctx.close()
  })

  await step('the enterprise applies to train apprentices (the college by its credit code); the official accepts it and approves it for the number applied for', async () => {
    const { ctx, page } = await newPage()
    await uiLogin(page, U('r8-enterprise'), PASSWORD)
    await page.waitForURL(/\/classes$/)
    await page.click('[data-test=tab-me]')
    await page.click('[data-test=more-apprenticeship-applications]')
    await page.waitForURL(/\/apprenticeship-applications$/)
    await page.locator('[data-test=applications-empty]').waitFor()
    await page.click('[data-test=new-application]')
    await page.waitForURL(/\/apprenticeship-applications\/new$/)
    expect((await page.locator('[data-test=application-enterprise-own] input').inputValue()) === f.enterprise.name, 'the enterprise is not the staff\'s own')
    await page.fill('[data-test=application-school-code] input', f.college.creditCode)
    await page.locator('[data-test=application-school-found]', { hasText: f.college.name }).waitFor()
    await page.fill('[data-test=application-occupation] input', '电工')
    await page.fill('[data-test=application-apprentices] input', '0')
    await page.fill('[data-test=application-months] input', '12')
    const starts = new Date(Date.now() + 8 * 3600e3 + 30 * 86400e3).toISOString().slice(0, 10)
    await page.fill('[data-test=application-starts] input', starts)
    await page.click('[data-test=application-submit]')
    await page.locator('[data-test=application-apprentices]', { hasText: '1至100000' }).waitFor()
    await page.fill('[data-test=application-apprentices] input', '20')
    await shot(page, '64-application-new', { fullPage: true })
    await page.click('[data-test=application-submit]')
    await page.waitForURL(/\/apprenticeship-applications\/\d+$/)
    f.application = page.url().split('/').pop()
    await page.locator('[data-test=application-state]', { hasText: '待受理' }).waitFor()
    await page.locator('[data-test=application-due]').waitFor()
    const appQ = 'query($id:ID!){ node(id:$id){ ... on ApprenticeshipApplication { state apprentices occupation schoolID acceptanceDueAt } } }'
    let a = (await gql(await login(U('r8-enterprise'), PASSWORD), appQ, { id: f.application })).node
    expect(a.state === 'SUBMITTED' && a.apprentices === 20 && a.schoolID === f.college.id && a.occupation === '电工', `the application on the server: ${JSON.stringify(a)}`)
    await shot(page, '64-application-submitted', { fullPage: true })
    await ctx.close()

    const off = await newPage()
    await uiLogin(off.page, U('r8-official'), PASSWORD)
    await off.page.waitForURL(/\/dashboard$/)
    await off.page.click('[data-test=tab-me]')
    await off.page.click('[data-test=more-apprenticeship-applications]')
    await off.page.waitForURL(/\/apprenticeship-applications$/)
    const row = off.page.locator(`[data-test=application-row][data-name="${f.enterprise.name}"]`)
    await row.waitFor()
    expect((await row.getAttribute('data-state')) === 'SUBMITTED' && (await row.textContent()).includes('前受理') && (await row.textContent()).includes(f.college.name),
      `the queue's row reads: ${await row.textContent()}`)
    await shot(off.page, '64-application-queue')
    await row.click()
    await off.page.waitForURL(new RegExp(`/apprenticeship-applications/${f.application}$`))
    expect((await off.page.locator('[data-test=application-school]').textContent()).includes(f.college.name), 'the school is not named')
    // Approval is of the number applied for: no field to change it.
    expect((await off.page.locator('input[type=digit], input[inputmode=numeric]').count()) === 0, 'the official is offered to change the number')
    await off.page.click('[data-test=application-accept]')
    await off.page.locator('[data-test=application-state]', { hasText: '已受理' }).waitFor()
    await off.page.click('[data-test=application-approve]')
    const ask = await opened(off.page)
    expect((await ask.textContent()).includes('20 名学徒'), `the confirmation reads: ${await ask.textContent()}`)
    await ask.locator('.van-dialog__confirm').click()
    await off.page.locator('[data-test=application-state]', { hasText: '已批准' }).waitFor()
    await shot(off.page, '64-application-approved', { fullPage: true })
    a = (await gql(await login(U('r8-official'), PASSWORD), appQ, { id: f.application })).node
    expect(a.state === 'APPROVED' && a.apprentices === 20, `the application on the server: ${JSON.stringify(a)}`)
    await off.ctx.close()
  })
}
