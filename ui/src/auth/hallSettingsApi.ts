/** The hall settings calls as the logged-in admin; a 401 goes back to /login as in `staffApi`. */
import { ElMessage } from 'element-plus';
import { createHallSettingsApi, type HallSettingsApi } from '../api/hallSettings';
import { i18n } from '../i18n';
import { router } from '../router';
import { clearSession, sessionToken } from './session';

let api: HallSettingsApi | null = null;

export function useHallSettingsApi(): HallSettingsApi {
  api ??= createHallSettingsApi({
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
