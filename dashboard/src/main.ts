// The reference dashboard: sign-in (a pasted token, or in development the token picker), then the
// five panels, every number from the gateway's /graphql under the signed-in viewer's policy; signed
// in, the alert panels follow the viewer's alert events live (src/live.ts).
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Title,
  Tooltip,
} from 'chart.js';
import { currentToken, describeToken, setToken } from '../../gateway/explorer/bearer-token';
import { liveAlerts } from './live';
import { alertsPanel, incidentsPanel, situationsPanel, trainingPanel, trendOf, trendPanel } from './panels';
import './dashboard.css';

// Only the parts drawn here, so that the bundle carries no more of Chart.js.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  LogarithmicScale,
  Legend,
  Title,
  Tooltip,
);

const tokenInput = document.querySelector<HTMLInputElement>('#dashboard-token')!;
const viewer = document.querySelector<HTMLOutputElement>('#token-viewer')!;
// Alert events change the alerts panel's counts only: the other panels count no alert.
const live = liveAlerts(document.querySelector<HTMLOutputElement>('#live-status')!, () => alertsPanel('refresh'));

function refresh(): Promise<unknown> {
  viewer.textContent = describeToken(currentToken());
  document.body.dataset.viewer = currentToken() === '' ? 'anonymous' : 'signed-in';
  live.follow(currentToken());
  return Promise.all([situationsPanel(), alertsPanel(), incidentsPanel(), trainingPanel(), trendPanel()]);
}

function signIn(token: string): void {
  setToken(token);
  tokenInput.value = token;
  void refresh();
}

document.querySelector<HTMLFormElement>('#sign-in')!.addEventListener('submit', (event) => {
  event.preventDefault();
  signIn(tokenInput.value.trim());
});

document.querySelector<HTMLSelectElement>('#situation-picker')!.addEventListener('change', (event) => {
  void trendOf((event.target as HTMLSelectElement).value);
});

/** The development token picker, when the gateway offers one (never in production). */
async function devPicker(): Promise<void> {
  const response = await fetch('/dashboard/dev-tokens').catch(() => undefined);
  if (!response?.ok) return;
  const { organisations, roles } = (await response.json()) as { organisations: { code: string; name: string }[]; roles: string[] };
  const option = (value: string, text: string) => Object.assign(document.createElement('option'), { value, textContent: text });
  document.querySelector('#dev-org')!.replaceChildren(...organisations.map((o) => option(o.code, `${o.code} · ${o.name}`)));
  document.querySelector('#dev-role')!.replaceChildren(...roles.map((r) => option(r, r)));
  const form = document.querySelector<HTMLFormElement>('#dev-picker')!;
  form.hidden = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const minted = await fetch('/dashboard/dev-tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ org: data.get('org'), role: data.get('role') }),
    });
    if (minted.ok) signIn(((await minted.json()) as { token: string }).token);
  });
}

tokenInput.value = currentToken();
void devPicker();
void refresh().then(() => (document.body.dataset.loaded = 'true'));
