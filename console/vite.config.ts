import { defineConfig } from 'vite';

// The console is served by the gateway at /console/ under a strict Content-Security-Policy:
// one hashed module script, one stylesheet, nothing inline and nothing from another origin.
export default defineConfig({
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // Small assets stay files: a data: URL for a script or font would need a CSP exception.
    assetsInlineLimit: 0,
    // The polyfill is an inline-free module, but every supported browser has modulepreload.
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'es2022',
  },
});
