import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const alias = { '@shared': fileURLToPath(new URL('./src/shared', import.meta.url)) };

export default defineConfig({
  main: {
    resolve: { alias },
    build: { outDir: 'out/main' },
  },
  preload: {
    resolve: { alias },
    // A sandboxed preload cannot require modules: bundle everything into one CommonJS file.
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'src/renderer',
    resolve: { alias },
    // Relative asset paths, so the same build loads from Electron's app:// protocol and from the endpoint.
    base: './',
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: { input: fileURLToPath(new URL('./src/renderer/index.html', import.meta.url)) },
    },
    plugins: [
      react(),
      // The service worker lets the web host reopen offline; the Electron host never registers it.
      VitePWA({
        injectRegister: false,
        registerType: 'autoUpdate',
        manifest: false,
        workbox: {
          globPatterns: ['**/*.{js,css,html,svg,png,woff2,geojson,json}'],
          navigateFallback: 'index.html',
          navigateFallbackDenylist: [/^\/api\//],
          maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        },
      }),
      // Brotli files beside the assets, for the endpoint to serve as they are: compressing the app's 2 MB of script on
      // every page load cost the endpoint's CPU (Electron loads the plain files and packages none of these).
      compression({
        // Quality 9: a tenth of the build time of 11, files about 8 % larger.
        algorithms: [defineAlgorithm('brotliCompress', { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } })],
        include: /\.(html|css|js|mjs|json|geojson|svg)$/,
        threshold: 1024,
        logLevel: 'silent',
      }),
    ],
  },
});
