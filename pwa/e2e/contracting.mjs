// Contracting (包干, R2): a Zhengzhou official opens the ledgers, finds an enterprise of exactly 2,000 employees that
// nobody serves and assigns it to themself; on the enterprise's page they confirm one of the five clears and log a
// field visit with a 12 MiB photo from the phone. The page is reloaded while the photo is half uploaded: the upload
// queue goes on from the parts storage holds (none sent twice) and the visit ends with its photo, verified.
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BASE, PASSWORD, RUN, U, creditCode, expect, gql, login, newPage, shot, step, uiLogin } from './lib.mjs'

export async function run({ admin }) {
  const f = {}
  await step('contracting fixtures: a Zhengzhou official and an enterprise of exactly 2,000 employees nobody serves', async () => {
    const zz = (await gql(admin, 'query{ region(code:"410100"){ id } }')).region.id
    f.name = `郑州装备制造 ${RUN}`
    f.org = (await gql(admin, 'mutation($in:CreateOrganizationInput!){ createOrganization(input:$in){ id } }', {
      in: { name: f.name, kind: 'ENTERPRISE', creditCode: creditCode('410100', Math.floor(Math.random() * 9e6)), regionID: zz, employeeCount: 2000 },
    })).createOrganization.id
    await gql(admin, 'mutation($in:CreateUserInput!){ createUser(input:$in){ id } }', {
      in: { username: U('contract-official'), password: PASSWORD, displayName: `包干干部${RUN}`, role: 'REGION_OFFICIAL', regionID: zz },
    })
    f.token = await login(U('contract-official'), PASSWORD)
  })

  const official = await newPage({ serviceWorkers: 'block' })
  await step('the official opens the ledgers, finds the enterprise among those nobody serves and assigns it to themself', async () => {
    const { page } = official
    await uiLogin(page, U('contract-official'), PASSWORD)
    await page.waitForURL(/\/dashboard$/)
    await page.goto(`${BASE}/me`)
    await page.click('[data-test=more-contracting]')
    await page.waitForURL(/\/contracting$/)
    await page.locator('[data-test=contracting-tier]', { hasText: '省辖市' }).waitFor()
    await page.click('[data-test=contracting-ledgers]')
    await page.locator('[data-test=contracting-ledger]', { hasText: '郑州市' }).waitFor()
    await shot(page, '60-contracting-ledgers')
    await page.locator('[data-test=contracting-ledger]', { hasText: '郑州市' }).click()
    await page.waitForURL(/\/contracting\/unassigned\/410100$/)
    const row = page.locator('[data-test=unassigned-enterprise]', { hasText: f.name })
    await row.waitFor()
    expect((await row.textContent()).includes('2000人'), 'the enterprise of 2,000 employees is not shown with its size')
    await row.locator('[data-test=assign]').click()
    await page.locator('.van-action-sheet__item', { hasText: `包干干部${RUN}` }).click()
    await page.locator('[data-test=assigned]', { hasText: `包干干部${RUN}` }).waitFor()
    await row.waitFor({ state: 'detached' })
    await shot(page, '61-contracting-assigned')
  })

  await step('on the enterprise page the official confirms the first of the five clears, with their name and the time', async () => {
    const { page } = official
    await page.goto(`${BASE}/contracting`)
    await page.locator('[data-test=contracted-enterprise]', { hasText: f.name }).click()
    await page.waitForURL(/\/contracting\/enterprises\//)
    await page.click('[data-test=confirm-ELIGIBLE_STAFF]')
    await page.locator('[data-test=clear-ELIGIBLE_STAFF] [data-test=confirmed]', { hasText: `包干干部${RUN}` }).waitFor()
    await page.locator('.van-cell-group__title', { hasText: '五清 1/5' }).waitFor()
  })

  await step('a visit with a 12 MiB photo: the page is reloaded mid-upload; the photo resumes from the stored parts and ends verified', async () => {
    const { page } = official
    const photo = randomBytes(12 * 1024 * 1024)
    const sent = []
    const held = []
    let phase = 'first'
    const isPart = (req) => req.method() === 'PUT' && new URL(req.url()).searchParams.has('partNumber')
    const partOf = (req) => Number(new URL(req.url()).searchParams.get('partNumber'))
    page.on('response', (res) => {
      if (isPart(res.request()) && res.ok()) sent.push(partOf(res.request()))
    })
    await page.route((url) => url.searchParams.has('partNumber'), async (route) => {
      if (!isPart(route.request())) return route.continue()
      if (phase === 'holding') return void held.push(route)
      if (phase === 'first') phase = 'holding'
      await route.continue()
    })
    const path = join(mkdtempSync(join(tmpdir(), 'e2e-')), 'visit.jpg')
    writeFileSync(path, photo)
    await page.fill('[data-test=participants] input', '职业能力建设处')
    await page.fill('[data-test=visit-notes] textarea', '座谈企业职工培训计划')
    await page.setInputFiles('[data-test=visit-photo]', path)
    await page.locator('[data-test=photos-picked]', { hasText: '1' }).waitFor()
    await page.click('[data-test=save-visit]')
    await page.locator('[data-test=visit-saved]').waitFor()
    await page.locator('[data-test=visit-photo-upload]').waitFor()
    for (let i = 0; i < 300 && sent.length === 0; i++) await page.waitForTimeout(100)
    expect(sent.length === 1, `one part should have gone through, got ${sent}`)
    await shot(page, '62-contracting-visit-uploading')
    // Reloaded mid-upload (the browser asks first: an upload runs on this page).
    let warned = false
    page.once('dialog', (d) => {
      warned = d.type() === 'beforeunload'
      void d.accept()
    })
    phase = 'open'
    for (const r of held) await r.abort('connectionreset').catch(() => {})
    await page.reload({ timeout: 15000 }).catch(() => {})
    expect(warned, 'reloading during an upload did not ask first (beforeunload)')
    const before = [...sent]
    await page.locator('[data-test=visit]', { hasText: '照片 1 张' }).waitFor({ timeout: 120000 })
    await shot(page, '63-contracting-visit-done')
    const again = sent.slice(before.length)
    expect(!again.includes(before[0]), `part ${before[0]} was sent again after the reload (${sent})`)
    expect(new Set(sent).size === 3, `parts sent: ${sent}`) // 12 MiB in 5 MiB parts
    await page.unroute(() => true).catch(() => {})
    const d = await gql(f.token, 'query($o:ID!){ enterpriseVisits(organizationID:$o){ visitorName participants photos { status sha256 size } } }', { o: f.org })
    const v = d.enterpriseVisits
    expect(v.length === 1 && v[0].participants === '职业能力建设处' && v[0].photos.length === 1 && v[0].photos[0].status === 'VERIFIED',
      `visits: ${JSON.stringify(v)}`)
    expect(v[0].photos[0].sha256 === createHash('sha256').update(photo).digest('hex'), 'checksum differs')
  })
}
