// A list's count as the screens show it. The server counts at most 1,000
// rows of a list (graph/counts.go): beyond that totalCountExact is false and
// totalCount is a lower bound, shown as "1000+".
export function shownCount(n: number, exact: boolean | null | undefined = true): string {
  return exact === false ? `${n}+` : String(n)
}
