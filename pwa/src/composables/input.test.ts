import { describe, expect, it } from 'vitest'
import { ascii, cleanCreditCode, cleanID, cleanPhone, creditCodeProblem, idProblem, parseLines, phoneOK } from './input'

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

describe('credit codes', () => {
  // 91350100M000100Y43 is GB 32100's own example; 12440600MB2C07549J a published code whose
  // organisation code has letters (GB 11714 values A=10 ... Z=35).
  it('verifies both check characters of a unified social credit code', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBe('')
    expect(creditCodeProblem(cleanCreditCode(' 12440600mb2c07549j '))).toBe('')
    expect(creditCodeProblem(cleanCreditCode('９１３５０１００Ｍ０００１００Ｙ４３'))).toBe('')
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check')
    expect(creditCodeProblem('91350100M000101Y43')).toBe('check')
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length')
    expect(creditCodeProblem('91350100M000100Y4I')).toBe('format')
    expect(creditCodeProblem('B1350100M000100Y43')).toBe('format')
    expect(creditCodeProblem('91990100M000100Y43')).toBe('region')
  })
})
