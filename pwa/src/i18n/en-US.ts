import type zh from './zh-CN'

const en: typeof zh = {
  app: { title: 'Training supervision', offline: 'You are offline: saved uploads continue when the network is back' },
  nav: { classes: 'Classes', uploads: 'Uploads', me: 'Me', review: 'Review', sample: 'Sampling', dashboard: 'Progress', certificates: 'Certificates', verify: 'Check a certificate', notices: 'Notices', publicity: 'Subsidy notices' },
  login: {
    title: 'Sign in', username: 'Username', password: 'Password', submit: 'Sign in',
    wrong: 'Wrong username or password', locked: 'Too many failed sign-ins: the account is locked for a while', network: 'Cannot reach the server: check the network', required: 'Required',
  },
  me: { logout: 'Sign out', language: 'Language', role: 'Role', region: 'Region', organization: 'Organisation' },
  roles: {
    PROVINCE_ADMIN: 'Province admin', REGION_OFFICIAL: 'HR official', FINANCE_OFFICER: 'Finance officer', INSPECTOR: 'Inspector',
    INSTITUTION_STAFF: 'Training institution', TRAINEE: 'Trainee',
  },
  categories: {
    WORK_IN_LIEU: 'Work in lieu of training', ENTERPRISE_EMPLOYEE: 'Enterprise employees', KEY_GROUP: 'Key groups', ENTREPRENEURSHIP: 'Entrepreneurship',
    APPRENTICESHIP: 'Apprenticeship', CERTIFICATION_UNIT: 'Certification units', FUND_SPENDING: 'Fund spending',
  },
  status: {
    DRAFT: 'Draft', SUBMITTED: 'Submitted', APPROVED: 'Approved', IN_PROGRESS: 'In progress', COMPLETED: 'Completed', REJECTED: 'Rejected', CANCELLED: 'Cancelled',
    UPLOADING: 'Uploading', VERIFIED: 'Verified', FAILED: 'Failed',
  },
  classes: {
    empty: 'No classes yet', new: 'New class', occupation: 'Occupation', category: 'Category', headcount: 'Approved headcount', effective: 'Effective headcount',
    start: 'Start date', end: 'End date', venue: 'Venue', lat: 'Latitude', lon: 'Longitude', create: 'Save draft',
    enroll: 'Enrol trainees', enrollHint: 'One per line: name,ID number,phone (optional)', enrollSubmit: 'Enrol',
    attendance: 'Opening-day attendance', attendanceSave: 'Save attendance', present: 'Present', record: 'Upload attendance and supervision evidence', capture: 'Record', pickFile: 'Pick a file', kind: 'Kind',
    status: 'Status', noEnrolled: 'No trainees enrolled yet', recordHint: 'Record with the phone camera or pick a file; the upload goes on in the background, you may leave this page.', supervised: 'Remotely supervised', enrolled: 'Enrolled',
    actions: { SUBMIT: 'Submit for approval', APPROVE: 'Approve', REJECT: 'Reject', START: 'Start class', COMPLETE: 'Complete', CANCEL: 'Cancel class' },
    confirm: { COMPLETE: 'Mark this class as completed? Attendance can no longer be recorded.', CANCEL: 'Cancel this class? This cannot be undone.' },
    rejectReason: 'Reason', rejectHint: 'What must change',
  },
  kinds: { ATTENDANCE_VIDEO: 'Attendance video', SUPERVISION_RECORDING: 'Supervision recording', PHOTO: 'Photo', SIGN_IN_SHEET: 'Sign-in sheet' },
  uploads: {
    empty: 'No uploads', hashing: 'Computing checksum', uploading: 'Uploading', paused: 'Paused', completing: 'Verifying',
    verified: 'Uploaded and verified', failed: 'Upload failed', pause: 'Pause', resume: 'Resume', retry: 'Retry', cancel: 'Cancel',
    speed: 'Speed', storageFull: 'Not enough storage on this phone to keep the video', queued: 'Waiting',
    remove: 'Remove', hashed: 'Checked {pct}%', left: 'About {time} left', waitingNetwork: 'Waiting for the network…',
    errors: {
      storageFull: 'Not enough storage on this phone to keep the video. Free some space, then record or pick it again.',
      fileGone: 'The copy kept on this phone is gone (the browser may have cleared it): pick the file again.',
      network: 'The network dropped; the parts already sent are kept. The upload goes on by itself when the network is back, or tap Retry.',
      rejected: 'The server refused this file: ',
      serverFailed: 'The server could not verify the file and discarded it. Retry computes the checksum again and uploads it anew.',
      hashing: 'The video cannot be read: pick it again.',
    },
  },
  review: {
    empty: 'Nothing to review', accept: 'Accept', reject: 'Reject', onsite: 'On-site check needed', reason: 'Reason', play: 'Play',
    flags: { DUPLICATE_CONTENT: 'Duplicate video', OUT_OF_SCHEDULE: 'Outside class dates', OUT_OF_PLACE: 'Away from venue' },
    decided: 'Reviewed', filter: 'Filter', decide: 'Decide', reasonRequired: 'A rejection needs a reason', reasonHint: 'Required to reject',
    decisions: { ACCEPTED: 'Accepted', REJECTED: 'Rejected', ON_SITE_REQUIRED: 'On-site check needed' },
  },
  sample: { rate: 'Rate', seed: 'Seed', draw: 'Draw', result: 'Classes drawn', population: 'Classes in the region' },
  verify: {
    title: 'Check a certificate', number: 'Certificate number', name: "Holder's name", submit: 'Check',
    VALID: 'Valid certificate', REVOKED: 'Revoked', PENDING_ELECTRONIC: 'Electronic certificate pending (the number is a valid voucher)', NOT_FOUND: 'Not found (check the number and the name)',
    issuer: 'Issuer', issuedAt: 'Issued on', holder: 'Holder', idNumber: 'ID number', level: 'Level', kind: 'Kind',
  },
  certificates: { empty: 'No certificates yet: they appear here once you pass the final assessment' },
  dashboard: { target: 'Target', achieved: 'Achieved', rate: 'Completion', elapsed: 'Time elapsed', lagging: 'Lagging', notTracked: 'Not counted yet' },
  notices: {
    empty: 'No notices', markAllRead: 'Mark all read', unread: 'Unread', dueAt: 'Due', at: 'Raised',
    kinds: { DUE_SOON: 'Due soon', OVERDUE: 'Overdue', CALENDAR_MISSING: 'Holiday calendar missing' },
    clocks: { ACCEPTANCE: 'Acceptance', REVIEW: 'Review', PUBLICITY: 'Public notice', HANDOVER: 'Hand-over to finance', HR: 'HR processing', FINANCE: 'Payment' },
  },
  publicity: {
    title: 'Subsidy applications under public notice', regionCode: 'Region code', regionHint: 'e.g. 410000 (Henan province)', search: 'Search',
    empty: 'No subsidy application is under public notice in this region', institution: 'Institution', region: 'Region', occupations: 'Occupations',
    headcount: 'Trainees counted', amount: 'Amount', yuan: '{amount} yuan', startedAt: 'Notice starts', endsAt: 'Notice ends', trainees: 'Trainees',
    object: 'Object', objectHint: 'If you object to this notice, tell us under your own name before it ends; we protect who reports.',
    name: 'Name', phone: 'Phone', text: 'Objection', textHint: 'What is wrong, as precisely as you can', submit: 'Send objection',
    sent: 'Objection sent: the HR officials will look into it', tooMany: 'Too many submissions: wait a minute and try again', required: 'Required', phoneInvalid: 'Enter a valid phone number',
  },
  errors: {
    NETWORK: 'Cannot reach the server: check the network and try again', UNAUTHENTICATED: 'Your session has ended: sign in again', FORBIDDEN: 'You may not do this',
    TOO_MANY_REQUESTS: 'Too many requests: try again in a moment', INTERNAL: 'Something went wrong on the server: try again later',
  },
  common: { save: 'Save', cancel: 'Cancel', ok: 'OK', loading: 'Loading…', error: 'Something went wrong', back: 'Back', comingSoon: 'Coming soon' },
}
export default en
