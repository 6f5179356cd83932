import { describe, expect, it } from 'vitest'
import {
  CHECKLISTS, FILING_KINDS, MAX_MATERIAL_BYTES, blankRow, filingKindOf, listOf, materialProblem, materialType, occupationsOf, problemsOf, rowsOf, sameOccupations,
  savesAsDraft, sizeText, statusType, type OccupationRow,
} from './certification'

const row = (occupation: string, levels: number[]): OccupationRow => ({ ...blankRow(), occupation, levels })

describe('the kind of a filing', () => {
  it('is decided by the organisation\'s own kind (R8: enterprises, schools, associations, training institutions); others do not file', () => {
    expect(filingKindOf('ENTERPRISE')).toBe('ENTERPRISE')
    for (const k of ['TECHNICIAN_COLLEGE', 'SENIOR_TECHNICAL_SCHOOL', 'TECHNICAL_SCHOOL']) expect(filingKindOf(k), k).toBe('SCHOOL')
    expect(filingKindOf('INDUSTRY_ASSOCIATION')).toBe('ASSOCIATION')
    expect(filingKindOf('TRAINING_INSTITUTION')).toBe('TRAINING_INSTITUTION')
    for (const k of ['HR_BUREAU', '', null, undefined]) expect(filingKindOf(k), String(k)).toBeNull()
    expect(Object.keys(FILING_KINDS)).toHaveLength(6)
  })
  it('has a checklist of seven items, its own last', () => {
    for (const [kind, items] of Object.entries(CHECKLISTS)) expect(items, kind).toHaveLength(7)
    expect(CHECKLISTS.ENTERPRISE!.at(-1)).toBe('STAFF_ROSTER')
    expect(CHECKLISTS.SCHOOL!.at(-1)).toBe('SCHOOL_LICENCE')
    expect(CHECKLISTS.ASSOCIATION!.at(-1)).toBe('INDUSTRY_STANDING')
    expect(CHECKLISTS.TRAINING_INSTITUTION!.at(-1)).toBe('SCHOOL_LICENCE')
  })
})

describe('the occupations of a filing', () => {
  it('go to the server trimmed, blank rows left out, levels from 5 down each once', () => {
    expect(occupationsOf([row(' 电工 ', [4, 5, 4]), row('', []), row('焊工', [1, 3])])).toEqual([
      { occupation: '电工', levels: [5, 4] }, { occupation: '焊工', levels: [3, 1] },
    ])
  })
  it('are checked as the server will: at least one, each named (64 characters at most) once, each with a level', () => {
    expect(problemsOf([row('电工', [5])])).toEqual([])
    expect(problemsOf([blankRow()])).toEqual([{ key: 'certification.problems.none' }])
    expect(problemsOf([])).toEqual([{ key: 'certification.problems.none' }])
    const a = row('电工', [])
    const b = row(' 电工', [4])
    const c = row('', [3])
    const d = row('工'.repeat(65), [2])
    expect(problemsOf([a, b, c, d, blankRow()])).toEqual([
      { row: a.key, key: 'certification.problems.levels', values: { name: '电工' } },
      { row: b.key, key: 'certification.problems.twice', values: { name: '电工' } },
      { row: c.key, key: 'certification.problems.occupation' },
      { row: d.key, key: 'certification.problems.occupation' },
    ])
  })
  it('are filled from a filing, and tell whether the form says something else', () => {
    const saved = [{ occupation: '电工', levels: [5, 4] }]
    const rows = rowsOf(saved)
    expect(rows.map((r) => [r.occupation, r.levels])).toEqual([['电工', [5, 4]]])
    expect(rowsOf([])).toHaveLength(1)
    expect(rowsOf(null)[0]).toMatchObject({ occupation: '', levels: [] })
    expect(sameOccupations(rows, saved)).toBe(true)
    expect(sameOccupations([row('电工 ', [4, 5]), blankRow()], saved)).toBe(true)
    expect(sameOccupations([row('电工', [5])], saved)).toBe(false)
    expect(sameOccupations([row('电工', [5, 4]), row('焊工', [3])], saved)).toBe(false)
  })
})

describe('a material', () => {
  const file = (name: string, type: string, size = 1000) => ({ name, type, size })
  it('is a PDF, a picture, a Word or Excel file of at most 20 MB', () => {
    expect(materialProblem(file('申请表.pdf', 'application/pdf'))).toBe('')
    expect(materialProblem(file('IMG_0001.HEIC', ''))).toBe('')
    expect(materialProblem(file('photo.jpg', 'image/jpeg'))).toBe('')
    expect(materialProblem(file('方案.docx', ''))).toBe('')
    expect(materialProblem(file('名单.xlsx', ''))).toBe('')
    expect(materialProblem(file('plan.exe', 'application/x-msdownload'))).toBe('type')
    expect(materialProblem(file('old.doc', 'application/msword'))).toBe('type')
    expect(materialProblem(file('big.pdf', 'application/pdf', MAX_MATERIAL_BYTES + 1))).toBe('size')
    expect(materialProblem(file('empty.pdf', 'application/pdf', 0))).toBe('empty')
    expect(materialType(file('方案.docx', ''))).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  })
  it('shows its size the way people read it', () => {
    expect(sizeText(500)).toBe('1 KB')
    expect(sizeText(12 * 1024)).toBe('12 KB')
    expect(sizeText(3 * 1024 * 1024 + 200 * 1024)).toBe('3.2 MB')
  })
})

describe('the lists of filings', () => {
  it('put the filed ones, to decide, oldest first for officials; the rest newest first', () => {
    expect(listOf('FILED')).toEqual({ where: { status: 'FILED' }, orderBy: { field: 'FILED_AT', direction: 'ASC' } })
    expect(listOf('RETURNED')).toEqual({ where: { status: 'RETURNED' }, orderBy: { field: 'CREATED_AT', direction: 'DESC' } })
    expect(listOf('ALL')).toEqual({ where: null, orderBy: { field: 'CREATED_AT', direction: 'DESC' } })
    expect(listOf(null)).toEqual({ where: null, orderBy: { field: 'CREATED_AT', direction: 'DESC' } })
  })
  it('save a new filing or a draft as a draft; a returned one is filed again', () => {
    expect(savesAsDraft(null)).toBe(true)
    expect(savesAsDraft('DRAFT')).toBe(true)
    expect(savesAsDraft('RETURNED')).toBe(false)
    expect(savesAsDraft('FILED')).toBe(false)
  })
  it('tag each status', () => {
    expect(statusType('APPROVED')).toBe('success')
    expect(statusType('RETURNED')).toBe('danger')
    expect(statusType('FILED')).toBe('primary')
    expect(statusType('DRAFT')).toBe('default')
    expect(statusType('NEW')).toBe('default')
  })
})
