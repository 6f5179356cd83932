// The parties of new-style apprenticeships (企业新型学徒制, R5): an enterprise and a school (技师学院, 高级技工学校,
// 普通技工学校), for a contract (both) or an enterprise's application to train apprentices (the school optional). A party
// is picked from the organisations the viewer reads (an official: those of their region) or has met in contracts, or
// named by its unified social credit code: the server's contractParty tells anyone signed in which enterprise or school
// has that code (its id, name, kind and region), so that a party's staff can sign with a partner they may not read.
import { reactive } from 'vue'
import { cleanCreditCode, creditCodeProblem } from './input'
import { SCHOOL_KINDS } from './roles'

/** The two parties besides the apprentice. */
export type Side = 'enterprise' | 'school'

/** other is the counterpart's side. */
export const other = (side: Side): Side => (side === 'enterprise' ? 'school' : 'enterprise')

/** kindsOf are the organisation kinds that may be a party of side. */
export const kindsOf = (side: Side): ('ENTERPRISE' | (typeof SCHOOL_KINDS)[number])[] => (side === 'enterprise' ? ['ENTERPRISE'] : [...SCHOOL_KINDS])

/** A party: an organisation picked from a list (its id, and its credit code when the list has it), or found by its credit code. */
export interface Party {
  id?: string
  name?: string
  creditCode?: string
  /** Where it was found by its credit code: its region's name. */
  regionName?: string
}

/** What the server said of a credit code: an enterprise or a school (kind, region), or none (null). */
export interface ContractParty {
  id: string
  name: string
  kind: string
  regionName: string
}

/** A look-up of a credit code: under way, answered (the party, or null: none), or failed (the error's words). */
export type Found = { state: 'looking' } | { state: 'found'; party: ContractParty | null } | { state: 'failed'; message: string }

/** lookable says whether a credit code as typed is worth asking the server about: 18 characters that pass the check. */
export function lookable(typed: string): string | null {
  const code = cleanCreditCode(typed)
  return code && !creditCodeProblem(code) ? code : null
}

/**
 * partyLookup asks the server (ask) which enterprise or school has a credit code, once per code: an answer is kept for
 * the page's life, a failure (offline) asked again next time. look() resolves to what was found.
 */
export function partyLookup(ask: (code: string) => Promise<ContractParty | null>, words: (e: unknown) => string) {
  const found = reactive(new Map<string, Found>())
  const pending = new Map<string, Promise<Found>>()
  function look(code: string): Promise<Found> {
    const kept = found.get(code)
    if (kept?.state === 'found') return Promise.resolve(kept)
    const going = pending.get(code)
    if (going) return going
    found.set(code, { state: 'looking' })
    const p = ask(code)
      .then((party): Found => ({ state: 'found', party }), (e): Found => ({ state: 'failed', message: words(e) }))
      .then((f) => {
        found.set(code, f)
        pending.delete(code)
        return f
      })
    pending.set(code, p)
    return p
  }
  return { found, look }
}

/** foundParty is the party of side a look-up found for a code: of the right kind, else null. */
export function foundParty(side: Side, f: Found | undefined): Party | null {
  if (f?.state !== 'found' || !f.party || !(kindsOf(side) as string[]).includes(f.party.kind)) return null
  return { id: f.party.id, name: f.party.name, regionName: f.party.regionName }
}

/**
 * codeProblem says what is wrong with a credit code typed for a party of side, as a key of the locale files with its
 * values, or the server's words (message): its check (ledger.creditProblems), no answer yet, none with that code, one of
 * the wrong kind (an enterprise given as the school), a look-up that failed. null when it names a party of that side.
 */
export function codeProblem(side: Side, typed: string, f: Found | undefined): { key?: string; values?: Record<string, string>; message?: string } | null {
  const code = cleanCreditCode(typed)
  const c = creditCodeProblem(code)
  if (c) return { key: 'ledger.creditProblems.' + c }
  if (!f || f.state === 'looking') return { key: 'parties.looking' }
  if (f.state === 'failed') return { message: f.message }
  if (!f.party) return { key: 'parties.none.' + side }
  if (!foundParty(side, f)) return { key: 'parties.wrongKind.' + side, values: { name: f.party.name } }
  return null
}

/** A contract as a list shows it: its parties. */
export interface ContractRow {
  enterpriseID: string
  enterpriseName: string
  schoolID: string
  schoolName: string
}

/**
 * counterpartsOf are the organisations of a side met in contracts (newest first, each once): a party's staff read no
 * other organisation, so the counterparts they signed with before are the ones they can pick again by name.
 */
export function counterpartsOf(contracts: ContractRow[], side: Side): Party[] {
  const seen = new Set<string>()
  const out: Party[] = []
  for (const c of contracts) {
    const id = side === 'enterprise' ? c.enterpriseID : c.schoolID
    if (seen.has(id)) continue
    seen.add(id)
    out.push({ id, name: side === 'enterprise' ? c.enterpriseName : c.schoolName })
  }
  return out
}

/** choices merges the organisations read (with their credit codes) and those met in contracts, each once, the first kept, by name. */
export function choices(read: Party[], met: Party[], q = ''): Party[] {
  const byID = new Map<string, Party>()
  for (const p of [...read, ...met]) if (p.id && !byID.has(p.id)) byID.set(p.id, p)
  const needle = q.trim()
  return [...byID.values()].filter((p) => !needle || (p.name ?? '').includes(needle)).sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN'))
}
