import { createRouter, createWebHistory } from 'vue-router'
import { session } from './api/session'
import { homeOf } from './composables/roles'
// The two pages a signed-out phone opens first come with the app itself (no second round trip
// before they can show); every other screen is loaded when opened.
import Login from './views/Login.vue'
import Verify from './views/Verify.vue'

export const router = createRouter({
  history: createWebHistory(),
  // A new screen starts at its top; back and forward keep where the user was.
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  routes: [
    { path: '/login', component: Login, meta: { public: true } },
    { path: '/verify', component: Verify, meta: { public: true } },
    { path: '/publicity', component: () => import('./views/Publicity.vue'), meta: { public: true } },
    { path: '/', redirect: () => home() },
    { path: '/classes', component: () => import('./views/Classes.vue') },
    { path: '/classes/new', component: () => import('./views/ClassNew.vue') },
    { path: '/classes/:id', component: () => import('./views/ClassDetail.vue'), props: true },
    { path: '/applications', component: () => import('./views/Applications.vue') },
    { path: '/applications/new', component: () => import('./views/ApplicationNew.vue') },
    { path: '/applications/:id', component: () => import('./views/ApplicationDetail.vue'), props: true },
    { path: '/uploads', component: () => import('./views/Uploads.vue') },
    { path: '/review', component: () => import('./views/Review.vue') },
    { path: '/onsite', component: () => import('./views/OnSite.vue') },
    { path: '/onsite/:id', component: () => import('./views/OnSiteDetail.vue'), props: true },
    { path: '/sample', component: () => import('./views/Sample.vue') },
    { path: '/dashboard', component: () => import('./views/Dashboard.vue') },
    { path: '/certificates', component: () => import('./views/Certificates.vue') },
    { path: '/notices', component: () => import('./views/Notices.vue') },
    { path: '/funds', component: () => import('./views/Funds.vue') },
    { path: '/ledger', component: () => import('./views/Ledger.vue') },
    { path: '/claims', component: () => import('./views/Claims.vue') },
    { path: '/claims/new', component: () => import('./views/ClaimNew.vue') },
    { path: '/apprenticeships', component: () => import('./views/Apprenticeships.vue') },
    { path: '/apprenticeships/new', component: () => import('./views/ApprenticeshipNew.vue') },
    { path: '/apprenticeship-applications', component: () => import('./views/ApprenticeshipApplications.vue') },
    { path: '/apprenticeship-applications/new', component: () => import('./views/ApprenticeshipApplicationNew.vue') },
    { path: '/apprenticeship-applications/:id', component: () => import('./views/ApprenticeshipApplicationDetail.vue'), props: true },
    // A new filing is /certification/new: once saved as a draft it becomes /certification/<its id> on the same screen.
    { path: '/certification', component: () => import('./views/Certification.vue') },
    { path: '/certification/:id', component: () => import('./views/CertificationUnit.vue'), props: true },
    // 包干 (contracting, R2): an official's enterprises, one enterprise's visits and five clears, the ledgers, the unassigned.
    { path: '/contracting', component: () => import('./views/Contracting.vue') },
    { path: '/contracting/enterprises/:id', component: () => import('./views/ContractingEnterprise.vue'), props: true },
    { path: '/contracting/ledgers', component: () => import('./views/ContractingLedgers.vue') },
    { path: '/contracting/unassigned/:code', component: () => import('./views/ContractingUnassigned.vue'), props: true },
    { path: '/reports', component: () => import('./views/Reports.vue') },
    { path: '/me', component: () => import('./views/Me.vue') },
  ],
})

/** home is the signed-in user's home screen (src/composables/roles.ts). */
export const home = () => homeOf(session.current?.user.role)

router.beforeEach((to) => {
  if (!to.meta.public && !session.current) return { path: '/login', query: { next: to.fullPath } }
})
