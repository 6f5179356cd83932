import { describe, expect, it } from 'vitest'
import {
  blankDraft, chinaDay, chinaYear, choices, contractSigner, counterpartsOf, kindsOf, laggingFirst, monthsOf, other, partyOf, problemsOf,
  quotaPercent, quotaShare, refusalOf, sending, sideOf, type Draft, type Lookups,
} from './apprenticeship'
import type { Found } from './parties'

// 11010519491231002X is GB 11643's own example number; the credit codes carry their GB 32100 check characters.
const EXAMPLE = '11010519491231002X'
const ENTERPRISE = '91410100100012340E'
const SCHOOL = '91410100100012359B'

const found = (id: string, name: string, kind: string): Found => ({ state: 'found', party: { id, name, kind, regionName: '洛阳市' } })
const lookups = (m: Record<string, Found>): Lookups => (code) => m[code]

const filled = (over: Partial<Draft> = {}): Draft => ({
  ...blankDraft(),
  enterprise: { id: 'e1', name: '郑州机械公司', creditCode: ENTERPRISE },
  school: { id: 's1', name: '郑州技师学院', creditCode: SCHOOL },
  name: ' 李四 ', idNumber: '110105 19491231 002x', occupation: ' 数控车工 ', level: 4, startsOn: '2026-12-01', months: '24',
  enterpriseTutor: ' 张师傅 ', schoolTutor: '', ...over,
})

describe('the parties of a contract', () => {
  it('are an enterprise and a school (技师学院, 高级技工学校, 普通技工学校); other organisations sign none', () => {
    expect(sideOf('ENTERPRISE')).toBe('enterprise')
    for (const k of ['TECHNICIAN_COLLEGE', 'SENIOR_TECHNICAL_SCHOOL', 'TECHNICAL_SCHOOL']) expect(sideOf(k), k).toBe('school')
    for (const k of ['TRAINING_INSTITUTION', 'INDUSTRY_ASSOCIATION', 'HR_BUREAU', '', null, undefined]) expect(sideOf(k), String(k)).toBeNull()
    expect(other('enterprise')).toBe('school')
    expect(other('school')).toBe('enterprise')
    expect(kindsOf('enterprise')).toEqual(['ENTERPRISE'])
    expect(kindsOf('school')).toEqual(['TECHNICIAN_COLLEGE', 'SENIOR_TECHNICAL_SCHOOL', 'TECHNICAL_SCHOOL'])
  })
  it('are signed for by a party\'s staff as their organisation, by officials for any two parties of their region, by no one else', () => {
    expect(contractSigner('INSTITUTION_STAFF', 'ENTERPRISE')).toBe('enterprise')
    expect(contractSigner('INSTITUTION_STAFF', 'SENIOR_TECHNICAL_SCHOOL')).toBe('school')
    expect(contractSigner('INSTITUTION_STAFF', 'TRAINING_INSTITUTION')).toBeNull()
    expect(contractSigner('INSTITUTION_STAFF', null)).toBeNull()
    for (const role of ['REGION_OFFICIAL', 'PROVINCE_ADMIN']) expect(contractSigner(role, null), role).toBe('official')
    for (const role of ['FINANCE_OFFICER', 'INSPECTOR', 'TRAINEE', 'NEW_ROLE']) expect(contractSigner(role, 'ENTERPRISE'), role).toBeNull()
  })
  it('are the one picked, else the one the server found by the credit code typed (cleaned: full-width, spaces, lower case), of the side\'s kinds', () => {
    expect(partyOf(filled(), 'school')).toEqual({ id: 's1', name: '郑州技师学院', creditCode: SCHOOL })
    const byCode = filled({ school: null, schoolCode: ' ９１４１０１００１０００１２３５９b ' })
    expect(partyOf(byCode, 'school')).toBeNull()
    expect(partyOf(byCode, 'school', lookups({ [SCHOOL]: { state: 'looking' } }))).toBeNull()
    expect(partyOf(byCode, 'school', lookups({ [SCHOOL]: found('s9', '洛阳技师学院', 'TECHNICIAN_COLLEGE') }))).toEqual({ id: 's9', name: '洛阳技师学院', regionName: '洛阳市' })
    expect(partyOf(byCode, 'school', lookups({ [SCHOOL]: found('e9', '洛阳公司', 'ENTERPRISE') }))).toBeNull()
    expect(partyOf(byCode, 'school', lookups({ [SCHOOL]: { state: 'found', party: null } }))).toBeNull()
    expect(partyOf(filled({ school: null, schoolCode: '  ' }), 'school')).toBeNull()
  })
  it('picked again by name: the organisations read and the counterparts met in contracts, each once, by name', () => {
    const contracts = [
      { enterpriseID: 'e2', enterpriseName: '乙公司', schoolID: 's1', schoolName: '郑州技师学院' },
      { enterpriseID: 'e1', enterpriseName: '甲公司', schoolID: 's1', schoolName: '郑州技师学院' },
      { enterpriseID: 'e2', enterpriseName: '乙公司', schoolID: 's1', schoolName: '郑州技师学院' },
    ]
    expect(counterpartsOf(contracts, 'enterprise')).toEqual([{ id: 'e2', name: '乙公司' }, { id: 'e1', name: '甲公司' }])
    expect(counterpartsOf(contracts, 'school')).toEqual([{ id: 's1', name: '郑州技师学院' }])
    const read = [{ id: 'e1', name: '甲公司', creditCode: ENTERPRISE }]
    expect(choices(read, counterpartsOf(contracts, 'enterprise'))).toEqual([{ id: 'e1', name: '甲公司', creditCode: ENTERPRISE }, { id: 'e2', name: '乙公司' }])
    expect(choices(read, counterpartsOf(contracts, 'enterprise'), ' 乙 ')).toEqual([{ id: 'e2', name: '乙公司' }])
    expect(choices([], [])).toEqual([])
  })
})

describe('a contract typed on the phone', () => {
  it('is checked as the server will: the parties, a name, the ID number and its check character, the occupation, the start, 1 to 48 months, the tutors', () => {
    expect(problemsOf(filled())).toEqual([])
    expect(problemsOf(blankDraft()).map((p) => `${p.field}:${p.key}`)).toEqual([
      'enterpriseID:apprenticeships.problems.enterpriseMissing',
      'schoolID:apprenticeships.problems.schoolMissing',
      'name:roster.nameMissing',
      'idNumber:roster.idProblems.length',
      'occupation:apprenticeships.problems.occupation',
      'startsOn:apprenticeships.problems.startsOn',
      'months:apprenticeships.problems.months',
    ])
    expect(problemsOf(filled({ idNumber: '110105194912310021' }))).toEqual([{ field: 'idNumber', key: 'roster.idProblems.check' }])
    expect(problemsOf(filled({ school: null, schoolCode: SCHOOL.slice(0, 17) + 'A' }))).toEqual([{ field: 'schoolID', key: 'ledger.creditProblems.check' }])
    // A credit code: its check on the phone, then what the server found for it.
    const byCode = filled({ school: null, schoolCode: SCHOOL.toLowerCase() })
    expect(problemsOf(byCode)).toEqual([{ field: 'schoolID', key: 'parties.looking' }])
    expect(problemsOf(byCode, lookups({ [SCHOOL]: { state: 'found', party: null } }))).toEqual([{ field: 'schoolID', key: 'parties.none.school' }])
    expect(problemsOf(byCode, lookups({ [SCHOOL]: found('e9', '洛阳公司', 'ENTERPRISE') }))).toEqual([
      { field: 'schoolID', key: 'parties.wrongKind.school', values: { name: '洛阳公司' } },
    ])
    expect(problemsOf(byCode, lookups({ [SCHOOL]: { state: 'failed', message: '无法连接服务器' } }))).toEqual([{ field: 'schoolID', message: '无法连接服务器' }])
    expect(problemsOf(byCode, lookups({ [SCHOOL]: found('s9', '洛阳技师学院', 'SENIOR_TECHNICAL_SCHOOL') }))).toEqual([])
    expect(problemsOf(filled({ occupation: '工'.repeat(65), enterpriseTutor: '师'.repeat(65), startsOn: '2026-02-30' })).map((p) => p.field)).toEqual([
      'occupation', 'startsOn', 'enterpriseTutor',
    ])
    for (const m of ['0', '49', '1.5', '-3', 'abc', '']) expect(problemsOf(filled({ months: m })), m).toEqual([{ field: 'months', key: 'apprenticeships.problems.months' }])
    // A dispatched apprentice is the server's to refuse (R5): the phone warns, it does not stop the user.
    expect(problemsOf(filled({ dispatched: true }))).toEqual([])
  })
  it('reads its length as a whole number of months', () => {
    expect(monthsOf(' 24 ')).toBe(24)
    expect(monthsOf('1')).toBe(1)
    expect(monthsOf('48')).toBe(48)
    expect(monthsOf('049')).toBeNull()
    expect(monthsOf('12个月')).toBeNull()
  })
  it('is signed by signApprenticeshipContract, both parties by id, cleaned, optional fields null', () => {
    expect(sending(filled())).toEqual({
      enterpriseID: 'e1', schoolID: 's1', apprentice: { name: '李四', idNumber: EXAMPLE }, occupation: '数控车工', level: 4, startsOn: '2026-12-01',
      months: 24, enterpriseTutor: '张师傅', schoolTutor: null, dispatched: false,
    })
    expect(sending(filled({ months: '0' }))).toBeNull()
    expect(sending(filled({ enterprise: null }))).toBeNull()
  })
  it('names a party given by its credit code by the id the server found for it (contractParty), and waits for it', () => {
    const byCode = filled({ enterprise: null, enterpriseCode: ENTERPRISE.toLowerCase(), level: null, dispatched: true })
    expect(sending(byCode)).toBeNull()
    expect(sending(byCode, lookups({ [ENTERPRISE]: { state: 'looking' } }))).toBeNull()
    expect(sending(byCode, lookups({ [ENTERPRISE]: found('e9', '洛阳公司', 'ENTERPRISE') }))).toMatchObject({ enterpriseID: 'e9', schoolID: 's1', level: null, dispatched: true })
    // A school's code given as the enterprise's is no enterprise.
    expect(sending(byCode, lookups({ [ENTERPRISE]: found('s9', '洛阳技师学院', 'TECHNICIAN_COLLEGE') }))).toBeNull()
  })
})

describe('a refused contract', () => {
  it('gets the messages of signApprenticeshipContract\'s rows beside their fields, the rest above the button', () => {
    const r = refusalOf({
      rows: [
        { row: 1, field: 'dispatched', message: '劳务派遣工不能作为用工企业的新型学徒' },
        { row: 1, field: 'months', message: '学徒培训期限应为1至48个月' },
        { row: 1, field: 'months', message: '学徒培训期限应为1至48个月' },
        { row: 1, field: 'signedOn', message: '签订日期不对' },
        { row: 1, message: 42 },
      ],
    })
    expect(r).toEqual({
      fields: { dispatched: ['劳务派遣工不能作为用工企业的新型学徒'], months: ['学徒培训期限应为1至48个月'] },
      general: ['签订日期不对'],
    })
  })
  it('gets a refusal about one field beside it (extensions.field)', () => {
    expect(refusalOf({ field: 'schoolID', message: '郑州职业培训学校不是技师学院、高级技工学校或普通技工学校' })).toEqual({
      fields: { schoolID: ['郑州职业培训学校不是技师学院、高级技工学校或普通技工学校'] }, general: [],
    })
    expect(refusalOf({ message: '学徒培训合同无法签订' })).toEqual({ fields: {}, general: [] })
    expect(refusalOf({ rows: 'rows' })).toEqual({ fields: {}, general: [] })
  })
  it('sorts out the fields of another form when told them', () => {
    expect(refusalOf({ field: 'apprentices', message: '学徒人数应为1至100000' }, ['apprentices'])).toEqual({ fields: { apprentices: ['学徒人数应为1至100000'] }, general: [] })
    expect(refusalOf({ field: 'apprentices', message: '学徒人数应为1至100000' })).toEqual({ fields: {}, general: ['学徒人数应为1至100000'] })
  })
})

describe('the schools\' quotas', () => {
  it('list the lagging schools first, each group in the server\'s order', () => {
    const row = (name: string, lagging: boolean) => ({ school: { id: name, name }, quota: 500, signed: 1, lagging })
    expect(laggingFirst([row('甲', false), row('乙', true), row('丙', false), row('丁', true)]).map((r) => r.school.name)).toEqual(['乙', '丁', '甲', '丙'])
    expect(laggingFirst([])).toEqual([])
  })
  it('show the share of the quota signed, as a whole percentage, never past 100', () => {
    expect(quotaPercent({ quota: 500, signed: 0 })).toBe(0)
    expect(quotaPercent({ quota: 500, signed: 1 })).toBe(0)
    expect(quotaPercent({ quota: 300, signed: 150 })).toBe(50)
    expect(quotaPercent({ quota: 100, signed: 130 })).toBe(100)
    expect(quotaPercent({ quota: 0, signed: 3 })).toBe(0)
    expect(quotaShare({ quota: 500, signed: 4 })).toBe('0.8')
    expect(quotaShare({ quota: 300, signed: 1 })).toBe('0.3')
    expect(quotaShare({ quota: 100, signed: 130 })).toBe('130.0')
    expect(quotaShare({ quota: 0, signed: 3 })).toBe('0.0')
  })
  it('count the calendar year in China (年内): from 16:00 UTC on 31 December, the next year there', () => {
    expect(chinaYear(new Date('2026-12-31T15:59:00Z'))).toBe(2026)
    expect(chinaYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027)
    expect(chinaDay(new Date('2026-12-02T17:00:00Z'))).toBe('2026-12-03')
  })
})
