// End-to-end tests: playwright-core drives Debian's Chromium at a phone
// viewport (Pixel 7) against the real server (PostgreSQL + MinIO, started by
// .ci/e2e.sh). Only BASE_URL, on loopback, is ever contacted.
import { chromium, devices } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { createHash, randomBytes } from 'node:crypto'

const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8080'
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD
if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(BASE)) throw new Error(`BASE_URL must be on loopback, got ${BASE}`)
if (!ADMIN_PASSWORD) throw new Error('ADMIN_PASSWORD is required')
const shots = new URL('../../test-artifacts/e2e/', import.meta.url).pathname
mkdirSync(shots, { recursive: true })
const PASSWORD = 'e2e-password-123'

async function gql(token, query, variables = {}) {
  const res = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  })
  const body = await res.json()
  if (body.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`)
  return body.data
}
const login = async (u, p) => (await gql('', 'mutation($u:String!,$p:String!){ login(input:{username:$u,password:$p}){ accessToken } }', { u, p })).login.accessToken

// GB 32100 credit code and GB 11643 ID number with their check characters.
const CC = '0123456789ABCDEFGHJKLMNPQRTUWXY'
function creditCode(division, seq) {
  const org = String(10000000 + seq).padStart(8, '0')
  const w1 = [3, 7, 9, 10, 5, 8, 4, 2]
  let s = 0
  for (let i = 0; i < 8; i++) s += Number(org[i]) * w1[i]
  const c9 = 11 - (s % 11)
  const first17 = '91' + division + org + (c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9))
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
  let t = 0
  for (let i = 0; i < 17; i++) t += CC.indexOf(first17[i]) * w[i]
  return first17 + CC[(31 - (t % 31)) % 31]
}
function residentID(division, seq) {
  const first17 = `${division}19900101${String(seq).padStart(3, '0')}`
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let s = 0
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * w[i]
  return first17 + '10X98765432'[s % 11]
}

let passed = 0
let failed = 0
async function step(name, fn) {
  try {
    await fn()
    passed++
    console.log(`ok   ${name}`)
  } catch (err) {
    failed++
    console.log(`FAIL ${name}: ${err.stack ?? err}`)
  }
}
function expect(cond, msg) {
  if (!cond) throw new Error(msg)
}

// Fixtures through the API: a Zhengzhou institution with a trainer, an
// official and an inspector, and an inspector in Luoyang.
const admin = await login('admin', ADMIN_PASSWORD)
const region = async (code) => (await gql(admin, 'query($c:String!){ region(code:$c){ id } }', { c: code })).region.id
const zz = await region('410100')
const ly = await region('410300')
const org = (await gql(admin, 'mutation($in:CreateOrganizationInput!){ createOrganization(input:$in){ id } }', {
  in: { name: '郑州职业培训学校', kind: 'TRAINING_INSTITUTION', creditCode: creditCode('410100', 7), regionID: zz },
})).createOrganization.id
for (const [username, role, regionID, organizationID] of [
  ['trainer', 'INSTITUTION_STAFF', zz, org], ['official', 'REGION_OFFICIAL', zz, null],
  ['inspector', 'INSPECTOR', zz, null], ['inspector-ly', 'INSPECTOR', ly, null],
]) {
  await gql(admin, 'mutation($in:CreateUserInput!){ createUser(input:$in){ id } }', {
    in: { username, password: PASSWORD, displayName: username, role, regionID, organizationID },
  })
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
const phone = devices['Pixel 7']
const newPage = async () => {
  const ctx = await browser.newContext({ ...phone, locale: 'zh-CN', permissions: [] })
  const page = await ctx.newPage()
  return { ctx, page }
}
async function uiLogin(page, username, password) {
  await page.goto(`${BASE}/login`)
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', password)
  await page.click('[data-test=login-submit]')
}

let classId = ''
await step('a wrong password shows a clear message', async () => {
  const { ctx, page } = await newPage()
  await uiLogin(page, 'trainer', 'not-the-password')
  const msg = await page.locator('[data-test=login-error]').textContent({ timeout: 10000 })
  expect(msg.includes('用户名或密码错误'), `message: ${msg}`)
  await page.screenshot({ path: shots + '01-login-error.png' })
  await ctx.close()
})

const trainer = await newPage()
await step('a trainer logs in and creates a class', async () => {
  const { page } = trainer
  await uiLogin(page, 'trainer', PASSWORD)
  await page.waitForURL(/\/classes$/)
  await page.screenshot({ path: shots + '02-classes.png' })
  await page.click('[data-test=new-class]')
  await page.fill('input[name=occupation]', '电子商务师')
  await page.fill('input[name=headcount]', '30')
  await page.fill('input[name=start]', new Date().toISOString().slice(0, 10))
  await page.fill('input[name=end]', new Date(Date.now() + 20 * 86400e3).toISOString().slice(0, 10))
  await page.fill('input[name=venue]', '郑州市中原区建设路1号')
  await page.fill('input[name=lat]', '34.7466')
  await page.fill('input[name=lon]', '113.6253')
  await page.screenshot({ path: shots + '03-new-class.png' })
  await page.click('[data-test=save-class]')
  await page.waitForURL(/\/classes\/\d+$/)
  classId = page.url().split('/').pop()
  await page.click('[data-test=submit-class]')
  await page.locator('[data-test=class-status]', { hasText: '已提交' }).waitFor()
})

await step('an official approves it; the trainer enrols trainees (bad rows shown) and records attendance', async () => {
  const official = await login('official', PASSWORD)
  await gql(official, 'mutation($id:ID!){ approveTrainingClass(id:$id){ status } }', { id: classId })
  const { page } = trainer
  await page.reload()
  await page.locator('[data-test=class-status]', { hasText: '已批准' }).waitFor()
  await page.fill('[data-test=enroll-rows] textarea', `甲,${residentID('410102', 1)}\n乙,410102199001010000`)
  await page.click('[data-test=enroll]')
  await page.locator('[data-test=row-errors]').waitFor()
  await page.screenshot({ path: shots + '04-enrol-errors.png' })
  await page.fill('[data-test=enroll-rows] textarea', `甲,${residentID('410102', 1)}\n乙,${residentID('410102', 2)}\n丙,${residentID('410102', 3)}`)
  await page.click('[data-test=enroll]')
  await page.locator('[data-test=present-甲]').waitFor()
  await page.click('[data-test=present-甲]')
  await page.click('[data-test=present-乙]')
  await page.click('[data-test=save-attendance]')
  await page.locator('[data-test=effective]', { hasText: '2' }).waitFor()
  await page.screenshot({ path: shots + '05-class.png', fullPage: true })
})

await step('a 20 MiB video upload survives a cut network and a reload, and ends verified', async () => {
  const { page, ctx } = trainer
  const video = randomBytes(20 * 1024 * 1024)
  const cdp = await ctx.newCDPSession(page)
  await cdp.send('Network.enable')
  // A slow phone network: about 4 MiB/s up, so the upload takes a few seconds.
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: 8 * 1024 * 1024, uploadThroughput: 4 * 1024 * 1024 })
  await page.setInputFiles('[data-test=file]', { name: 'opening.mp4', mimeType: 'video/mp4', buffer: video })
  await page.waitForURL(/\/uploads$/)
  // Wait until some of the file is stored, then cut the network and reload.
  const official = await login('official', PASSWORD)
  let evidenceId = ''
  for (let i = 0; i < 200 && !evidenceId; i++) {
    const d = await gql(official, `query($c:ID!){ node(id:$c){ ... on TrainingClass { evidence(first:5){ edges { node { id status } } } } } }`, { c: classId })
    evidenceId = d.node.evidence.edges[0]?.node.id ?? ''
    if (!evidenceId) await page.waitForTimeout(100)
  }
  expect(evidenceId, 'the upload never began')
  await page.waitForTimeout(1500)
  await page.screenshot({ path: shots + '06-uploading.png' })
  await ctx.setOffline(true)
  await page.waitForTimeout(1000)
  await page.locator('[data-test=offline]').waitFor()
  await ctx.setOffline(false)
  await page.reload()
  await page.locator('[data-test=upload-verified]').waitFor({ timeout: 120000 })
  await page.screenshot({ path: shots + '07-uploaded.png' })
  const d = await gql(official, 'query($id:ID!){ node(id:$id){ ... on Evidence { status sha256 } } }', { id: evidenceId })
  expect(d.node.status === 'VERIFIED', `status ${d.node.status}`)
  expect(d.node.sha256 === createHash('sha256').update(video).digest('hex'), 'checksum differs')
})

await step('an inspector of the region accepts it; one of another region does not see it', async () => {
  const { ctx, page } = await newPage()
  await uiLogin(page, 'inspector', PASSWORD)
  await page.waitForURL(/\/review$/)
  await page.locator('[data-test=decide]').first().waitFor()
  await page.screenshot({ path: shots + '08-review.png' })
  await page.locator('[data-test=decide]').first().click()
  await page.click('[data-test=accept]')
  await page.locator('.van-tag--success').first().waitFor()
  await ctx.close()
  const other = await newPage()
  await uiLogin(other.page, 'inspector-ly', PASSWORD)
  await other.page.waitForURL(/\/review$/)
  await other.page.locator('[data-test=review-empty]').waitFor()
  await other.page.screenshot({ path: shots + '09-review-other-region.png' })
  await other.ctx.close()
})

await step('the app switches to English and back', async () => {
  const { page } = trainer
  await page.goto(`${BASE}/me`)
  await page.getByText('退出登录').waitFor()
  await page.click('[data-test=lang]')
  await page.getByText('Sign out').waitFor()
  await page.screenshot({ path: shots + '10-me-english.png' })
  await page.click('[data-test=lang]')
  await page.getByText('退出登录').waitFor()
})

await step('an official sees campaign progress by category, for the city and each district', async () => {
  const { ctx, page } = await newPage()
  await uiLogin(page, 'official', PASSWORD)
  await page.waitForURL(/\/dashboard$/)
  await page.locator('[data-test=chart] canvas').waitFor({ timeout: 20000 })
  await page.getByText('重点群体培训').first().waitFor()
  await page.screenshot({ path: shots + '12-dashboard.png' })
  await ctx.close()
})

await step('the certificate check page opens without signing in', async () => {
  const { ctx, page } = await newPage()
  await page.goto(`${BASE}/verify?n=410100202000000011`)
  expect((await page.inputValue('[data-test=cert-number] input')) === '410100202000000011', 'number from the link')
  await page.fill('[data-test=cert-name] input', '张三')
  await page.click('[data-test=verify]')
  await page.locator('[data-test=verify-result], .error').first().waitFor()
  await page.screenshot({ path: shots + '11-verify.png' })
  await ctx.close()
})

await browser.close()
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
