// The count behind the classes tab's red badge for institution staff: evidence an inspector rejected that has not
// been uploaded again yet. Refreshed on navigation, like the notices badge.
import { ref } from 'vue'
import { query } from '../api/client'
import { RejectedEvidenceCountDoc } from '../graphql/ops'

const rejected = ref(0)

/** refreshRejected asks the server for the count; a failure keeps the last one (offline, say). */
async function refreshRejected(): Promise<void> {
  try {
    rejected.value = (await query(RejectedEvidenceCountDoc, {})).rejectedEvidenceCount
  } catch {
    // Keep the last count: the badge is a hint, the class page shows the truth.
  }
}

export function useRejectedEvidence() {
  return { rejected, refreshRejected }
}
