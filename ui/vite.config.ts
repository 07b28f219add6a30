import vue from '@vitejs/plugin-vue';
import { defineConfig, type PluginOption } from 'vite';

/** Where `npm run dev` sends API calls; the hall server's default dev address. */
const API_TARGET = process.env.ONETRIP_API ?? 'http://127.0.0.1:8080';

export default defineConfig(async ({ mode }) => {
  const plugins: PluginOption[] = [vue()];
  // `npm run dev:mock`: an in-memory stand-in of the API, for UI work without the Rust server.
  // It lives in dev/ (Node side only) and never reaches the production bundle.
  if (mode === 'mock') plugins.push((await import('./dev/mockApiPlugin.ts')).mockApiPlugin());

  return {
    plugins,
    define: {
      __VUE_I18N_FULL_INSTALL__: true,
      __VUE_I18N_LEGACY_API__: false,
      __INTLIFY_PROD_DEVTOOLS__: false,
      __VUE_PROD_DEVTOOLS__: false,
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
    },
    server: {
      host: '127.0.0.1',
      port: 5173,
      proxy:
        mode === 'mock'
          ? undefined
          : {
              '/api': { target: API_TARGET, changeOrigin: false },
              '/healthz': { target: API_TARGET, changeOrigin: false },
            },
    },
    preview: { host: '127.0.0.1', port: 4173 },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2020',
      chunkSizeWarningLimit: 1200,
    },
  };
});
