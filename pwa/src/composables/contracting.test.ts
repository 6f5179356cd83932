import { describe, expect, it } from 'vitest'
import { FIVE_CLEARS, chinaToday, clearsDone, lateFirst, ledgerTag, visitPhotos, visitTag } from './contracting'

describe('contracting', () => {
  it('counts the confirmed clears', () => {
    expect(FIVE_CLEARS).toHaveLength(5)
    expect(clearsDone([{ confirmation: { id: '1' } }, { confirmation: null }, {}])).toBe(1)
  })
  it('tags visits and ledgers', () => {
    expect(visitTag('DONE')).toBe('success')
    expect(visitTag('DUE')).toBe('warning')
    expect(visitTag('NOT_REQUIRED')).toBe('default')
    expect(ledgerTag('LATE')).toBe('danger')
    expect(ledgerTag('OVERDUE')).toBe('danger')
    expect(ledgerTag('COMPLETE')).toBe('success')
  })
  it('lists late ledgers first', () => {
    const ls = [
      { state: 'COMPLETE', region: { code: '410100' } },
      { state: 'OVERDUE', region: { code: '410300' } },
      { state: 'LATE', region: { code: '410200' } },
      { state: 'OVERDUE', region: { code: '410181' } },
    ]
    expect(lateFirst(ls).map((l) => l.region.code)).toEqual(['410181', '410300', '410200', '410100'])
  })
  it("tells today's date in China, whatever the phone's zone", () => {
    expect(chinaToday(new Date('2020-08-24T17:00:00Z'))).toBe('2020-08-25')
    expect(chinaToday(new Date('2020-08-24T15:00:00Z'))).toBe('2020-08-24')
  })
  it("picks a visit's photos not yet verified from the queue", () => {
    const job = (visit: string | null, state: 'uploading' | 'verified') =>
      ({ state, input: { classID: null, enterpriseVisitID: visit, kind: 'PHOTO', fileName: 'a.jpg', contentType: 'image/jpeg', size: 1, sha256: '', capturedAt: '' } })
    const jobs = [job('7', 'uploading'), job('7', 'verified'), job('8', 'uploading'), job(null, 'uploading')]
    expect(visitPhotos(jobs, ['7'])).toEqual([jobs[0]])
  })
})
