// What the file picker offers for each kind of evidence.
export const acceptFor = (kind: string) => (kind === 'PHOTO' ? 'image/*' : kind === 'SIGN_IN_SHEET' ? 'image/*,application/pdf' : 'video/*')

// A file's content type: the browser's, else told by its name (a desktop browser may
// give .heic or .mov files none). The server decides what it accepts.
const BY_EXTENSION: Record<string, string> = {
  mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm',
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', heic: 'image/heic', heif: 'image/heif', pdf: 'application/pdf',
}
export function contentTypeOf(file: { type: string; name: string }): string {
  if (file.type) return file.type
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? ''
  return BY_EXTENSION[ext] ?? 'application/octet-stream'
}
