/** The hall set-up calls as the logged-in admin; a 401 goes back to /login as in `staffApi`. */
import { ElMessage } from 'element-plus';
import { createHallSetupApi, type HallSetupApi } from '../api/hallSetup';
import { i18n } from '../i18n';
import { router } from '../router';
import { clearSession, sessionToken } from './session';

let api: HallSetupApi | null = null;

export function useHallSetupApi(): HallSetupApi {
  api ??= createHallSetupApi({
    token: sessionToken,
    onUnauthorized() {
      if (!sessionToken()) return;
      clearSession();
      ElMessage.warning(i18n.global.t('staff.sessionExpired'));
      const here = router.currentRoute.value;
      void router.replace({ path: '/login', query: { next: here.fullPath } });
    },
  });
  return api;
}
