// The filters the lists offer: each enum's values, shown by their names in the locale files.
import type { Filter } from '../components/ListFilters.vue'

/** The class list: by state and by category (targets T1..T5). */
export const classFilters: Filter[] = [
  { name: 'status', prefix: 'status.', values: ['DRAFT', 'SUBMITTED', 'APPROVED', 'IN_PROGRESS', 'COMPLETED', 'REJECTED', 'CANCELLED'] },
  { name: 'category', prefix: 'categories.', values: ['WORK_IN_LIEU', 'ENTERPRISE_EMPLOYEE', 'KEY_GROUP', 'ENTREPRENEURSHIP', 'APPRENTICESHIP'] },
]

/** The applications list: by kind (its state is the open/closed tab). */
export const applicationFilters: Filter[] = [
  { name: 'kind', prefix: 'applications.kinds.', values: ['CLASS_TRAINING', 'WORK_IN_LIEU', 'APPRENTICESHIP', 'ENTREPRENEURSHIP'] },
]
