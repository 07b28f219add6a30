/** The admin's reading calls as the logged-in staff member; a 401 goes back to /login as in `staffApi`. */
import { ElMessage } from 'element-plus';
import { createAdminApi, type AdminApi } from '../api/admin';
import { i18n } from '../i18n';
import { router } from '../router';
import { clearSession, sessionToken } from './session';

let adminApi: AdminApi | null = null;

export function useAdminApi(): AdminApi {
  adminApi ??= createAdminApi({
    token: sessionToken,
    onUnauthorized() {
      if (!sessionToken()) return;
      clearSession();
      ElMessage.warning(i18n.global.t('staff.sessionExpired'));
      const here = router.currentRoute.value;
      void router.replace({ path: '/login', query: { next: here.fullPath } });
    },
  });
  return adminApi;
}
