// R9 (issue 13): a Kaifeng official reviews the ten-day report of 21–31 October 2020 in the inbox and submits it with
// a comment; the province admin reads the October bulletin (the ranking, printable, and its PDF) and confirms a summons
// from the list with a reason, which is then shown as confirmed.
import { BASE, PASSWORD, U, expect, gql, newPage, shot, step, uiLogin } from './lib.mjs'

export async function run({ admin }) {
  const f = {}
  await step('reports fixtures: a Kaifeng official; the reports of 11–20 and 21–31 October 2020 frozen', async () => {
    const kf = (await gql(admin, 'query{ region(code:"410200"){ id } }')).region.id
    await gql(admin, 'mutation($in:CreateUserInput!){ createUser(input:$in){ id } }', {
      in: { username: U('reports-kf'), password: PASSWORD, displayName: 'reports-kf', role: 'REGION_OFFICIAL', regionID: kf },
    })
    for (const p of ['2020-10-11', '2020-10-21']) await gql(admin, 'mutation($p:Date!){ generateTenDayReports(periodStart:$p) }', { p })
    const reps = (await gql(admin, 'query{ tenDayReports(regionCode:"410200", from:"2020-10-21", to:"2020-10-21"){ status allowedActions } }')).tenDayReports
    expect(reps.length >= 1, 'Kaifeng has a report of 21–31 October')
    f.fresh = reps[0].status === 'DRAFT'
  })

  await step('the Kaifeng official reviews the ten-day report in the inbox and submits it with a comment', async () => {
    const { page } = await newPage()
    await uiLogin(page, U('reports-kf'), PASSWORD)
    await page.waitForURL(/\/dashboard$/)
    await page.goto(`${BASE}/me`)
    await page.click('[data-test=more-reports]')
    await page.waitForURL(/\/reports$/)
    const current = page.locator('[data-test=report-current]')
    await current.waitFor()
    await page.locator('.van-cell-group__title', { hasText: '2020-10-21 至 2020-10-31' }).first().waitFor()
    expect((await current.textContent()).includes('重点群体培训'), 'the figures by category, in Chinese')
    if (f.fresh) {
      await page.fill('[data-test=report-comment] textarea', '本旬按计划推进')
      await shot(page, '60-report-inbox')
      await page.click('[data-test=report-submit]')
      await page.locator('[data-test=report-current]', { hasText: '已提交' }).waitFor()
      await page.locator('[data-test=report-current]', { hasText: '本旬按计划推进' }).waitFor()
    }
    // Submitted, it is corrected only with a new version.
    await page.locator('[data-test=report-correct]').waitFor()
    // Two periods side by side.
    await page.click('[data-test=report-compare]')
    await page.locator('[data-test=report-comparison]').waitFor()
    await page.context().close()
  })

  await step('the province admin reads the October bulletin (ranked, printable, as a PDF) and confirms a summons with a reason', async () => {
    const { page } = await newPage()
    await uiLogin(page, 'admin', process.env.ADMIN_PASSWORD)
    await page.waitForURL(/\/dashboard$/)
    await page.goto(`${BASE}/reports`)
    await page.locator('.van-tab', { hasText: '通报' }).click()
    await page.fill('[data-test=bulletin-month] input', '2020-10')
    await page.locator('[data-test=bulletin-month] input').blur()
    const b = page.locator('[data-test=bulletin]')
    await b.waitFor()
    expect((await b.textContent()).includes('河南省2020-10工作进展情况通报'), `the heading: ${(await b.textContent()).slice(0, 80)}`)
    await page.locator('[data-test=bulletin-row-410200]').waitFor()
    await page.locator('[data-test=bulletin-print]').waitFor()
    await shot(page, '61-bulletin')
    // The PDF an office sends as is.
    const pdf = await page.evaluate(async () => {
      const s = JSON.parse(localStorage.getItem('bairi.session') ?? 'null')
      const r = await fetch('/exports/bulletin.pdf?month=2020-10', { headers: s ? { Authorization: `Bearer ${s.accessToken}` } : {} })
      return { status: r.status, type: r.headers.get('content-type') }
    })
    expect(pdf.status === 200 && pdf.type === 'application/pdf', `the PDF: ${JSON.stringify(pdf)}`)

    await page.locator('.van-tab', { hasText: '约谈' }).click()
    const open = page.locator('[data-test^=summons-4]', { has: page.locator('[data-test=summons-confirm]') }).first()
    await open.waitFor()
    expect((await open.textContent()).includes('未按时报送旬报'), `the facts: ${await open.textContent()}`)
    await open.locator('[data-test=summons-reason] input').fill('旬报未按时报送，约谈分管负责人')
    await open.locator('[data-test=summons-confirm]').click()
    await page.locator('[data-test=summons-done]', { hasText: '旬报未按时报送，约谈分管负责人' }).first().waitFor()
    await shot(page, '62-summons')
    await page.context().close()
  })
}
