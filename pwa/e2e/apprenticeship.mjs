// New-style apprenticeships (企业新型学徒制, R5, issue 12 part 5): an enterprise in Zhengzhou and a technician college
// sign contracts with apprentices. The college's staff reach the screen from "me", see their quota row at 0 of 500,
// type a contract (the enterprise given by its credit code, which the server names: the college's own code is refused
// as no enterprise; a mistyped ID number caught on the phone), see it in the
// list (the ID number masked) and their quota go to 1; a dispatched worker (劳务派遣工) is refused by the server in Chinese
// beside the switch, everything typed kept, and offline the form says it cannot submit. The enterprise's staff import a
// two-row sheet: a bad row refuses the whole sheet with its row report (nothing signed), the corrected sheet signs both.
// The city's official picks both parties of a contract from the lists, and sees the college in the region's quota list,
// the lagging schools first and marked. The API agrees at each step.
import { BASE, PASSWORD, RUN, U, creditCode, expect, gql, login, newPage, residentID, shot, step, uiLogin } from './lib.mjs'

const CITY = '410100'
const rand = (n) => Math.floor(Math.random() * n)
const pad = (n) => String(n).padStart(2, '0')
/** chinaDay is the day it is in China, YYYY-MM-DD. */
const chinaDay = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)
const mistyped = (id) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0')

export async function run({ admin }) {
  const f = {}
  await step('apprenticeship fixtures: an enterprise and a technician college in Zhengzhou, their staff, a city official', async () => {
    const city = (await gql(admin, 'query($c:String!){ region(code:$c){ id } }', { c: CITY })).region.id
    const seq = 1000 + rand(8e6)
    const org = async (name, kind, n) =>
      (await gql(admin, 'mutation($in:CreateOrganizationInput!){ createOrganization(input:$in){ id name creditCode } }', {
        in: { name, kind, creditCode: creditCode(CITY, n), regionID: city },
      })).createOrganization
    f.enterprise = await org(`郑州精工机械有限公司 ${RUN}`, 'ENTERPRISE', seq)
    f.school = await org(`郑州高级技师学院 ${RUN}`, 'TECHNICIAN_COLLEGE', seq + 1)
    for (const [username, role, organizationID] of [
      ['appr-enterprise', 'INSTITUTION_STAFF', f.enterprise.id], ['appr-school', 'INSTITUTION_STAFF', f.school.id], ['appr-official', 'REGION_OFFICIAL', null],
    ]) {
      await gql(admin, 'mutation($in:CreateUserInput!){ createUser(input:$in){ id } }', {
        in: { username: U(username), password: PASSWORD, displayName: username, role, regionID: city, organizationID },
      })
    }
    // The apprentices' ID numbers, born on a day of this run (persons are shared by every scenario and run).
    const born = `${1998 + rand(6)}${pad(1 + rand(12))}${pad(1 + rand(28))}`
    const first = 100 + rand(800)
    const a = (name, i) => ({ name, id: residentID('410105', first + i, born) })
    Object.assign(f, { typed: a('陈小明', 0), dispatched: a('林派遣', 1), sheetA: a('黄一鸣', 2), sheetB: a('吴二丽', 3), byOfficial: a('郭三强', 4) })
    f.today = chinaDay()
    f.year = Number(f.today.slice(0, 4))
  })

  /** row is the contract of an apprentice with this run's enterprise, as a screen lists it (officials read other runs' too). */
  const row = (page, a) => page.locator(`[data-test=contract-row][data-name="${a.name}"]`, { hasText: f.enterprise.name })
  /** count is how many contracts a user reads. */
  const count = async (token) => (await gql(token, 'query{ apprenticeshipContracts(first: 1){ totalCount } }')).apprenticeshipContracts.totalCount
  const quotaOf = async (token) =>
    (await gql(token, 'query($c:String!,$y:Int!){ apprenticeshipQuotas(regionCode:$c, year:$y){ school { id } signed quota lagging } }', { c: CITY, y: f.year }))
      .apprenticeshipQuotas.find((q) => q.school.id === f.school.id)

  await step('school staff type a contract (the enterprise by its credit code, a mistyped ID number caught on the phone), see it in the list and their quota go from 0 to 1', async () => {
    const { ctx, page } = await newPage()
    await uiLogin(page, U('appr-school'), PASSWORD)
    await page.waitForURL(/\/classes$/)
    await page.click('[data-test=tab-me]')
    await page.click('[data-test=more-apprenticeships]')
    await page.waitForURL(/\/apprenticeships$/)
    const quota = page.locator(`[data-test=my-quota] [data-test=quota-row][data-school="${f.school.name}"]`)
    await quota.waitFor()
    expect((await quota.getAttribute('data-signed')) === '0', `the quota row starts at ${await quota.getAttribute('data-signed')}`)
    expect((await quota.textContent()).includes('已签订 0 / 500 份') && (await quota.textContent()).includes('技师学院'), `the quota row reads: ${await quota.textContent()}`)
    await page.locator('[data-test=contracts-empty]').waitFor()
    await shot(page, '50-apprenticeships-empty')

    await page.click('[data-test=new-contract]')
    await page.waitForURL(/\/apprenticeships\/new$/)
    // The school is fixed as the staff's own party; the enterprise is picked or given by its credit code.
    await page.locator('[data-test=contract-enterprise]').waitFor()
    expect((await page.locator('[data-test=contract-school-own] input').inputValue()) === f.school.name, 'the school is not the staff\'s own')
    await page.click('[data-test=contract-enterprise]')
    await page.locator('[data-test=party-none]').waitFor()
    await shot(page, '50-contract-picker-empty')
    await page.click('[data-test=party-close]')
    await page.locator('[data-test=party-picker]').waitFor({ state: 'hidden' })
    // A credit code names its party through the server (contractParty): the college's own code is no enterprise.
    await page.fill('[data-test=contract-enterprise-code] input', f.school.creditCode)
    await page.locator('[data-test=contract-enterprise-code]', { hasText: '不是企业' }).waitFor()
    await page.fill('[data-test=contract-enterprise-code] input', f.enterprise.creditCode.toLowerCase())
    const named = await page.locator('[data-test=contract-enterprise-found]').textContent()
    expect(named.includes(f.enterprise.name) && named.includes('郑州市'), `the enterprise found by its credit code reads: ${named}`)
    expect(!(await page.locator('[data-test=contract-enterprise-code]').textContent()).includes('不是企业'), 'the wrong-kind message stays')
    await page.fill('[data-test=contract-name] input', f.typed.name)
    await page.fill('[data-test=contract-id] input', mistyped(f.typed.id))
    await page.fill('[data-test=contract-occupation] input', '数控车工')
    await page.click('[data-test=contract-level]')
    await page.locator('.van-action-sheet__item:visible', { hasText: '四级（中级工）' }).click()
    await page.locator('.van-action-sheet__item:visible').first().waitFor({ state: 'hidden' })
    await page.fill('[data-test=contract-starts] input', f.today)
    await page.fill('[data-test=contract-months] input', '24')
    await page.fill('[data-test=contract-enterprise-tutor] input', '张建国')
    await page.fill('[data-test=contract-school-tutor] input', '李老师')
    await page.click('[data-test=contract-submit]')
    await page.locator('[data-test=contract-id]', { hasText: '校验位不对' }).waitFor()
    expect((await count(await login(U('appr-school'), PASSWORD))) === 0, 'a contract with a mistyped ID number was sent')
    await shot(page, '50-contract-mistyped', { fullPage: true })
    await page.fill('[data-test=contract-id] input', f.typed.id)
    await page.click('[data-test=contract-submit]')

    await page.waitForURL(/\/apprenticeships$/)
    const signed = row(page, f.typed)
    await signed.waitFor()
    const text = await signed.textContent()
    expect(text.includes(f.enterprise.name) && text.includes(f.school.name) && text.includes('数控车工') && text.includes('四级（中级工）') &&
      text.includes(`${f.today} 起 24 个月`) && text.includes('企业导师 张建国') && text.includes('院校导师 李老师'), `the contract reads: ${text}`)
    const masked = await signed.locator('[data-test=contract-id]').textContent()
    expect(masked === `${f.typed.id.slice(0, 4)}**********${f.typed.id.slice(14)}`, `the ID number shows as ${masked}`)
    expect(!(await page.locator('body').textContent()).includes(f.typed.id), 'the whole ID number is shown')
    await page.locator(`[data-test=my-quota] [data-test=quota-row][data-signed="1"]`).waitFor()
    expect((await quota.textContent()).includes('已签订 1 / 500 份'), `the quota row reads: ${await quota.textContent()}`)
    await shot(page, '50-apprenticeships-signed')
    const staff = await login(U('appr-school'), PASSWORD)
    const k = (await gql(staff, 'query{ apprenticeshipContracts(first: 5){ totalCount edges { node { apprenticeName enterpriseID schoolID occupation level months startsOn signedOn enterpriseTutor schoolTutor } } } }')).apprenticeshipContracts
    const n = k.edges[0]?.node
    expect(k.totalCount === 1 && n.apprenticeName === f.typed.name && n.enterpriseID === f.enterprise.id && n.schoolID === f.school.id && n.level === 4 && n.months === 24 &&
      n.startsOn === f.today && n.enterpriseTutor === '张建国' && n.schoolTutor === '李老师', `the contract on the server: ${JSON.stringify(k)}`)
    // Signed today by the server's clock (which the other scenarios may have moved on).
    expect(text.includes(`${n.signedOn} 签订`), `the contract's day of signing (${n.signedOn}) is not shown: ${text}`)
    expect((await quotaOf(staff))?.signed === 1, 'the quota on the server')
    f.ctx = ctx
    f.page = page
  })

  await step('a dispatched worker (劳务派遣工) is refused by the server in Chinese beside the switch, everything typed kept; offline the form cannot submit', async () => {
    const { ctx, page } = f
    await page.click('[data-test=new-contract]')
    await page.waitForURL(/\/apprenticeships\/new$/)
    // The enterprise signed with before is offered by name.
    await page.click('[data-test=contract-enterprise]')
    await page.locator(`[data-test=party-option][data-name="${f.enterprise.name}"]`).click()
    await page.locator('[data-test=party-picker]').waitFor({ state: 'hidden' })
    expect((await page.locator('[data-test=contract-enterprise] input').inputValue()) === f.enterprise.name, 'the enterprise picked is not shown')
    expect((await page.locator('[data-test=contract-enterprise-code]').count()) === 0, 'the credit code is still asked for')
    const typed = { name: f.dispatched.name, id: f.dispatched.id, occupation: '焊工', starts: f.today, months: '12', tutor: '王师傅' }
    await page.fill('[data-test=contract-name] input', typed.name)
    await page.fill('[data-test=contract-id] input', typed.id)
    await page.fill('[data-test=contract-occupation] input', typed.occupation)
    await page.fill('[data-test=contract-starts] input', typed.starts)
    await page.fill('[data-test=contract-months] input', typed.months)
    await page.fill('[data-test=contract-enterprise-tutor] input', typed.tutor)
    expect((await page.locator('[data-test=dispatched-warning]').count()) === 0, 'the warning shows before the switch is on')
    await page.click('[data-test=contract-dispatched]')
    const warning = await page.locator('[data-test=dispatched-warning]').textContent()
    expect(warning.includes('劳务派遣工') && warning.includes('拒绝'), `the warning reads: ${warning}`)

    // Offline: the button says it cannot submit; nothing typed is lost.
    const submit = page.locator('[data-test=contract-submit]')
    await ctx.setOffline(true)
    await page.locator('[data-test=contract-submit]', { hasText: '离线' }).waitFor()
    expect(await submit.isDisabled(), 'the submit button is enabled offline')
    await shot(page, '51-contract-offline', { fullPage: true })
    await ctx.setOffline(false)
    await page.locator('[data-test=contract-submit]', { hasText: '签订合同' }).waitFor()

    await submit.click()
    const beside = page.locator('[data-test=contract-dispatched-field]', { hasText: '劳务派遣工不能作为用工企业的新型学徒' })
    await beside.waitFor()
    const error = await page.locator('[data-test=contract-error]').textContent()
    expect(error.includes('合同未签订') && !/[A-Za-z]{3,}/.test(error), `the refusal reads: ${error}`)
    const kept = {
      name: await page.locator('[data-test=contract-name] input').inputValue(), id: await page.locator('[data-test=contract-id] input').inputValue(),
      occupation: await page.locator('[data-test=contract-occupation] input').inputValue(), starts: await page.locator('[data-test=contract-starts] input').inputValue(),
      months: await page.locator('[data-test=contract-months] input').inputValue(), tutor: await page.locator('[data-test=contract-enterprise-tutor] input').inputValue(),
    }
    expect(JSON.stringify(kept) === JSON.stringify(typed), `the form kept ${JSON.stringify(kept)}, typed ${JSON.stringify(typed)}`)
    expect((await page.locator('[data-test=contract-dispatched]').getAttribute('aria-checked')) === 'true', 'the switch was turned off')
    expect((await page.locator('[data-test=contract-enterprise] input').inputValue()) === f.enterprise.name, 'the enterprise picked was lost')
    await shot(page, '51-contract-dispatched-refused', { fullPage: true })
    expect((await count(await login(U('appr-school'), PASSWORD))) === 1, 'the dispatched worker was signed')
    await ctx.close()
  })

  await step('enterprise staff import a two-row sheet: a bad row refuses it with its row report (nothing signed), the corrected sheet signs both', async () => {
    const { ctx, page } = await newPage()
    await uiLogin(page, U('appr-enterprise'), PASSWORD)
    await page.waitForURL(/\/classes$/)
    await page.click('[data-test=tab-me]')
    await page.click('[data-test=more-apprenticeships]')
    await page.waitForURL(/\/apprenticeships$/)
    // The contract the school typed is the enterprise's too; an enterprise has no quota.
    await row(page, f.typed).waitFor()
    expect((await page.locator('[data-test=my-quota]').count()) === 0, 'an enterprise is shown a quota')
    const header = '企业统一社会信用代码,院校统一社会信用代码,姓名,身份证号,职业（工种）,等级,开始日期,期限（月）,企业导师,院校导师,是否劳务派遣\n'
    const line = (a, id) => `${f.enterprise.creditCode},${f.school.creditCode},${a.name},${id},电工,三级,${f.today},18,张建国,李老师,否\n`
    await page.setInputFiles('[data-test=contract-file]', { name: '学徒合同.csv', mimeType: 'text/csv', buffer: Buffer.from(header + line(f.sheetA, f.sheetA.id) + line(f.sheetB, mistyped(f.sheetB.id))) })
    const report = page.locator('[data-test=row-errors]')
    await report.waitFor()
    const bad = page.locator('[data-test=contract-bad-row]')
    const badText = await bad.first().textContent()
    expect((await bad.count()) === 1 && (await bad.first().getAttribute('data-row')) === '3' && badText.includes('第 3 行') && badText.includes('校验') && !/[A-Za-z]{3,}/.test(badText),
      `the row report reads: ${await report.textContent()}`)
    expect((await page.locator('[data-test=contract-import-refused]').textContent()).includes('没有签订任何合同'), 'the refusal does not say nothing was signed')
    expect((await row(page, f.sheetA).count()) === 0, 'the good row was signed')
    const staff = await login(U('appr-enterprise'), PASSWORD)
    expect((await count(staff)) === 1, 'a row of the refused sheet was signed')
    await shot(page, '52-contract-import-refused', { fullPage: true })

    await page.setInputFiles('[data-test=contract-file]', { name: '学徒合同（修改）.csv', mimeType: 'text/csv', buffer: Buffer.from(header + line(f.sheetA, f.sheetA.id) + line(f.sheetB, f.sheetB.id)) })
    await page.locator('[data-test=contract-imported]', { hasText: '已签订 2 份合同' }).waitFor()
    expect((await page.locator('[data-test=row-errors]').count()) === 0, 'the row report stays')
    await row(page, f.sheetB).waitFor()
    await row(page, f.sheetA).waitFor()
    expect((await page.locator('[data-test=contract-row]').count()) === 3, `${await page.locator('[data-test=contract-row]').count()} contracts listed, want 3`)
    const text = await page.locator('body').textContent()
    for (const a of [f.typed, f.sheetA, f.sheetB]) expect(!text.includes(a.id), `${a.name}'s whole ID number is shown`)
    await shot(page, '52-contract-imported', { fullPage: true })
    expect((await count(staff)) === 3, 'the corrected sheet did not sign both rows')
    await ctx.close()
  })

  await step('the city official picks both parties of a contract from the lists, and sees the college in the region\'s quota list, lagging first and marked', async () => {
    const { ctx, page } = await newPage()
    await uiLogin(page, U('appr-official'), PASSWORD)
    await page.waitForURL(/\/dashboard$/)
    await page.click('[data-test=tab-me]')
    await page.click('[data-test=more-apprenticeships]')
    await page.waitForURL(/\/apprenticeships$/)
    await row(page, f.sheetA).waitFor()
    await page.click('[data-test=new-contract]')
    await page.waitForURL(/\/apprenticeships\/new$/)
    for (const [side, org] of [['enterprise', f.enterprise], ['school', f.school]]) {
      await page.click(`[data-test=contract-${side}]`)
      await page.fill('[data-test=party-search] input', RUN)
      await page.locator(`[data-test=party-option][data-name="${org.name}"]`).click()
      await page.locator('[data-test=party-picker]').waitFor({ state: 'hidden' })
      expect((await page.locator(`[data-test=contract-${side}] input`).inputValue()) === org.name, `the ${side} picked is not shown`)
    }
    await page.fill('[data-test=contract-name] input', f.byOfficial.name)
    await page.fill('[data-test=contract-id] input', f.byOfficial.id)
    await page.fill('[data-test=contract-occupation] input', '钳工')
    await page.fill('[data-test=contract-starts] input', f.today)
    await page.fill('[data-test=contract-months] input', '6')
    await shot(page, '53-contract-official', { fullPage: true })
    await page.click('[data-test=contract-submit]')
    await page.waitForURL(/\/apprenticeships$/)
    await row(page, f.byOfficial).waitFor()

    await page.locator('[role=tab]', { hasText: '院校签约进度' }).click()
    const college = page.locator(`[data-test=quotas] [data-test=quota-row][data-school="${f.school.name}"]`)
    await college.waitFor()
    const text = await college.textContent()
    const q = await quotaOf(await login(U('appr-official'), PASSWORD))
    expect(q?.signed === 4 && q.quota === 500 && (await college.getAttribute('data-signed')) === '4' && text.includes('已签订 4 / 500 份'), `the college's row reads: ${text} (server: ${JSON.stringify(q)})`)
    // 4 of 500 by December trails the year: marked, and the lagging schools come first.
    expect(q.lagging && (await college.locator('[data-test=quota-lagging]').textContent()).includes('进度滞后'), `the college is not marked lagging: ${text}`)
    const order = await page.locator('[data-test=quotas] [data-test=quota-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-lagging')))
    expect(order.indexOf('false') === -1 || order.lastIndexOf('true') < order.indexOf('false'), `the lagging schools are not first: ${order}`)
    expect((await page.locator('[data-test=quota-summary]').textContent()).includes('进度滞后'), 'no summary')
    await shot(page, '53-apprenticeship-quotas', { fullPage: true })
    await page.goto(`${BASE}/apprenticeships`)
    await row(page, f.byOfficial).waitFor()
    await ctx.close()
  })
}
