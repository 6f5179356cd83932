// A long upload over a bad county link: 256 MiB through a 20 Mbit/s link whose connections are all cut
// for 10 s every 30 s. The phone's traffic goes through a forward proxy on loopback (Chromium's
// --proxy-server, loopback included) that carries the link's speed, makes the cuts, and counts the
// bytes that left the phone and the bytes storage confirmed (a part's 200). The progress the trainer
// reads never goes back and never passes what storage confirmed; the bytes sent stay under 1.1x the
// file; it ends verified with the right SHA-256. A 4 GiB + 1 byte file is refused before anything is
// copied or hashed.
import { createHash, randomFillSync } from 'node:crypto'
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BASE, PASSWORD, RUN, U, creditCode, expect, gql, login, newPage, shot, step, uiLogin } from './lib.mjs'

const LINK = 20e6 / 8 // 20 Mbit/s
const CUT_EVERY_MS = 30_000
const CUT_FOR_MS = 10_000
const SIZE = 256 * 1024 * 1024

/**
 * linkProxy is an HTTP forward proxy with one shared link of bytesPerSecond (requests' bodies wait
 * for it), cut() drops every connection and refuses new ones for a while, and it counts what went
 * through: part bodies received from the phone and part bytes storage confirmed.
 */
function linkProxy(bytesPerSecond) {
  let freeAt = 0
  let downUntil = 0
  const sockets = new Set()
  const counts = { sent: 0, confirmed: 0, cuts: 0 }
  const server = http.createServer((req, res) => {
    let target
    try {
      target = new URL(req.url)
    } catch {
      return res.writeHead(400).end()
    }
    const headers = { ...req.headers }
    for (const h of ['proxy-connection', 'proxy-authorization', 'connection', 'keep-alive']) delete headers[h]
    const isPart = req.method === 'PUT' && target.searchParams.has('partNumber')
    const up = http.request({ host: target.hostname, port: target.port, method: req.method, path: target.pathname + target.search, headers }, (r) => {
      if (isPart && r.statusCode === 200) counts.confirmed += Number(req.headers['content-length'] ?? 0)
      res.writeHead(r.statusCode, r.headers)
      r.pipe(res)
    })
    up.on('error', () => res.destroy())
    req.on('data', (chunk) => {
      if (isPart) counts.sent += chunk.length
      const now = Date.now()
      freeAt = Math.max(freeAt, now) + (chunk.length / bytesPerSecond) * 1000
      up.write(chunk)
      if (freeAt - now > 5) {
        req.pause()
        setTimeout(() => req.resume(), freeAt - now)
      }
    })
    req.on('end', () => up.end())
    req.on('close', () => {
      if (!req.complete) up.destroy()
    })
  })
  server.on('connection', (s) => {
    if (Date.now() < downUntil) return void s.destroy()
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  return {
    counts,
    listen: () => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port))),
    cut(ms) {
      counts.cuts++
      downUntil = Date.now() + ms
      for (const s of sockets) s.destroy()
    },
    close: () => {
      for (const s of sockets) s.destroy()
      server.close()
    },
  }
}

/** A file of n random bytes on disk (picked by path, as a phone picks a video), and its SHA-256. */
function randomFile(dir, name, n) {
  const path = join(dir, name)
  const fd = openSync(path, 'w')
  const h = createHash('sha256')
  const chunk = Buffer.alloc(8 << 20)
  for (let done = 0; done < n; done += chunk.length) {
    const b = chunk.subarray(0, Math.min(chunk.length, n - done))
    randomFillSync(b)
    h.update(b)
    writeSync(fd, b)
  }
  closeSync(fd)
  return { path, sha256: h.digest('hex') }
}

export async function run({ admin }) {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-uploads-'))
  const proxy = linkProxy(LINK)
  const f = {}
  try {
    await step('upload fixtures: an approved class of a county institution and its trainer', async () => {
      const region = (await gql(admin, 'query{ region(code:"410100"){ id } }')).region.id
      const org = (await gql(admin, 'mutation($in:CreateOrganizationInput!){ createOrganization(input:$in){ id } }', {
        in: { name: `中原区职业培训学校 ${RUN}`, kind: 'TRAINING_INSTITUTION', creditCode: creditCode('410100', Math.floor(Math.random() * 9e6)), regionID: region },
      })).createOrganization.id
      const user = (username, role, extra = {}) => gql(admin, 'mutation($in:CreateUserInput!){ createUser(input:$in){ id } }', {
        in: { username: U(username), password: PASSWORD, displayName: username, role, regionID: region, ...extra },
      })
      await user('up-trainer', 'INSTITUTION_STAFF', { organizationID: org })
      await user('up-official', 'REGION_OFFICIAL')
      const staff = await login(U('up-trainer'), PASSWORD)
      const official = await login(U('up-official'), PASSWORD)
      const start = new Date(Date.now() + 86400e3).toISOString().slice(0, 10)
      const end = new Date(Date.now() + 20 * 86400e3).toISOString().slice(0, 10)
      f.classId = (await gql(staff, 'mutation($in:CreateTrainingClassInput!){ createTrainingClass(input:$in){ id } }', {
        in: { organizationID: org, category: 'KEY_GROUP', occupation: '电工', approvedHeadcount: 30, plannedStart: start, plannedEnd: end,
          venueAddress: '郑州市中原区建设路1号', venueLatitude: 34.7466, venueLongitude: 113.6253 },
      })).createTrainingClass.id
      await gql(staff, 'mutation($id:ID!){ submitTrainingClass(id:$id){ id } }', { id: f.classId })
      await gql(official, 'mutation($id:ID!){ approveTrainingClass(id:$id){ id } }', { id: f.classId })
      f.official = official
    })

    await step('a 4 GiB + 1 byte video is refused at once, in Chinese, before it is copied or hashed', async () => {
      const port = await proxy.listen()
      f.phone = await newPage({ proxy: { server: `http://127.0.0.1:${port}` } })
      const { page } = f.phone
      await uiLogin(page, U('up-trainer'), PASSWORD)
      await page.waitForURL(/\/classes$/)
      await page.goto(`${BASE}/classes/${f.classId}`)
      await page.locator('[data-test=file]').waitFor({ state: 'attached' })
      // A sparse file: 4 GiB + 1 byte that take no room on this machine's disk.
      const huge = join(dir, 'huge.mp4')
      const fd = openSync(huge, 'w')
      ftruncateSync(fd, 4 * 1024 ** 3 + 1)
      closeSync(fd)
      const t0 = Date.now()
      await page.setInputFiles('[data-test=file]', huge)
      const refusal = await page.locator('[data-test=upload-refused]').textContent({ timeout: 30000 })
      const took = Date.now() - t0
      expect(/[\u4e00-\u9fff]/.test(refusal) && !/[A-Za-z]{3,}/.test(refusal) && refusal.includes('4096'), `the refusal reads: ${refusal}`)
      expect(page.url().endsWith(`/classes/${f.classId}`), 'the trainer was sent to the upload queue')
      console.log(`     refused in ${(took / 1000).toFixed(2)} s: ${refusal.trim()}`)
      await shot(page, 'up-01-refused')
      await page.goto(`${BASE}/uploads`)
      await page.locator('.van-empty').waitFor()
      rmSync(huge)
    })

    await step(`256 MiB over a 20 Mbit/s link cut for 10 s every 30 s: progress never goes back or past what storage confirmed, under 1.1x sent, verified`, async () => {
      const { page } = f.phone
      const video = randomFile(dir, 'lesson.mp4', SIZE)
      await page.goto(`${BASE}/classes/${f.classId}`)
      await page.setInputFiles('[data-test=file]', video.path)
      await page.waitForURL(/\/uploads$/)
      await page.locator('[data-test=progress]').waitFor({ timeout: 120000 })
      const began = Date.now()
      const cuts = setInterval(() => proxy.cut(CUT_FOR_MS), CUT_EVERY_MS)
      const samples = []
      let shown = false
      try {
        for (;;) {
          // What storage confirmed before the page is read: the page may not show more.
          const confirmed = proxy.counts.confirmed
          const s = await page.evaluate(() => {
            const p = document.querySelector('[data-test=progress]')
            const state = document.querySelector('[data-test^=upload-]')?.getAttribute('data-test')
            return { state, stored: p ? Number(p.dataset.stored) : null, inflight: p ? Number(p.dataset.inflight) : null, text: document.querySelector('[data-test=speed]')?.textContent ?? '' }
          })
          if (s.state === 'upload-verified' || s.state === 'upload-failed') {
            samples.push({ ...s, confirmed })
            break
          }
          if (s.stored !== null) samples.push({ ...s, confirmed: proxy.counts.confirmed, before: confirmed })
          if (!shown && s.stored > SIZE / 3) {
            shown = true
            await shot(page, 'up-02-uploading')
          }
          expect(Date.now() - began < 15 * 60_000, 'the upload did not end within 15 minutes')
          await page.waitForTimeout(250)
        }
      } finally {
        clearInterval(cuts)
      }
      const seconds = (Date.now() - began) / 1000
      const last = samples.at(-1)
      expect(last.state === 'upload-verified', `the upload ended ${last.state}`)
      await page.locator('[data-test=safe]').waitFor()
      await shot(page, 'up-03-verified')
      const sampled = samples.filter((s) => s.stored !== null && s.state !== 'upload-verified')
      const back = sampled.filter((s, i) => i > 0 && s.stored < sampled[i - 1].stored)
      const past = sampled.filter((s) => s.stored > s.confirmed)
      const over = sampled.filter((s) => s.stored + s.inflight > SIZE)
      const lies = sampled.filter((s) => /-\d|NaN|Infinity/.test(s.text))
      const ratio = proxy.counts.sent / SIZE
      console.log(`     ${(SIZE / 1048576).toFixed(0)} MiB in ${seconds.toFixed(0)} s over ${proxy.counts.cuts} cuts; sent ${(proxy.counts.sent / 1048576).toFixed(1)} MiB = ${ratio.toFixed(3)} of the file; ` +
        `${sampled.length} progress samples, ${back.length} backwards, ${past.length} past storage`)
      expect(proxy.counts.cuts >= 3, `only ${proxy.counts.cuts} cuts happened`)
      expect(back.length === 0, `progress went back: ${JSON.stringify(back.slice(0, 3))}`)
      expect(past.length === 0, `progress passed what storage confirmed: ${JSON.stringify(past.slice(0, 3))}`)
      expect(over.length === 0, `stored + in flight passed the file's size: ${JSON.stringify(over.slice(0, 3))}`)
      expect(lies.length === 0, `speed or time left read: ${lies.slice(0, 3).map((s) => s.text).join(' | ')}`)
      expect(ratio < 1.1, `sent ${ratio.toFixed(3)} of the file`)
      const d = await gql(f.official, 'query($c:ID!){ node(id:$c){ ... on TrainingClass { evidence(first:5){ edges { node { status sha256 size } } } } } }', { c: f.classId })
      const ev = d.node.evidence.edges.map((e) => e.node)
      expect(ev.length === 1 && ev[0].status === 'VERIFIED' && ev[0].size === SIZE && ev[0].sha256 === video.sha256, `evidence: ${JSON.stringify(ev)}`)
    })
  } finally {
    proxy.close()
    await f.phone?.ctx.close().catch(() => {})
    rmSync(dir, { recursive: true, force: true })
  }
}
