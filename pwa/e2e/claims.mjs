// 以工代训 monthly claims (R1, issue 11 item 7): an enterprise's staff file this month's claim from the phone. Another
// enterprise of the county already claimed one of the workers this month (through the API). The staff read the
// enterprise's sheet: a mistyped ID number is refused in Chinese beside its row, the worker claimed elsewhere is marked
// as held. They type a worker (a mistyped number caught on the phone), paste another whose name is not the one
// registered with the number (the server refuses the claim row by row, nothing typed is lost), correct the sheet's bad
// row, remove the refused one, and submit offline (the button says it cannot) then online. The claim shows its state,
// its amount (the workers not held × the province's standard), the held worker and the flag; the API agrees.
import { BASE, PASSWORD, RUN, U, creditCode, expect, gql, login, newPage, opened, residentID, shot, step, uiLogin } from './lib.mjs'

// The province's standard for the enterprises' sector this year: 600 yuan per worker and month, 6 months at most.
const SECTOR = 'CULTURE_TOURISM'
const FEN = 60000
const COUNTY = '410102'

/** chinaMonth is the month it is in China, YYYY-MM (the phone's default month). */
const chinaMonth = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7)
const rand = (n) => Math.floor(Math.random() * n)
const pad = (n) => String(n).padStart(2, '0')

export async function run({ admin }) {
  const f = {}
  await step('claims fixtures: two enterprises on a county ledger with their staff, the year\'s standard, a worker the other enterprise claimed this month', async () => {
    f.month = chinaMonth()
    const city = (await gql(admin, 'query{ region(code:"410100"){ id } }')).region.id
    let county = (await gql(admin, 'query($c:String!){ region(code:$c){ id } }', { c: COUNTY })).region
    county ??= (await gql(admin, 'mutation($c:String!,$p:ID!){ createRegion(input:{ code:$c, name:"中原区", level: COUNTY, parentID:$p }){ id } }', { c: COUNTY, p: city })).createRegion
    const seq = 1000 + rand(8e6)
    const enterprise = async (name, n) =>
      (await gql(admin, 'mutation($in:WorkInLieuEnterpriseInput!){ createWorkInLieuEnterprise(input:$in){ organization { id } } }', {
        in: { regionCode: COUNTY, name, creditCode: creditCode(COUNTY, n), sector: SECTOR, employeeCount: 80, foundBy: 'VISIT' },
      })).createWorkInLieuEnterprise.organization.id
    f.org = await enterprise(`中原文旅公司 ${RUN}`, seq)
    f.other = await enterprise(`二七宾馆 ${RUN}`, seq + 1)
    for (const [username, organizationID] of [['claims-staff', f.org], ['claims-other', f.other]]) {
      await gql(admin, 'mutation($in:CreateUserInput!){ createUser(input:$in){ id } }', {
        in: { username: U(username), password: PASSWORD, displayName: username, role: 'INSTITUTION_STAFF', regionID: county.id, organizationID },
      })
    }
    await gql(admin, 'mutation($y:Int!,$s:OrganizationSector,$f:Int!){ setWorkInLieuStandard(year:$y, sector:$s, fenPerWorkerMonth:$f, maxMonths: 6){ id } }', {
      y: Number(f.month.slice(0, 4)), s: SECTOR, f: FEN,
    })
    // The workers' ID numbers, born on a day of this run (persons are shared by every scenario and run).
    const born = `${1970 + rand(30)}${pad(1 + rand(12))}${pad(1 + rand(28))}`
    const first = 100 + rand(800)
    const w = (name, i) => ({ name, id: residentID('410102', first + i, born) })
    Object.assign(f, { a: w('赵一', 0), b: w('钱二', 1), c: w('孙三', 2), held: w('周海', 3), registered: w('郑七', 4), typed: w('吴五', 5) })
    const other = await login(U('claims-other'), PASSWORD)
    const c = (await gql(other, 'mutation($in:WorkInLieuClaimInput!){ submitWorkInLieuClaim(input:$in){ headcount amountFen flags } }', {
      in: { organizationID: f.other, month: f.month, workers: [f.held, f.registered].map((x) => ({ name: x.name, idNumber: x.id })) },
    })).submitWorkInLieuClaim
    expect(c.headcount === 2 && c.amountFen === 2 * FEN && !(c.flags ?? []).length, `the other enterprise's claim: ${JSON.stringify(c)}`)
  })

  await step('enterprise staff file this month\'s 以工代训 claim from a sheet (a bad row in Chinese, a worker held), typed and pasted rows, a refusal row by row, offline, and read it back', async () => {
    const { ctx, page } = await newPage()
    await uiLogin(page, U('claims-staff'), PASSWORD)
    await page.waitForURL(/\/classes$/)
    await page.click('[data-test=tab-me]')
    await page.click('[data-test=more-claims]')
    await page.waitForURL(/\/claims$/)
    await page.locator('[data-test=claims-empty]').waitFor()
    await shot(page, '40-claims-empty')
    await page.click('[data-test=new-claim]')
    await page.waitForURL(/\/claims\/new$/)
    // This month by default, picked among the months begun (newest first).
    const monthName = `${f.month.slice(0, 4)}年${Number(f.month.slice(5))}月`
    const month = await page.locator('[data-test=claim-month] input').inputValue()
    expect(month === monthName, `the month offered is ${month}, not this month ${monthName}`)
    await page.click('[data-test=claim-month]')
    const months = page.locator('.van-action-sheet__item:visible')
    await months.first().waitFor()
    expect((await months.count()) === 12 && (await months.first().textContent()).trim() === monthName, `months offered: ${await months.allTextContents()}`)
    await shot(page, '40-claim-month')
    await months.first().click()
    await months.first().waitFor({ state: 'hidden' })

    // The enterprise's sheet: row 3 has a mistyped ID number, row 4 a worker the other enterprise claimed this month.
    const mistyped = (id) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0')
    const csv = `姓名,身份证号\n${f.a.name},${f.a.id}\n${f.c.name},${mistyped(f.c.id)}\n${f.held.name},${f.held.id}\n${f.b.name},${f.b.id}\n`
    await page.setInputFiles('[data-test=claim-file]', { name: '以工代训名单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    const bad = page.locator('[data-test=claim-bad]')
    await bad.first().waitFor()
    const badText = await bad.textContent()
    expect((await bad.count()) === 1 && badText.includes('第 3 行') && badText.includes(f.c.name) && badText.includes('校验') && !/[A-Za-z]{3,}/.test(badText),
      `the bad row reads: ${badText}`)
    const good = page.locator('[data-test=claim-good]')
    expect((await good.count()) === 3, `${await good.count()} good rows kept, want 3`)
    const held = page.locator(`[data-test=claim-good][data-name="${f.held.name}"] [data-test=claim-held]`)
    expect((await held.textContent()).includes('该职工本月已由其他企业申领，将暂缓发放并待核查'), 'the held worker is not marked')
    expect((await page.locator('[data-test=claim-held]').count()) === 1, 'only the worker claimed elsewhere is held')
    expect(!(await page.locator('[data-test=claim-good-rows]').textContent()).includes(f.a.id), 'a good row shows its whole ID number')
    await shot(page, '40-claim-sheet', { fullPage: true })

    // Typed: a mistyped number is caught on the phone, in the field, and nothing is added until it is right.
    await page.fill('[data-test=claim-name] input', f.typed.name)
    await page.fill('[data-test=claim-id] input', mistyped(f.typed.id))
    await page.click('[data-test=claim-add]')
    await page.locator('[data-test=claim-id]', { hasText: '校验位不对' }).waitFor()
    expect((await good.count()) === 3, 'a mistyped worker was added')
    await page.fill('[data-test=claim-id] input', f.typed.id)
    await page.click('[data-test=claim-add]')
    await page.locator(`[data-test=claim-good][data-name="${f.typed.name}"]`).waitFor()
    // Pasted: a registered number under another name (the phone cannot know; the server will say).
    const wrongName = `${f.registered.name}七`
    await page.fill('[data-test=claim-paste] textarea', `${wrongName}，${f.registered.id}`)
    await page.click('[data-test=claim-add-pasted]')
    await page.locator(`[data-test=claim-good][data-name="${wrongName}"]`).waitFor()
    // The sheet's bad row corrected in its dialog.
    await bad.locator('[data-test=claim-fix]').click()
    const fix = await opened(page)
    await fix.locator('[data-test=fix-id] input').fill(f.c.id)
    await fix.locator('.van-dialog__confirm').click()
    await page.locator(`[data-test=claim-good][data-name="${f.c.name}"]`).waitFor()
    expect((await bad.count()) === 0 && (await good.count()) === 6, `after the correction: ${await bad.count()} bad, ${await good.count()} good`)

    // Offline the button says it cannot submit, and nothing is lost.
    const submit = page.locator('[data-test=claim-submit]')
    await ctx.setOffline(true)
    await page.locator('[data-test=claim-submit]', { hasText: '离线' }).waitFor()
    expect(await submit.isDisabled(), 'the submit button is enabled offline')
    await shot(page, '40-claim-offline')
    await ctx.setOffline(false)
    await page.locator('[data-test=claim-submit]', { hasText: '提交申领（6 人）' }).waitFor()
    expect((await good.count()) === 6, 'rows were lost offline')

    // The server refuses the whole claim: the pasted row's name, beside it; every row kept.
    await submit.click()
    const refused = page.locator(`[data-test=claim-bad][data-name="${wrongName}"]`)
    await refused.waitFor()
    const refusedText = await refused.textContent()
    expect(refusedText.includes('姓名与该身份证号登记的姓名不一致'), `the refused row reads: ${refusedText}`)
    const error = await page.locator('[data-test=claim-error]').textContent()
    expect(error.includes('行有误') && !/[A-Za-z]{3,}/.test(error), `the refusal reads: ${error}`)
    expect((await good.count()) === 5 && (await submit.isDisabled()), 'the other rows are kept and the claim waits for the bad row')
    await shot(page, '40-claim-refused', { fullPage: true })
    await refused.locator('[data-test=claim-remove]').click()
    expect((await bad.count()) === 0, 'the refused row is still there')
    await page.locator('[data-test=claim-summary]', { hasText: '共 5 人：4 人申领补贴，1 人暂缓发放' }).waitFor()
    await submit.click()

    // The claim: submitted, 4 workers paid × 600 yuan, the held worker and the flag shown, no whole ID number.
    await page.waitForURL(/\/applications\/\d+$/)
    f.id = page.url().split('/').pop()
    await page.locator('[data-test=application-state]', { hasText: '已提交' }).waitFor()
    const amount = await page.locator('[data-test=application-amount]').textContent()
    expect(amount.includes(`${((4 * FEN) / 100).toFixed(2)} 元`) && amount.includes('4 人'), `the amount reads: ${amount}`)
    expect((await page.locator('[data-test=application-month]').textContent()).includes(f.month), 'the month is not shown')
    expect((await page.locator('[data-test=application-flag]').textContent()).includes('有职工已被其他企业申领，待核查'), 'the flag is not shown')
    await page.locator('[data-test=claim-worker]').nth(4).waitFor()
    expect((await page.locator('[data-test=claim-worker]').count()) === 5, 'five workers listed')
    expect((await page.locator(`[data-test=claim-worker][data-name="${f.held.name}"] [data-test=worker-held]`).count()) === 1, 'the held worker is not marked')
    expect((await page.locator('[data-test=worker-held]').count()) === 1, 'only one worker is held')
    const text = await page.locator('body').textContent()
    for (const w of [f.a, f.b, f.c, f.held, f.typed]) expect(!text.includes(w.id), `${w.name}'s whole ID number is shown after submission`)
    await shot(page, '40-claim-detail', { fullPage: true })

    // The API: one claim of the enterprise for the month, 4 paid, 2,400 yuan, flagged, the worker claimed elsewhere held.
    const staff = await login(U('claims-staff'), PASSWORD)
    const d = (await gql(staff, `query($w:SubsidyApplicationWhereInput){ subsidyApplications(first: 10, where:$w){ totalCount
      edges { node { id state headcount amountFen flags claimMonth claimWorkers { name held } } } } }`, { w: { kind: 'WORK_IN_LIEU', claimMonth: f.month, organizationID: f.org } })).subsidyApplications
    const n = d.edges[0]?.node
    const heldOnes = (n?.claimWorkers ?? []).filter((w) => w.held).map((w) => w.name)
    expect(d.totalCount === 1 && n.id === f.id && n.state === 'SUBMITTED' && n.headcount === 4 && n.amountFen === 4 * FEN && (n.flags ?? []).includes('WORKER_CLAIMED_ELSEWHERE') &&
      n.claimWorkers.length === 5 && heldOnes.join() === f.held.name, `the claim on the server: ${JSON.stringify(d)}`)

    // The list: the month, its state, the amount in yuan, the mark.
    await page.goto(`${BASE}/claims`)
    const row = page.locator(`[data-test=claim-row][data-month="${f.month}"]`)
    await row.waitFor()
    const label = await row.locator('[data-test=claim-label]').textContent()
    expect(label.includes('已提交') && label.includes('2400.00 元') && label.includes('4 人'), `the claim's row reads: ${label}`)
    expect((await row.locator('[data-test=claim-flag]').textContent()).includes('有职工已被其他企业申领，待核查'), 'the list does not mark the claim')
    await shot(page, '40-claims')
    // 申请补贴 sends an enterprise's staff to the monthly claims rather than offer 以工代训 among the class-based kinds.
    await page.goto(`${BASE}/applications/new`)
    await page.locator('[data-test=kind-CLASS_TRAINING]').waitFor()
    expect((await page.locator('[data-test=kind-WORK_IN_LIEU]').count()) === 0, 'the class-based form offers 以工代训')
    await page.locator('[data-test=to-claims]').click()
    await page.waitForURL(/\/claims$/)
    await ctx.close()
  })
}
