// What the file picker offers for each kind of evidence.
export const acceptFor = (kind: string) => (kind === 'PHOTO' ? 'image/*' : kind === 'SIGN_IN_SHEET' ? 'image/*,application/pdf' : 'video/*')
