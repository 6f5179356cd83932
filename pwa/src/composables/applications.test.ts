import { describe, expect, it } from 'vitest'
import { DECIDED, OWN, QUEUE, applicationInput, applicationProblems, apprenticesOf, blankApplication, stateType, waitsForAcceptance, type ApplicationDraft } from './applications'
import type { Found } from './parties'

const SCHOOL = '91410100100012359B'
const none = () => undefined
const filled = (over: Partial<ApplicationDraft> = {}): ApplicationDraft => ({
  ...blankApplication(), enterprise: { id: 'e1', name: '郑州机械公司' }, occupation: ' 数控车工 ', apprentices: ' 30 ', months: '24', startsOn: '2026-12-10', ...over,
})

describe('an application to train apprentices', () => {
  it('names a whole number of apprentices, 1 to 100000', () => {
    expect(apprenticesOf('30')).toBe(30)
    expect(apprenticesOf('100000')).toBe(100000)
    for (const s of ['0', '100001', '2.5', '-1', '三十', '']) expect(apprenticesOf(s), s).toBeNull()
  })
  it('is checked on the phone: the enterprise, the school when named, the occupation, the number, the length, the start', () => {
    expect(applicationProblems(filled(), none)).toEqual([])
    expect(applicationProblems(blankApplication(), none).map((p) => `${p.field}:${p.key}`)).toEqual([
      'enterpriseID:apprenticeships.problems.enterpriseMissing',
      'occupation:apprenticeships.problems.occupation',
      'apprentices:apprenticeshipApplications.problems.apprentices',
      'months:apprenticeships.problems.months',
      'startsOn:apprenticeships.problems.startsOn',
    ])
    // The school is optional; a credit code typed for it must name a school.
    expect(applicationProblems(filled({ schoolCode: SCHOOL }), none)).toEqual([{ field: 'schoolID', key: 'parties.looking' }])
    const enterprise: Found = { state: 'found', party: { id: 'e2', name: '乙公司', kind: 'ENTERPRISE', regionName: '郑州市' } }
    expect(applicationProblems(filled({ schoolCode: SCHOOL }), (c) => (c === SCHOOL ? enterprise : undefined))).toEqual([
      { field: 'schoolID', key: 'parties.wrongKind.school', values: { name: '乙公司' } },
    ])
  })
  it('goes to the server cleaned, the parties by id, the school left out when none is named', () => {
    expect(applicationInput(filled(), none)).toEqual({ enterpriseID: 'e1', schoolID: null, occupation: '数控车工', apprentices: 30, months: 24, startsOn: '2026-12-10' })
    expect(applicationInput(filled({ school: { id: 's1', name: '郑州技师学院' } }), none)?.schoolID).toBe('s1')
    const school: Found = { state: 'found', party: { id: 's9', name: '洛阳技师学院', kind: 'TECHNICIAN_COLLEGE', regionName: '洛阳市' } }
    expect(applicationInput(filled({ schoolCode: SCHOOL.toLowerCase() }), (c) => (c === SCHOOL ? school : undefined))?.schoolID).toBe('s9')
    // A school's code not found (yet) is not "no school".
    expect(applicationInput(filled({ schoolCode: SCHOOL }), none)).toBeNull()
    expect(applicationInput(filled({ enterprise: null }), none)).toBeNull()
    expect(applicationInput(filled({ apprentices: '0' }), none)).toBeNull()
  })
})

describe('the officials\' queue', () => {
  it('takes the applications to accept first (oldest, so overdue, on top), then those accepted; the decided apart, newest first', () => {
    expect(QUEUE.map((q) => q.where)).toEqual([{ state: 'SUBMITTED' }, { state: 'ACCEPTED' }])
    for (const q of QUEUE) expect(q.orderBy).toEqual({ field: 'SUBMITTED_AT', direction: 'ASC' })
    expect(DECIDED).toEqual({ where: { stateIn: ['APPROVED', 'REJECTED'] }, orderBy: { field: 'SUBMITTED_AT', direction: 'DESC' } })
    expect(OWN.where).toBeNull()
  })
  it('shows the acceptance clock only while it runs, and tags each state', () => {
    expect(waitsForAcceptance({ state: 'SUBMITTED' })).toBe(true)
    expect(waitsForAcceptance({ state: 'ACCEPTED' })).toBe(false)
    expect(stateType('APPROVED')).toBe('success')
    expect(stateType('REJECTED')).toBe('danger')
    expect(stateType('SUBMITTED')).toBe('warning')
  })
})
