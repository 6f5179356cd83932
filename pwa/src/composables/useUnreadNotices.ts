// The unread-notices count behind the notices tab's badge, shared by the tab
// bar and the inbox; refreshed on navigation and after marking notices read.
import { ref } from 'vue'
import { query } from '../api/client'
import { UnreadNoticeCountDoc } from '../graphql/ops'

const unread = ref(0)

/** refreshUnread asks the server for the count; a failure keeps the last one (offline, say). */
async function refreshUnread(): Promise<void> {
  try {
    unread.value = (await query(UnreadNoticeCountDoc, {})).unreadNoticeCount
  } catch {
    // Keep the last count: the badge is a hint, the inbox shows the truth.
  }
}

export function useUnreadNotices() {
  return { unread, refreshUnread }
}
