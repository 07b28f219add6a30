/** Routes (history mode: the server answers index.html for every one of them). */
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { consumeFragmentCredentials } from './auth/handover';
import { hasValidSession } from './auth/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Staff pages need a session; without one they go to /login?next=… */
    staff?: boolean;
    titleKey?: string;
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/', component: () => import('./pages/RoleChooserPage.vue') },
  { path: '/kiosk', component: () => import('./pages/kiosk/KioskPage.vue'), meta: { titleKey: 'kiosk.title' } },
  {
    path: '/display',
    component: () => import('./pages/display/DisplayPage.vue'),
    meta: { titleKey: 'display.title' },
  },
  { path: '/login', component: () => import('./pages/staff/LoginPage.vue'), meta: { titleKey: 'login.title' } },
  {
    path: '/counter',
    component: () => import('./pages/counter/CounterPage.vue'),
    meta: { staff: true, titleKey: 'counter.title' },
  },
  {
    // The counter's citizen-facing rating screen (评价屏), in the clerk's session.
    path: '/evaluate',
    component: () => import('./pages/evaluate/EvaluatePage.vue'),
    meta: { staff: true, titleKey: 'rating.evaluate.title' },
  },
  {
    path: '/admin/ratings',
    component: () => import('./pages/admin/RatingsAdminPage.vue'),
    meta: { staff: true, titleKey: 'rating.admin.title' },
  },
  {
    // 统计分析 (admin) and the hall's figures for everyone.
    path: '/admin/stats',
    component: () => import('./pages/admin/StatsAdminPage.vue'),
    meta: { staff: true, titleKey: 'stats.title' },
  },
  {
    path: '/public/stats',
    component: () => import('./pages/public/PublicStatsPage.vue'),
    meta: { titleKey: 'stats.public.title' },
  },
  {
    path: '/counter/intake',
    component: () => import('./pages/intake/IntakePage.vue'),
    meta: { staff: true, titleKey: 'intake.title' },
  },
  {
    path: '/approver',
    component: () => import('./pages/approver/ApproverPage.vue'),
    meta: { staff: true, titleKey: 'approver.title' },
  },
  {
    path: '/output',
    component: () => import('./pages/output/OutputPage.vue'),
    meta: { staff: true, titleKey: 'output.title' },
  },
  {
    path: '/admin',
    component: () => import('./pages/admin/AdminHomePage.vue'),
    meta: { staff: true, titleKey: 'adminHome.title' },
  },
  {
    path: '/admin/audit',
    component: () => import('./pages/admin/AuditPage.vue'),
    meta: { staff: true, titleKey: 'audit.title' },
  },
  {
    // Hall set-up (admin): staff accounts, terminals, the working-day calendar.
    path: '/admin/staff',
    component: () => import('./pages/admin/StaffAdminPage.vue'),
    meta: { staff: true, titleKey: 'staffAdmin.title' },
  },
  {
    path: '/admin/devices',
    component: () => import('./pages/admin/DevicesAdminPage.vue'),
    meta: { staff: true, titleKey: 'devicesAdmin.title' },
  },
  {
    path: '/admin/calendar',
    component: () => import('./pages/admin/CalendarAdminPage.vue'),
    meta: { staff: true, titleKey: 'calendarAdmin.title' },
  },
  {
    path: '/admin/settings',
    component: () => import('./pages/admin/SettingsAdminPage.vue'),
    meta: { staff: true, titleKey: 'settingsAdmin.title' },
  },
  {
    path: '/track/ticket/:code',
    component: () => import('./pages/TrackTicketPage.vue'),
    props: true,
    meta: { titleKey: 'track.title' },
  },
  {
    path: '/track/:code?',
    component: () => import('./pages/TrackPage.vue'),
    props: true,
    meta: { titleKey: 'caseTrack.title' },
  },
  {
    path: '/verify',
    component: () => import('./pages/verify/VerifyPage.vue'),
    meta: { titleKey: 'verify.title' },
  },
  {
    // 网民留言: public (and the kiosk's version with ?kiosk=1, inside the kiosk window's paths).
    path: '/public/messages',
    component: () => import('./pages/messages/PublicMessagesPage.vue'),
    meta: { titleKey: 'messages.public.title' },
  },
  ...['/admin/messages', '/messages'].map(
    (path): RouteRecordRaw => ({
      path,
      component: () => import('./pages/admin/MessagesAdminPage.vue'),
      meta: { staff: true, titleKey: 'messages.staff.title' },
    }),
  ),
  {
    path: '/public/catalog',
    component: () => import('./pages/public/CatalogPage.vue'),
    meta: { titleKey: 'catalogPublic.title' },
  },
  {
    // 清单目录管理 (admin): the catalog edited as a draft and published as a new version.
    path: '/admin/catalog',
    component: () => import('./pages/admin/CatalogAdminPage.vue'),
    meta: { staff: true, titleKey: 'catalogAdmin.title' },
  },
  {
    path: '/admin/catalog-disclosure',
    component: () => import('./pages/admin/CatalogDisclosurePage.vue'),
    meta: { staff: true, titleKey: 'catalogPublic.disclosure.title' },
  },
  {
    path: '/public/appointments',
    component: () => import('./pages/appointments/PublicAppointmentsPage.vue'),
    meta: { titleKey: 'appointments.title' },
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach((to) => {
  // `#device_token=…` / `#session=…` (the desktop app opens its windows so): store, then drop
  // from the address bar (replace: no history entry keeps the token).
  const rest = consumeFragmentCredentials(to.path, to.hash);
  if (rest !== null) return { path: to.path, query: to.query, hash: rest ? `#${rest}` : '', replace: true };

  if (to.meta.staff && !hasValidSession()) {
    return { path: '/login', query: { next: to.fullPath } };
  }
  return true;
});

