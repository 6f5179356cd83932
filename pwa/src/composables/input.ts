// Input as typed on a phone, cleaned before it is sent: full-width digits and letters from a Chinese
// input method become ASCII, spaces and separators go, and a resident ID number's check character is
// verified (GB 11643) so that a typo is caught on the phone. The server cleans and checks the same
// way (internal/idcheck); these only spare the trainer a round trip.

/** ascii turns full-width characters (U+FF01..U+FF5E) and the ideographic space into ASCII. */
export function ascii(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ')
}

/** cleanID is a resident ID number without spaces, in ASCII, its letter upper-cased. */
export function cleanID(s: string): string {
  return ascii(s).replace(/\s+/g, '').toUpperCase()
}

/** cleanPhone is a phone number without spaces, dashes or brackets, in ASCII. */
export function cleanPhone(s: string): string {
  return ascii(s).replace(/[\s\-()（）\u00a0]/g, '')
}

/** phoneOK tells whether a cleaned phone number has 5 to 20 digits (and an optional leading +). */
export const phoneOK = (p: string) => /^\+?[0-9]{5,20}$/.test(p)

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

/**
 * idProblem says what is wrong with a cleaned resident ID number, as a key of roster.idProblems in
 * the locale files ('' when nothing is): its length, its digits, its birth date, its check character.
 */
export function idProblem(id: string): '' | 'length' | 'format' | 'birth' | 'check' {
  if (id.length !== 18) return 'length'
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return 'format'
  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  const born = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || born.getUTCMonth() !== m - 1 || born.getUTCDate() !== d || born.getTime() > Date.now()) return 'birth'
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * weights[i]
  return '10X98765432'[sum % 11] === id[17] ? '' : 'check'
}

/** Row is one line of a pasted roster: a name, an ID number, a phone (optional). */
export interface Row {
  name: string
  idNumber: string
  phone: string
}

/**
 * parseLines reads pasted lines, one person each: fields separated by commas (ASCII or Chinese),
 * tabs or semicolons; without those, by spaces, the first field the name, the second the ID number,
 * the rest the phone (so "王五 4101... 138 0013 8000" keeps its spaced phone).
 */
export function parseLines(text: string): Row[] {
  return text
    .split(/\r?\n/)
    .map((l) => ascii(l).trim())
    .filter(Boolean)
    .map((l) => {
      const parts = /[,，;；\t]/.test(l) ? l.split(/\s*[,，;；\t]\s*/) : l.split(/\s+/)
      const [name = '', idNumber = '', ...rest] = parts
      return { name: name.trim(), idNumber: cleanID(idNumber), phone: cleanPhone(rest.join('')) }
    })
}

// GB 32100 unified social credit codes (统一社会信用代码), checked as internal/idcheck/credit.go does.
const creditAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const creditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const orgWeights = [3, 7, 9, 10, 5, 8, 4, 2]
const provinces = new Set(['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82'])

/** cleanCreditCode is a credit code without spaces, in ASCII, its letters upper-cased. */
export const cleanCreditCode = cleanID

/**
 * creditCodeProblem says what is wrong with a cleaned unified social credit code, as a key of
 * ledger.creditProblems in the locale files ('' when nothing is): its length, its characters (the
 * GB 32100 alphabet, the registration authority and type, the division digits), its division (a
 * province's, or 100000), the organisation code's GB 11714 check character, the code's own check character.
 */
export function creditCodeProblem(code: string): '' | 'length' | 'format' | 'region' | 'check' {
  if (code.length !== 18) return 'length'
  if ([...code].some((c) => !creditAlphabet.includes(c))) return 'format'
  if (!'123456789ANY'.includes(code[0]) || !/^[1-9]$/.test(code[1]) || !/^[0-9]{6}$/.test(code.slice(2, 8)) || !/^[0-9X]$/.test(code[16])) return 'format'
  const division = code.slice(2, 8)
  if (division !== '100000' && !provinces.has(division.slice(0, 2))) return 'region'
  let sum = 0
  for (let i = 0; i < 8; i++) {
    const c = code[8 + i]
    sum += (c >= 'A' ? c.charCodeAt(0) - 55 : Number(c)) * orgWeights[i]
  }
  const org = 11 - (sum % 11)
  if (code[16] !== (org === 10 ? 'X' : org === 11 ? '0' : String(org))) return 'check'
  sum = 0
  for (let i = 0; i < 17; i++) sum += creditAlphabet.indexOf(code[i]) * creditWeights[i]
  return creditAlphabet[(31 - (sum % 31)) % 31] === code[17] ? '' : 'check'
}
