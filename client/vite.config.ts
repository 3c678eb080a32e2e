import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Dev server proxies the API and socket.io to the SkillCert server (PORT, default 3000). */
const target = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': target,
      '/verify/': target,
      '/socket.io': { target, ws: true },
    },
  },
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 2000 },
});
