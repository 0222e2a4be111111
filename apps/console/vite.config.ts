import { defineConfig } from 'vite'

/** The console is served by the Basalt server under /_console/; JSX compiles to Preact. */
export default defineConfig({
  base: '/_console/',
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
})
