/** The API as a logged-in staff member: session token; a 401 sends them back to /login. */
import { ElMessage } from 'element-plus';
import { createAdminApi, type AdminApi } from '../api/admin';
import { createApi, type HallApi } from '../api/endpoints';
import { createHallSettingsApi, type HallSettingsApi } from '../api/hallSettings';
import { createHallSetupApi, type HallSetupApi } from '../api/hallSetup';
import { i18n } from '../i18n';
import { router } from '../router';
import { clearSession, sessionToken } from './session';

/** The session's token, and what every staff call does on a 401. */
export const staffAuth = {
  token: sessionToken,
  onUnauthorized() {
    if (!sessionToken()) return;
    clearSession();
    ElMessage.warning(i18n.global.t('staff.sessionExpired'));
    const here = router.currentRoute.value;
    void router.replace({ path: '/login', query: { next: here.fullPath } });
  },
};

/** One client per kind of calls, made on first use. */
function once<T>(make: () => T): () => T {
  let made: T | null = null;
  return () => (made ??= make());
}

export const useStaffApi: () => HallApi = once(() => createApi(staffAuth));
/** The admin's reading calls: audit, overdue report, statistics. */
export const useAdminApi: () => AdminApi = once(() => createAdminApi(staffAuth));
/** Staff accounts, terminals and the working-day calendar. */
export const useHallSetupApi: () => HallSetupApi = once(() => createHallSetupApi(staffAuth));
export const useHallSettingsApi: () => HallSettingsApi = once(() => createHallSettingsApi(staffAuth));
