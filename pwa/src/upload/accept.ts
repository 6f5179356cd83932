const SHEETS = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv'
// What the file picker offers for each kind of evidence (an online class's learning record: what its platform exports).
export const acceptFor = (kind: string) =>
  kind === 'PHOTO' ? 'image/*' : kind === 'SIGN_IN_SHEET' ? 'image/*,application/pdf' : kind === 'LEARNING_RECORD' ? `image/*,application/pdf,${SHEETS}` : 'video/*'

// A file's content type: the browser's, else told by its name (a desktop browser may
// give .heic or .mov files none). The server decides what it accepts.
const BY_EXTENSION: Record<string, string> = {
  mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm',
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', heic: 'image/heic', heif: 'image/heif', pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv',
}
// Windows names a .csv file application/vnd.ms-excel: the name says what it is.
export function contentTypeOf(file: { type: string; name: string }): string {
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? ''
  if (file.type && !(ext === 'csv' && file.type === 'application/vnd.ms-excel')) return file.type
  return BY_EXTENSION[ext] ?? 'application/octet-stream'
}
