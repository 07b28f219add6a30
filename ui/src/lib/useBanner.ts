/** One message at a time that clears itself after a while (device screens' banners). */
import { onBeforeUnmount, ref } from 'vue';

export function useBanner(ttlMs = 8000) {
  const message = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;

  function show(text: string): void {
    message.value = text;
    clearTimeout(timer);
    timer = setTimeout(() => (message.value = null), ttlMs);
  }
  function dismiss(): void {
    clearTimeout(timer);
    message.value = null;
  }
  onBeforeUnmount(() => clearTimeout(timer));
  return { message, show, dismiss };
}
