// Times as people in China read them: Beijing time, whatever the device's zone.
const fmt = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
})

/** chinaTime formats an RFC 3339 time as "2026-12-02 17:30" in China time; an unreadable one as it is. */
export function chinaTime(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : fmt.format(d)
}

/** yuan shows an amount in fen as yuan with two decimals: 123456 -> "1234.56". */
export function yuan(fen: number): string {
  return (fen / 100).toFixed(2)
}

/** clockTime shows when something was saved: "17:30" today (China time), "12-01 17:30" on another day. */
export function clockTime(ms: number, now = Date.now()): string {
  const at = fmt.format(new Date(ms))
  return at.slice(0, 10) === fmt.format(new Date(now)).slice(0, 10) ? at.slice(11) : at.slice(5)
}
