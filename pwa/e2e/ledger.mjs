// 以工代训 county ledgers (R1): a Zhengzhou official keeps a county's ledger from the phone: adds an enterprise (a
// mistyped credit code caught on the phone), imports the office's sheet (one bad row: the row report in Chinese,
// nothing written; corrected, imported), marks an enterprise as joined the work group and declares the ledger
// complete, then reads its status against the deadline.
import { BASE, PASSWORD, RUN, U, creditCode, dialog, expect, gql, login, newPage, opened, shot, step, uiLogin } from './lib.mjs'

export async function run({ admin }) {
  const f = {}
  await step('ledger fixtures: a Zhengzhou official, and a county below the city whose ledger is not complete', async () => {
    const city = (await gql(admin, 'query{ region(code:"410100"){ id } }')).region.id
    // 410102 (中原区), made here unless another scenario did; a county whose ledger a former run completed is passed over.
    for (const [code, name] of [['410102', '中原区'], ['410103', '二七区'], ['410104', '管城回族区'], ['410105', '金水区']]) {
      if (!(await gql(admin, 'query($c:String!){ region(code:$c){ id } }', { c: code })).region) {
        await gql(admin, 'mutation($c:String!,$n:String!,$p:ID!){ createRegion(input:{ code:$c, name:$n, level: COUNTY, parentID:$p }){ id } }', { c: code, n: name, p: city })
      }
      const st = (await gql(admin, 'query($c:String!){ countyLedgerStatus(regionCode:$c){ completedAt region { name } } }', { c: code })).countyLedgerStatus
      if (!st.completedAt) {
        Object.assign(f, { code, name: st.region.name })
        break
      }
    }
    expect(f.code, 'every county of the list has a complete ledger')
    await gql(admin, 'mutation($in:CreateUserInput!){ createUser(input:$in){ id } }', {
      in: { username: U('ledger-official'), password: PASSWORD, displayName: 'ledger-official', role: 'REGION_OFFICIAL', regionID: city },
    })
    f.seq = 1000 + Math.floor(Math.random() * 8e6)
  })

  await step('an official adds an enterprise to a county ledger, imports the office sheet (a bad row refused in Chinese, then corrected), marks the work group and completes the ledger', async () => {
    const { page } = await newPage()
    await uiLogin(page, U('ledger-official'), PASSWORD)
    await page.waitForURL(/\/dashboard$/)
    await page.goto(`${BASE}/me`)
    await page.click('[data-test=more-ledger]')
    await page.waitForURL(/\/ledger$/)
    await page.locator('[data-test=ledger-status]').waitFor()
    // A city official picks the county among those below the city.
    if (await page.locator('.van-dropdown-menu__item').count()) {
      await page.locator('.van-dropdown-menu__item').first().click()
      await page.locator('.van-dropdown-item__option:visible', { hasText: f.name }).click()
    }
    await page.locator('[data-test=ledger-status]', { hasText: f.name }).waitFor()
    await page.locator('[data-test=ledger-status]', { hasText: '截止日期 2020-08-25' }).waitFor()
    const count = async () => Number((await page.locator('[data-test=ledger-enterprises]').textContent()).replace(/\D+/g, ''))
    const before = await count()

    // Typed by hand: a mistyped credit code is caught on the phone.
    const name = `郑州国旅 ${RUN}`
    const code = creditCode(f.code, f.seq)
    await page.click('[data-test=ledger-open-add]')
    await page.fill('[data-test=ledger-name] input', name)
    await page.fill('[data-test=ledger-credit] input', code.slice(0, 17) + (code[17] === '0' ? '1' : '0'))
    await page.click('[data-test=ledger-sector]')
    await page.locator('.van-action-sheet__item', { hasText: '文化旅游' }).click()
    await page.fill('[data-test=ledger-employees] input', '120')
    await page.click('[data-test=ledger-save]')
    await page.locator('[data-test=ledger-credit]', { hasText: '校验位' }).waitFor()
    await shot(page, '30-ledger-add')
    await page.fill('[data-test=ledger-credit] input', code.toLowerCase())
    await page.click('[data-test=ledger-save]')
    await page.locator('[data-test=ledger-row]', { hasText: name }).waitFor()
    await page.locator('[data-test=ledger-enterprises]', { hasText: String(before + 1) }).waitFor()

    // The office's sheet: one bad row refuses the whole file.
    const header = '企业名称,统一社会信用代码,所属行业,职工人数,摸排方式,联系人,联系电话,入群日期'
    const good = creditCode(f.code, f.seq + 1)
    const second = creditCode(f.code, f.seq + 2)
    const mistyped = second.slice(0, 17) + (second[17] === '0' ? '1' : '0')
    const sheet = (c) => `${header}\n二七商场 ${RUN},${good},批发零售,300,电话,王经理,138 0013 8000,2020-08-19\n郑州机械厂 ${RUN},${c},制造业,800,部门推送,,,\n`
    await page.setInputFiles('[data-test=ledger-file]', { name: '台账.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet(mistyped)) })
    await page.locator('[data-test=row-errors]').waitFor()
    const report = await page.locator('[data-test=row-errors]').textContent()
    expect(report.includes('第 3 行') && report.includes('统一社会信用代码') && !/[A-Za-z]{4,}/.test(report), `the row report reads: ${report}`)
    expect((await count()) === before + 1, 'a refused sheet wrote')
    await shot(page, '30-ledger-import-errors')
    await page.setInputFiles('[data-test=ledger-file]', { name: '台账.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet(second)) })
    await page.locator('[data-test=ledger-imported]', { hasText: '已导入 2 家企业' }).waitFor()
    await page.locator('[data-test=ledger-enterprises]', { hasText: String(before + 3) }).waitFor()
    await page.locator('[data-test=ledger-row]', { hasText: `二七商场 ${RUN}` }).locator('[data-test=ledger-row-joined]', { hasText: '2020-08-19' }).waitFor()

    // Searched by name (sent once the typing pauses), then marked as joined the work group.
    await page.fill('[data-test=ledger-search] input', `国旅 ${RUN}`)
    await page.waitForFunction(() => document.querySelectorAll('[data-test=ledger-row]').length === 1)
    await page.locator('[data-test=ledger-row]', { hasText: name }).locator('[data-test=ledger-join]').click()
    const join = await opened(page)
    await join.locator('[data-test=join-date] input').fill('2020-08-20')
    await join.locator('.van-dialog__confirm').click()
    await page.locator('[data-test=ledger-row]', { hasText: name }).locator('[data-test=ledger-row-joined]', { hasText: '2020-08-20' }).waitFor()

    // Declared complete with the work group's day, after a confirmation; the deadline passed, so it is late.
    await page.click('[data-test=ledger-complete]')
    const ask = await opened(page)
    await ask.locator('[data-test=complete-date] input').fill('2020-08-18')
    await shot(page, '30-ledger-complete-date')
    await ask.locator('.van-dialog__confirm').click()
    const confirm = page.locator('.van-dialog:visible', { hasText: '不能撤销' })
    await confirm.waitFor()
    expect((await confirm.textContent()).includes(f.name), 'the confirmation names the county')
    await page.waitForFunction(() => !document.querySelector('[class*="-enter-active"]'))
    await confirm.locator('.van-dialog__confirm').click()
    await page.locator('[data-test=ledger-state]', { hasText: '已完成' }).waitFor()
    await page.locator('[data-test=ledger-late]', { hasText: '逾期' }).waitFor()
    await page.locator('[data-test=ledger-group-on]', { hasText: '2020-08-18' }).waitFor()
    expect((await page.locator('[data-test=ledger-complete]').count()) === 0, 'a complete ledger is offered to be completed again')
    await dialog(page).first().waitFor({ state: 'hidden' })
    await shot(page, '30-ledger-complete', { fullPage: true })
    const official = await login(U('ledger-official'), PASSWORD)
    const st = (await gql(official, 'query($c:String!){ countyLedgerStatus(regionCode:$c){ enterprises inWorkGroup workGroupCreatedOn onTime } }', { c: f.code })).countyLedgerStatus
    expect(st.enterprises === before + 3 && st.workGroupCreatedOn === '2020-08-18' && st.onTime === false, `status on the server: ${JSON.stringify(st)}`)
  })
}
