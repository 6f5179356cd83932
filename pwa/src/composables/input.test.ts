import { describe, expect, it } from 'vitest'
import { ascii, cleanID, cleanPhone, idProblem, parseLines, phoneOK } from './input'

// 11010519491231002X is the standard's own example number.
const EXAMPLE = '11010519491231002X'

describe('input cleaning', () => {
  it('turns full-width digits and letters into ASCII', () => {
    expect(ascii('１３８００１３８０００')).toBe('13800138000')
    expect(cleanID(' １１０１０５１９４９１２３１００２ｘ ')).toBe(EXAMPLE)
  })
  it('cleans phone numbers typed with spaces, dashes and brackets', () => {
    expect(cleanPhone('138 0013 8000')).toBe('13800138000')
    expect(cleanPhone('（0371）6666-8888')).toBe('037166668888')
    expect(phoneOK(cleanPhone('+86 138-0013-8000'))).toBe(true)
    expect(phoneOK(cleanPhone('1380013800a'))).toBe(false)
  })
  it('verifies the check character of a resident ID number', () => {
    expect(idProblem(EXAMPLE)).toBe('')
    expect(idProblem('110105194912310021')).toBe('check')
    expect(idProblem('11010519491331002X')).toBe('birth')
    expect(idProblem('1101051949123100')).toBe('length')
    expect(idProblem('11010519491231002A')).toBe('format')
  })
  it('reads pasted lines with commas, tabs or spaces, keeping a spaced phone whole', () => {
    expect(parseLines(`甲,${EXAMPLE},138 0013 8000\n\n乙\t${EXAMPLE}\n丙 ${EXAMPLE} 138 0013 8000\n丁，${EXAMPLE}`)).toEqual([
      { name: '甲', idNumber: EXAMPLE, phone: '13800138000' },
      { name: '乙', idNumber: EXAMPLE, phone: '' },
      { name: '丙', idNumber: EXAMPLE, phone: '13800138000' },
      { name: '丁', idNumber: EXAMPLE, phone: '' },
    ])
  })
})
