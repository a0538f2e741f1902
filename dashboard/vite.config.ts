// Builds the reference dashboard (`npm run build:dashboard`): our page, Chart.js and the typed
// operations bundled into dist/dashboard/, which the gateway serves at /dashboard (gateway/static-pages.ts).
import { defineConfig } from 'vite';
import { pageBuild } from '../gateway/explorer/page-build';

export default defineConfig(pageBuild('dashboard', import.meta.dirname));
