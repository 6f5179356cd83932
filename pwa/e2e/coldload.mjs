// Cold loads on a slow phone: the sign-in page, the public certificate check and a trainer's class
// list, each opened with an empty cache and no service worker under Fast 3G (150 ms RTT, 1.6 Mbit/s
// down, 750 kbit/s up) and a CPU four times slower (Chrome DevTools' throttling through CDP). The
// times are printed as figures, the median of three loads each: a shared machine's load shows in
// them, so nothing is asserted on them.
import { ADMIN_PASSWORD, BASE, PASSWORD, RUN, U, creditCode, expect, gql, login, newPage, step, uiLogin } from './lib.mjs'

const FAST_3G = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8) }
const LOADS = 3

/**
 * coldLoad opens path in the page with the HTTP cache emptied and the network and CPU throttled, waits
 * for the selector to show, and returns the time it took from the navigation's start, its first
 * contentful paint and the bytes it transferred.
 */
async function coldLoad(ctx, page, path, selector) {
  const cdp = await ctx.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.clearBrowserCache')
  await cdp.send('Network.emulateNetworkConditions', FAST_3G)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  try {
    await page.goto(`${BASE}${path}`, { waitUntil: 'commit', timeout: 60000 })
    await page.locator(selector).first().waitFor({ timeout: 60000 })
    return await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN
      const bytes = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].reduce((n, e) => n + (e.transferSize ?? 0), 0)
      return { ms: performance.now(), fcp, bytes }
    })
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
    await cdp.detach()
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const s = (ms) => `${(ms / 1000).toFixed(2)} s`

export async function run() {
  const occupation = `冷启动测试工种 ${RUN}`
  await step('fixtures: an institution, its trainer and one of its classes', async () => {
    // Signed in afresh: the token run.mjs holds may have expired during the scenarios before this one.
    const admin = await login('admin', ADMIN_PASSWORD)
    const zz = (await gql(admin, 'query($c:String!){ region(code:$c){ id } }', { c: '410100' })).region.id
    const org = (await gql(admin, 'mutation($in:CreateOrganizationInput!){ createOrganization(input:$in){ id } }', {
      in: { name: `冷启动培训学校 ${RUN}`, kind: 'TRAINING_INSTITUTION', creditCode: creditCode('410100', Math.floor(Math.random() * 9e6)), regionID: zz },
    })).createOrganization.id
    await gql(admin, 'mutation($in:CreateUserInput!){ createUser(input:$in){ id } }', {
      in: { username: U('coldload-trainer'), password: PASSWORD, displayName: 'coldload', role: 'INSTITUTION_STAFF', regionID: zz, organizationID: org },
    })
    const trainer = await login(U('coldload-trainer'), PASSWORD)
    await gql(trainer, 'mutation($in:CreateTrainingClassInput!){ createTrainingClass(input:$in){ id } }', {
      in: { organizationID: org, category: 'KEY_GROUP', occupation, level: 4, approvedHeadcount: 10, plannedStart: '2026-11-02', plannedEnd: '2026-11-20',
        venueAddress: '郑州市金水区', venueLatitude: 34.7466, venueLongitude: 113.6253 },
    })
  })

  await step('cold loads on a slow phone (CPU x4, Fast 3G, empty cache): sign-in, certificate check, a trainer\'s class list', async () => {
    const pages = [
      { name: '/login', path: '/login', ready: '[data-test=login-submit]' },
      { name: '/verify', path: '/verify', ready: '[data-test=cert-number]' },
      { name: '/classes (trainer, signed in)', path: '/classes', ready: `text=${occupation}`, signedIn: true },
    ]
    const lines = []
    for (const p of pages) {
      const runs = []
      for (let i = 0; i < LOADS; i++) {
        // A fresh context each time: no service worker (blocked), no memory cache; the trainer's session is signed in first.
        const { ctx, page } = await newPage({ serviceWorkers: 'block' })
        if (p.signedIn) {
          await uiLogin(page, U('coldload-trainer'), PASSWORD)
          await page.waitForURL(/\/classes$/)
          await page.goto('about:blank')
        }
        runs.push(await coldLoad(ctx, page, p.path, p.ready))
        await ctx.close()
      }
      expect(runs.every((r) => r.ms > 0), `${p.name}: no time measured`)
      lines.push(`${p.name}: ${s(median(runs.map((r) => r.ms)))} until usable (FCP ${s(median(runs.map((r) => r.fcp)))}, ` +
        `${(median(runs.map((r) => r.bytes)) / 1024).toFixed(1)} KB transferred; loads ${runs.map((r) => s(r.ms)).join(', ')})`)
    }
    console.log(`     cold load, CPU x4 + Fast 3G, median of ${LOADS}:\n       ${lines.join('\n       ')}`)
  })
}
