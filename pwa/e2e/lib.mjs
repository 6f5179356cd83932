// What every browser scenario shares: the server's address, steps and their count, GraphQL through
// fetch, fixtures with valid ID numbers and credit codes, pages at a phone viewport that are watched
// (requests off loopback, tap targets under 44 px, English shown to a zh-CN user), screenshots.
// run.mjs is the entry point; each scenario file exports run(env) and is called from it.
import { chromium, devices } from 'playwright-core'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

export const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8080'
export const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/
if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/?$/.test(BASE)) {
  console.log(`BASE_URL must be http:// on loopback, got ${BASE}\n0 passed, 1 failed`)
  process.exit(1)
}
if (!ADMIN_PASSWORD) {
  console.log('ADMIN_PASSWORD is required (the server\'s BOOTSTRAP_ADMIN_PASSWORD)\n0 passed, 1 failed')
  process.exit(1)
}
export const shots = new URL('../../test-artifacts/e2e/', import.meta.url).pathname
mkdirSync(shots, { recursive: true })
export const PASSWORD = 'e2e-password-123'
// Names of this run, so that the tests can run again against the same server.
export const RUN = Date.now().toString(36).slice(-6)
export const U = (name) => `${name}-${RUN}`

let passed = 0
let failed = 0
export async function step(name, fn) {
  try {
    await fn()
    passed++
    console.log(`ok   ${name}`)
  } catch (err) {
    failed++
    console.log(`FAIL ${name}: ${err?.stack ?? err}`)
  }
}
export function expect(cond, msg) {
  if (!cond) throw new Error(msg)
}

export async function gql(token, query, variables = {}) {
  const res = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  })
  const body = await res.json()
  if (body.errors) throw Object.assign(new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`), { errors: body.errors })
  return body.data
}
export const login = async (u, p) => (await gql('', 'mutation($u:String!,$p:String!){ login(input:{username:$u,password:$p}){ accessToken } }', { u, p })).login.accessToken

// GB 32100 credit code and GB 11643 ID number with their check characters.
export const CC = '0123456789ABCDEFGHJKLMNPQRTUWXY'
export function creditCode(division, seq) {
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
/** residentID is a valid ID number of the division, born on born (YYYYMMDD), with the sequence number seq (0-999). */
export function residentID(division, seq, born = '19900101') {
  const first17 = `${division}${born}${String(seq).padStart(3, '0')}`
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let s = 0
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * w[i]
  return first17 + '10X98765432'[s % 11]
}

/**
 * completedClass opens a KEY_GROUP class of the organisation through the API, has it approved, enrols the
 * trainees (ID numbers in the division), runs it and records every trainee as passed; electronic(i) false
 * leaves trainee i with an electronic-certificate number only (R12). It returns the class id.
 */
export async function completedClass({ staff, approver, org, occupation, venue, division, names, electronic = () => true }) {
  const cls = (await gql(staff, 'mutation($in:CreateTrainingClassInput!){ createTrainingClass(input:$in){ id } }', {
    in: { organizationID: org, category: 'KEY_GROUP', occupation, level: 4, approvedHeadcount: names.length,
      plannedStart: '2026-11-02', plannedEnd: '2026-11-20', venueAddress: venue, venueLatitude: 34.7466, venueLongitude: 113.6253 },
  })).createTrainingClass.id
  const on = (token, field) => gql(token, `mutation($id:ID!){ ${field}(id:$id){ id } }`, { id: cls })
  await on(staff, 'submitTrainingClass')
  await on(approver, 'approveTrainingClass')
  const seq = 100 + Math.floor(Math.random() * 700)
  const enrolled = (await gql(staff, 'mutation($c:ID!,$p:[EnrollPersonInput!]!){ enrollPersons(classID:$c, persons:$p){ person { id } } }', {
    c: cls, p: names.map((name, i) => ({ name, idNumber: residentID(division, seq + i) })),
  })).enrollPersons
  await on(staff, 'startTrainingClass')
  await on(staff, 'completeTrainingClass')
  await gql(staff, 'mutation($c:ID!,$r:[AssessmentResultInput!]!){ recordAssessmentResults(classID:$c, results:$r){ id } }', {
    c: cls, r: enrolled.map((e, i) => ({ personID: e.person.id, passed: true, electronicCertificate: electronic(i) })),
  })
  return cls
}

/** apiUpload runs the four upload steps through the API for a small file (one part) and returns the evidence id. */
export async function apiUpload(token, classID, kind, bytes, contentType = 'video/mp4', fileName = 'recording.mp4') {
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const begun = (await gql(token, 'mutation($in:BeginEvidenceUploadInput!){ beginEvidenceUpload(input:$in){ evidence { id } partCount } }', {
    in: { classID, kind, fileName, contentType, size: bytes.length, sha256, capturedAt: new Date().toISOString() },
  })).beginEvidenceUpload
  const id = begun.evidence.id
  const parts = (await gql(token, 'mutation($id:ID!,$p:[Int!]!){ evidenceUploadParts(evidenceID:$id, partNumbers:$p){ partNumber url headers { name value } } }', { id, p: [1] })).evidenceUploadParts
  const done = []
  for (const p of parts) {
    const headers = Object.fromEntries(p.headers.filter((h) => !/^(host|content-length)$/i.test(h.name)).map((h) => [h.name, h.value]))
    const res = await fetch(p.url.startsWith('/') ? BASE + p.url : p.url, { method: 'PUT', headers, body: bytes })
    expect(res.ok, `PUT part ${p.partNumber}: ${res.status}`)
    done.push({ partNumber: p.partNumber, etag: res.headers.get('etag') })
  }
  let c = (await gql(token, 'mutation($id:ID!,$p:[CompletedPartInput!]!){ completeEvidenceUpload(evidenceID:$id, parts:$p){ status } }', { id, p: done })).completeEvidenceUpload
  // The server checks the assembled file off the request (VERIFYING): ask, as the phone does.
  for (let i = 0; i < 300 && c.status === 'VERIFYING'; i++) {
    await new Promise((r) => setTimeout(r, 100))
    c = (await gql(token, 'query($id:ID!){ evidenceUploadStatus(evidenceID:$id){ evidence { status } } }', { id })).evidenceUploadStatus.evidence
  }
  expect(c.status === 'VERIFIED', `upload ${id} is ${c.status}`)
  return id
}

// Every request the browser makes must stay on loopback.
export const strayRequests = []
// Tap targets under 44 px, per screen.
export const smallTargets = []
// Messages in English shown to a zh-CN user, per screen.
export const englishMessages = []
// axe-core's findings, per screen: WCAG 2 A/AA violations of impact serious or critical, and any
// violation of the landmark and heading rules (one <main>, one <h1>, all content in landmarks).
export const axeViolations = []
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const AXE_STRUCTURE = ['region', 'landmark-one-main', 'page-has-heading-one']

/** axeCheck runs axe-core on the screen as it is once its transitions are over and records what it finds. */
async function axeCheck(page, name) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  const found = await page.evaluate(async (structure) => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    })
    return r.violations
      .filter((v) => structure.includes(v.id) || ((v.impact === 'serious' || v.impact === 'critical') && v.tags.some((t) => t.startsWith('wcag'))))
      .map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }))
  }, AXE_STRUCTURE)
  for (const v of found) axeViolations.push(`${name}: ${v.id} (${v.impact}, ${v.targets.length}x) ${v.targets.slice(0, 3).join(' | ')}`)
}

/** shot checks the tap targets and accessibility (axe-core) of the screen and saves its screenshot. */
export async function shot(page, name, opts = {}) {
  // A dialog, action sheet or toast mid-animation is scaled and half transparent: its buttons would
  // measure small and axe would misjudge its contrast. Wait for Vue's transitions to end.
  await page.waitForFunction(() => !document.querySelector('[class*="-enter-active"], [class*="-leave-active"]'), null, { timeout: 5000 }).catch(() => {})
  // CSS transitions too (a button fading in from disabled, a sheet sliding up); endless ones (spinners, marquees) aside.
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), null, { timeout: 5000 })
    .catch(() => {})
  const small = await page.evaluate(() => {
    const out = []
    const sel = 'button, a[href], input:not([type=hidden]):not([type=file]), textarea, select, [role=button], [role=checkbox], [role=radio], [role=tab], .van-tabbar-item, .van-cell--clickable, label.van-button'
    for (const el of document.querySelectorAll(sel)) {
      const target =
        el.closest('.van-cell--clickable, .van-field') ?? el.closest('.van-button, .van-tabbar-item, .van-cell, .van-checkbox, .van-radio, .van-nav-bar__left, .van-nav-bar__right, .van-dropdown-menu__item') ?? el
      const r = target.getBoundingClientRect()
      const style = getComputedStyle(target)
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || target.closest('[aria-hidden=true]')) continue
      if (r.height < 43.5 || r.width < 43.5) out.push(`${target.tagName.toLowerCase()}.${[...target.classList].slice(0, 2).join('.')} "${(target.textContent ?? '').trim().slice(0, 20)}" ${Math.round(r.width)}x${Math.round(r.height)}`)
    }
    return [...new Set(out)]
  })
  for (const s of small) smallTargets.push(`${name}: ${s}`)
  const english = await page.evaluate(() =>
    document.documentElement.lang === 'zh-CN'
      ? [...document.querySelectorAll('[role=alert], .error, .van-toast, .van-dialog__message, [data-test=row-errors]')].map((e) => (e.textContent ?? '').trim()).filter((t) => /[A-Za-z]{3,}/.test(t))
      : [],
  )
  for (const m of english) englishMessages.push(`${name}: ${m}`)
  await axeCheck(page, name)
  await page.screenshot({ path: `${shots}${name}.png`, ...opts })
}

let browser
const contexts = []

/** launch starts Debian's Chromium headless, with the flags this machine's closed network needs. */
export async function launch() {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/** crashed counts an error that escaped every step as a failure. */
export function crashed(err) {
  failed++
  console.log(`FAIL ${err?.stack ?? err}`)
}

/**
 * finish closes the browser, counts the loopback check as a step of its own, prints
 * "N passed, M failed" and returns the process's exit code.
 */
export async function finish() {
  for (const c of contexts) await c.close().catch(() => {})
  await browser?.close().catch(() => {})
  if (strayRequests.length > 0) {
    failed++
    console.log(`FAIL the browser contacted hosts off loopback:\n  ${[...new Set(strayRequests)].join('\n  ')}`)
  } else {
    passed++
    console.log('ok   the browser contacted loopback only')
  }
  console.log(`${passed} passed, ${failed} failed`)
  return failed === 0 ? 0 : 1
}
export async function newPage(options = {}) {
  const ctx = await browser.newContext({ ...devices['Pixel 7'], locale: 'zh-CN', ...options })
  contexts.push(ctx)
  ctx.on('request', (r) => {
    const u = new URL(r.url())
    if ((u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:') && !LOOPBACK.test(u.hostname)) strayRequests.push(r.url())
  })
  const page = await ctx.newPage()
  return { ctx, page }
}
export async function uiLogin(page, username, password) {
  await page.goto(`${BASE}/login`)
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', password)
  await page.click('[data-test=login-submit]')
}
export const loginError = (page) => page.locator('[data-test=login-error]').textContent({ timeout: 15000 })

/** actions lists the class action buttons a class page shows, in the page's order. */
export async function actions(page) {
  const shown = []
  for (const a of ['submit', 'approve', 'reject', 'start', 'complete', 'cancel']) if (await page.locator(`[data-test=${a}-class]`).count()) shown.push(a)
  return shown.join(',')
}
/** expectActions waits for the class's status, then checks the buttons shown for it. */
export async function expectActions(page, status, want, who) {
  await page.locator('[data-test=class-status]', { hasText: status }).waitFor()
  const got = await actions(page)
  expect(got === want, `${who} on a class ${status}: buttons ${got || 'none'}, want ${want || 'none'}`)
}
export const dialog = (page) => page.locator('.van-dialog:visible')
/** opened waits for a dialog to be shown, its opening animation over (its buttons grow while it runs). */
export async function opened(page) {
  await dialog(page).waitFor()
  await page.waitForFunction(() => !document.querySelector('[class*="-enter-active"]'))
  return dialog(page)
}

