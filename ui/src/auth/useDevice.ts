/** A kiosk's or display's identity: its device token, and the API called with it. */
import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { createApi } from '../api/endpoints';
import { deviceToken, saveDeviceToken } from './device';
import type { DeviceRole } from './fragment';

export function useDevice(role: DeviceRole) {
  const { t } = useI18n();
  const token = computed(() => deviceToken(role));
  /** Why the pairing screen is back (e.g. the token was revoked). */
  const problem = ref<string | null>(null);

  const api = createApi({
    token: () => token.value,
    onUnauthorized() {
      if (!token.value) return;
      saveDeviceToken(role, null);
      problem.value = t('device.invalidToken');
    },
  });

  function pair(newToken: string): void {
    saveDeviceToken(role, newToken);
    problem.value = null;
  }

  return { api, token, problem, pair, paired: computed(() => token.value !== null) };
}
