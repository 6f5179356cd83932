// A trainee's certificates and their QR codes, the check a QR code opens on another phone (no name
// typed; a tampered link falls back to the form), and a trainer's "use my location" for a class venue.
import { BASE, PASSWORD, RUN, U, completedClass, creditCode, expect, gql, login, newPage, residentID, shot, step, uiLogin } from './lib.mjs'

const DIVISION = '410108'
const VENUE = '郑州市惠济区天河路8号'

/**
 * skillLevelClass runs a class for one person (name, idNumber) through the API and records a skill-level pass,
 * under the certification filing (R8) the admin files and approves for the organisation.
 */
async function skillLevelClass({ admin, staff, approver, org, occupation, level, person }) {
  const unit = (await gql(admin, 'mutation($in:CertificationUnitInput!){ fileCertificationUnit(input:$in){ id } }', {
    in: { organizationID: org, kind: 'TRAINING_INSTITUTION', occupations: [{ occupation, levels: [level] }] },
  })).fileCertificationUnit.id
  await gql(admin, 'mutation($id:ID!){ approveCertificationUnit(id:$id){ id } }', { id: unit })
  const cls = (await gql(staff, 'mutation($in:CreateTrainingClassInput!){ createTrainingClass(input:$in){ id } }', {
    in: { organizationID: org, category: 'KEY_GROUP', occupation, level, approvedHeadcount: 1,
      plannedStart: '2026-11-02', plannedEnd: '2026-11-20', venueAddress: VENUE, venueLatitude: 34.8, venueLongitude: 113.65 },
  })).createTrainingClass.id
  const on = (token, field) => gql(token, `mutation($id:ID!){ ${field}(id:$id){ id } }`, { id: cls })
  await on(staff, 'submitTrainingClass')
  await on(approver, 'approveTrainingClass')
  const [e] = (await gql(staff, 'mutation($c:ID!,$p:[EnrollPersonInput!]!){ enrollPersons(classID:$c, persons:$p){ person { id } } }', {
    c: cls, p: [person],
  })).enrollPersons
  await on(staff, 'startTrainingClass')
  await on(staff, 'completeTrainingClass')
  await gql(staff, 'mutation($c:ID!,$r:[AssessmentResultInput!]!){ recordAssessmentResults(classID:$c, results:$r){ id } }', {
    c: cls, r: [{ personID: e.person.id, passed: true, level }],
  })
  return cls
}

/** onBase is a QR link moved onto the server under test (PUBLIC_URL may name another address). */
const onBase = (link) => `${BASE}/verify${new URL(link).search}`

export async function run({ admin }) {
  const f = {}
  await step('trainee fixtures: certified trainees of two classes, one of them with a TRAINEE account, one certificate revoked', async () => {
    const zz = (await gql(admin, 'query{ region(code:"410100"){ id } }')).region.id
    const org = (await gql(admin, 'mutation($in:CreateOrganizationInput!){ createOrganization(input:$in){ id } }', {
      in: { name: `惠济职业技能培训中心 ${RUN}`, kind: 'TRAINING_INSTITUTION', creditCode: creditCode('410100', Math.floor(Math.random() * 9e6)), regionID: zz },
    })).createOrganization.id
    const user = (username, role, extra = {}) => gql(admin, 'mutation($in:CreateUserInput!){ createUser(input:$in){ id } }', {
      in: { username: U(username), password: PASSWORD, displayName: username, role, regionID: zz, ...extra },
    })
    await user('cert-trainer', 'INSTITUTION_STAFF', { organizationID: org })
    await user('cert-official', 'REGION_OFFICIAL')
    const staff = await login(U('cert-trainer'), PASSWORD)
    const official = await login(U('cert-official'), PASSWORD)
    const cls = await completedClass({ staff, approver: official, org, occupation: '电工', venue: VENUE, division: DIVISION, names: ['张小明', '李小红'] })
    const certs = (await gql(admin, 'query($c:ID!){ certificates(first: 10, where:{ classID: $c }){ edges { node { id number holderName qrLink holder { id idMasked } } } } }', { c: cls }))
      .certificates.edges.map((e) => e.node)
    const mine = certs.find((c) => c.holderName === '张小明')
    const other = certs.find((c) => c.holderName === '李小红')
    expect(mine && other, `certificates of the class: ${JSON.stringify(certs)}`)
    // The masked ID number keeps the sequence and the check character: the same person joins a second class.
    const idNumber = residentID(DIVISION, Number(mine.holder.idMasked.slice(-4, -1)))
    expect(idNumber.slice(-4) === mine.holder.idMasked.slice(-4), `ID number of 张小明 from ${mine.holder.idMasked}`)
    await skillLevelClass({ admin, staff, approver: official, org, occupation: `焊工 ${RUN}`, level: 3, person: { name: '张小明', idNumber } })
    await user('cert-trainee', 'TRAINEE', { personID: mine.holder.id })
    await gql(official, 'mutation($id:ID!){ revokeCertificate(id:$id, reason:"考核材料不实"){ id } }', { id: other.id })
    Object.assign(f, { mine, other })
  })

  await step('a trainee sees each certificate with its kind, level, number, date, issuer and status in Chinese', async () => {
    const { ctx, page } = await newPage()
    await uiLogin(page, U('cert-trainee'), PASSWORD)
    await page.waitForURL(/\/certificates$/)
    await page.locator('[data-test=cert]').nth(1).waitFor()
    const cards = await page.locator('[data-test=cert]').allInnerTexts()
    expect(cards.length === 2, `${cards.length} certificates shown`)
    const all = cards.join('\n')
    for (const want of ['培训合格证书', '职业技能等级证书', '三级（高级工）', '电工', `焊工 ${RUN}`, f.mine.number, '惠济职业技能培训中心', '有效', '发证日期', '出示二维码']) {
      expect(all.includes(want), `the certificates screen lacks ${want}:\n${all}`)
    }
    const body = await page.locator('body').innerText()
    expect(!/SKILL_LEVEL|TRAINING_QUALIFICATION|ISSUED|REVOKED/.test(body), `a raw enum value is shown:\n${body}`)
    await shot(page, 'trainee-01-certificates', { fullPage: true })

    // The QR code, fetched with the session (the server refuses it to anyone else), shown large.
    const card = page.locator('[data-test=cert]', { hasText: f.mine.number })
    await card.locator('[data-test=show-qr]').click()
    const img = page.locator('[data-test=qr-image]')
    await img.waitFor()
    const drawn = await img.evaluate(async (el) => {
      await el.decode()
      const r = el.getBoundingClientRect()
      return { src: el.src, natural: el.naturalWidth, width: r.width, height: r.height, vw: innerWidth }
    })
    expect(drawn.src.startsWith('blob:') && drawn.natural > 0, `QR image ${JSON.stringify(drawn)}`)
    expect(drawn.width >= 0.7 * drawn.vw && Math.abs(drawn.height - drawn.width) < 1, `the QR code is not large and square: ${JSON.stringify(drawn)}`)
    const shownNumber = (await page.locator('[data-test=qr-number]').innerText()).trim()
    expect(shownNumber === f.mine.number, `number under the QR code: ${shownNumber}`)
    const size = await page.locator('[data-test=qr-number]').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(size >= 24, `the number under the QR code is ${size}px`)
    await page.waitForFunction(() => !document.querySelector('[class*="-enter-active"]'))
    await shot(page, 'trainee-02-qr')
    // Closed: the object URL is let go.
    await page.click('[data-test=close-qr]')
    await page.locator('[data-test=qr-popup]').waitFor({ state: 'detached' })
    const after = await page.evaluate((u) => fetch(u).then(() => 'alive', () => 'revoked'), drawn.src)
    expect(after === 'revoked', `the QR code's object URL after closing: ${after}`)
    // Anyone else asking for that image gets nothing.
    const anon = await fetch(`${BASE}/certificates/${f.mine.id}/qr.png`)
    expect(anon.status === 404, `an anonymous QR request: ${anon.status}`)
    await ctx.close()
  })

  await step('a QR link opened on a signed-out phone checks the certificate without asking for the name', async () => {
    const { ctx, page } = await newPage()
    await page.goto(onBase(f.mine.qrLink))
    const result = page.locator('[data-test=verify-result]')
    await result.waitFor()
    const text = await result.innerText()
    for (const want of ['证书有效', '二维码', '张**', '培训合格证书', '电工', '惠济职业技能培训中心']) expect(text.includes(want), `the check lacks ${want}:\n${text}`)
    expect(!text.includes('张小明'), 'the whole name was shown to a checker')
    expect((await page.locator('[data-test=cert-name]').count()) === 0, 'the page asked for the name')
    await shot(page, 'trainee-03-verify-link')
    // A revoked certificate's code says it is revoked.
    await page.goto(onBase(f.other.qrLink))
    await page.locator('[data-test=verify-status]', { hasText: '证书已撤销' }).waitFor()
    await shot(page, 'trainee-04-verify-revoked')
    await ctx.close()
  })

  await step('a tampered QR link shows why in Chinese and the number-and-name form', async () => {
    const { ctx, page } = await newPage()
    const u = new URL(onBase(f.mine.qrLink))
    const [payload, sig] = u.searchParams.get('t').split('.')
    const i = Math.floor(payload.length / 2)
    u.searchParams.set('t', `${payload.slice(0, i)}${payload[i] === 'A' ? 'B' : 'A'}${payload.slice(i + 1)}.${sig}`)
    await page.goto(u.href)
    const err = page.locator('[data-test=verify-error]')
    await err.waitFor()
    const msg = await err.innerText()
    expect(msg.includes('证书编号和持证人姓名') && !/[A-Za-z]{3,}/.test(msg), `tampered link: ${msg}`)
    expect((await page.inputValue('[data-test=cert-number] input')) === f.mine.number, 'the number from the link is in the form')
    await page.locator('[data-test=cert-name]').waitFor()
    expect((await page.locator('[data-test=verify-result]').count()) === 0, 'a tampered link showed a result')
    await shot(page, 'trainee-05-verify-tampered')
    // The form still works: the name checks it.
    await page.fill('[data-test=cert-name] input', '张小明')
    await page.click('[data-test=verify]')
    await page.locator('[data-test=verify-status]', { hasText: '证书有效' }).waitFor()
    await ctx.close()
  })

  await step('a trainer fills the venue with "使用我的位置" (location allowed) and keeps the typed address', async () => {
    const { ctx, page } = await newPage({ serviceWorkers: 'block', permissions: ['geolocation'], geolocation: { latitude: 34.75, longitude: 113.62 } })
    await uiLogin(page, U('cert-trainer'), PASSWORD)
    await page.waitForURL(/\/classes$/)
    await page.click('[data-test=new-class]')
    await page.fill('input[name=occupation]', `育婴员 ${RUN}`)
    await page.fill('input[name=start]', '2026-12-07')
    await page.fill('input[name=end]', '2026-12-18')
    await page.fill('input[name=venue]', VENUE)
    // No location yet: the form says so and sends nothing.
    await page.click('[data-test=save-class]')
    await page.locator('.van-field__error-message', { hasText: '请填写培训地点的纬度' }).waitFor()
    expect(/\/classes\/new$/.test(page.url()), `submitted without a location: ${page.url()}`)
    await shot(page, 'trainee-06-class-no-location')
    await page.click('[data-test=use-location]')
    await page.locator('[data-test=located]').waitFor()
    const lat = await page.inputValue('input[name=lat]')
    const lon = await page.inputValue('input[name=lon]')
    expect(lat === '34.75' && lon === '113.62', `filled ${lat}, ${lon}`)
    expect((await page.inputValue('input[name=venue]')) === VENUE, 'the typed address was changed')
    await shot(page, 'trainee-07-class-located')
    // The filled numbers stay editable.
    await page.fill('input[name=lat]', '34.7512')
    await page.click('[data-test=save-class]')
    await page.waitForURL(/\/classes\/\d+$/)
    const id = page.url().split('/').pop()
    const staff = await login(U('cert-trainer'), PASSWORD)
    const cls = (await gql(staff, 'query($id:ID!){ node(id:$id){ ... on TrainingClass { venueAddress venueLatitude venueLongitude } } }', { id })).node
    expect(cls.venueAddress === VENUE && cls.venueLatitude === 34.7512 && cls.venueLongitude === 113.62, `stored venue ${JSON.stringify(cls)}`)
    await ctx.close()
  })

  await step('with location denied, "使用我的位置" says so in Chinese and the coordinates can be typed', async () => {
    const { ctx, page } = await newPage({ serviceWorkers: 'block', permissions: [] })
    await uiLogin(page, U('cert-trainer'), PASSWORD)
    await page.waitForURL(/\/classes$/)
    await page.click('[data-test=new-class]')
    await page.fill('input[name=venue]', VENUE)
    await page.click('[data-test=use-location]')
    const err = page.locator('[data-test=geo-error]')
    await err.waitFor()
    const msg = await err.innerText()
    expect(msg.includes('没有允许本网站获取位置') && !/[A-Za-z]{3,}/.test(msg), `denied: ${msg}`)
    expect((await page.inputValue('input[name=lat]')) === '' && (await page.inputValue('input[name=venue]')) === VENUE, 'the form changed on a denied location')
    await shot(page, 'trainee-08-location-denied')
    await ctx.close()
  })
}
