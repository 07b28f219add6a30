/** The API as a logged-in staff member: session token; a 401 sends them back to /login. */
import { ElMessage } from 'element-plus';
import { createApi, type HallApi } from '../api/endpoints';
import { i18n } from '../i18n';
import { router } from '../router';
import { clearSession, sessionToken } from './session';

let staffApi: HallApi | null = null;

export function useStaffApi(): HallApi {
  staffApi ??= createApi({
    token: sessionToken,
    onUnauthorized() {
      if (!sessionToken()) return;
      clearSession();
      ElMessage.warning(i18n.global.t('staff.sessionExpired'));
      const here = router.currentRoute.value;
      void router.replace({ path: '/login', query: { next: here.fullPath } });
    },
  });
  return staffApi;
}
