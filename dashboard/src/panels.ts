// The five panels: each asks its own operation, so that a subgraph that is down takes out only the
// panel it feeds, and draws a chart with the table of its numbers beside it.
import {
  DashboardAlertsOverTimeDocument,
  DashboardIncidentsByMonthDocument,
  DashboardSituationPickerDocument,
  DashboardSituationsByLevelDocument,
  DashboardSituationTrendDocument,
  DashboardTrainingTotalsDocument,
} from './generated/graphql';
import { ask, type Answer } from './client';
import { chart, distinct, LEVEL_COLOURS, LEVELS, missingFields, panelBody, ready, reset, showError, showStale, table } from './panel';

const STATUS_COLOURS = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452'];

/**
 * How a panel is drawn: a `load` (the page opened, a sign-in) empties it while it asks; a `refresh`
 * (a live update, src/live.ts) keeps its figures until the new ones are in, and keeps them, saying
 * so, when the hub cannot give new ones.
 */
export type Drawing = 'load' | 'refresh';

/** Per panel, the latest load or refresh started: only its answer is drawn. */
const latest = new Map<string, number>();

/** Runs `document`'s answer through `draw` when its `fields` came, else the error panel (or, for a refresh, the figures kept). */
async function panel<T>(
  name: string,
  fields: string[],
  answer: Promise<Answer<T>>,
  drawing: Drawing,
  draw: (body: HTMLElement, data: T) => void,
): Promise<void> {
  const body = panelBody(name);
  const turn = (latest.get(name) ?? 0) + 1;
  latest.set(name, turn);
  if (drawing === 'load') reset(body);
  const got = await answer;
  // Overtaken by a later load or refresh (after a sign-in, another viewer's): that one is drawn.
  if (latest.get(name) !== turn) return;
  const missing = missingFields(got as Answer<Record<string, unknown>>, fields);
  if (missing.length > 0 && drawing === 'refresh' && body.parentElement!.dataset.state === 'ready') return showStale(body, missing, got);
  reset(body);
  if (missing.length > 0) return showError(body, missing, got);
  draw(body, got.data!);
  ready(body);
}

const rank = (level: string | null) => (level === null ? -1 : LEVELS.indexOf(level as (typeof LEVELS)[number]));

export const situationsPanel = () =>
  panel('situations', ['situationCounts'], ask(DashboardSituationsByLevelDocument), 'load', (body, data) => {
    const counts = data.situationCounts!;
    const grid = document.createElement('div');
    grid.className = 'country-grid';
    for (const region of distinct(counts.map((c) => c.region))) {
      const group = document.createElement('div');
      group.className = 'region';
      const heading = document.createElement('h3');
      heading.textContent = region;
      group.append(heading);
      const inRegion = counts.filter((c) => (c.region ?? '—') === region);
      for (const country of distinct(inRegion.map((c) => c.country))) {
        const rows = inRegion.filter((c) => (c.country ?? '—') === country);
        // A country is coloured by its highest current level among its situations.
        const level = rows.map((r) => r.level).reduce((a, b) => (rank(b) > rank(a) ? b : a), null);
        const cell = document.createElement('span');
        // Crimes being committed are a current crisis, not a higher risk: marked apart from the colour.
        const occurring = rows.some((r) => r.crimesOccurring === true);
        cell.className = `country level-${level ?? 'NONE'}${occurring ? ' crimes-occurring' : ''}`;
        cell.dataset.country = country;
        cell.dataset.level = level ?? 'NONE';
        cell.dataset.crimesOccurring = String(occurring);
        const describe = (r: (typeof rows)[number]) =>
          `${r.situations} ${r.level ?? 'not assessed'}${r.crimesOccurring ? ', crimes being committed' : ''}`;
        cell.title = `${country}: ${rows.map(describe).join('; ')}`;
        cell.textContent = occurring ? `${country} ●` : country;
        group.append(cell);
      }
      grid.append(group);
    }
    const key = document.createElement('p');
    key.className = 'legend';
    key.textContent = '● outlined: the latest assessment states that atrocity crimes are being committed there, whatever the risk level.';
    body.append(grid, key);
    table(
      body,
      'Situations by region, country, current level and whether crimes are being committed',
      ['Region', 'Country', 'Level', 'Crimes being committed', 'Situations'],
      counts.map((c) => [c.region, c.country, c.level, c.crimesOccurring ? 'yes' : 'no', c.situations]),
    );
  });

export const alertsPanel = (drawing: Drawing = 'load') =>
  panel('alerts', ['alertCounts'], ask(DashboardAlertsOverTimeDocument), drawing, (body, data) => {
    const counts = data.alertCounts!;
    const months = distinct(counts.map((c) => c.month));
    const sumBy = (key: 'level' | 'status', value: string, month: string) =>
      counts.filter((c) => (c[key] ?? '—') === value && (c.month ?? '—') === month).reduce((sum, c) => sum + c.alerts, 0);
    const stacked = { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } };
    // One stacked bar chart per grouping: months along, a bar segment per level (or status).
    for (const key of ['level', 'status'] as const)
      chart(body, {
        type: 'bar',
        data: {
          labels: months,
          datasets: distinct(counts.map((c) => c[key])).map((value, i) => ({
            label: value,
            backgroundColor: key === 'level' ? (LEVEL_COLOURS[value] ?? '#999') : STATUS_COLOURS[i % STATUS_COLOURS.length],
            data: months.map((month) => sumBy(key, value, month)),
          })),
        },
        options: { scales: stacked, plugins: { title: { display: true, text: `by ${key}` } } },
      });
    table(
      body,
      'Alerts by month, level and status',
      ['Month', 'Level', 'Status', 'Alerts'],
      counts.map((c) => [c.month, c.level, c.status, c.alerts]),
    );
  });

export const incidentsPanel = () =>
  panel('incidents', ['incidentCounts'], ask(DashboardIncidentsByMonthDocument), 'load', (body, data) => {
    const counts = data.incidentCounts!;
    chart(body, {
      type: 'bar',
      data: {
        labels: counts.map((c) => c.month ?? '—'),
        datasets: [
          { type: 'bar', label: 'incidents', backgroundColor: '#5470c6', data: counts.map((c) => c.incidents), yAxisID: 'y' },
          {
            type: 'line',
            label: 'fatalities',
            borderColor: '#b00020',
            backgroundColor: '#b00020',
            data: counts.map((c) => c.fatalities),
            yAxisID: 'y1',
          },
          // People displaced run to hundreds per incident where fatalities run to a few: their own axis.
          {
            type: 'line',
            label: 'displaced',
            borderColor: '#7a4fa3',
            backgroundColor: '#7a4fa3',
            data: counts.map((c) => c.displaced),
            yAxisID: 'y2',
          },
        ],
      },
      options: {
        scales: {
          y: { beginAtZero: true, position: 'left' },
          y1: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } },
          y2: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } },
        },
      },
    });
    table(
      body,
      'Incidents, fatalities and people displaced by month',
      ['Month', 'Incidents', 'Fatalities', 'Displaced'],
      counts.map((c) => [c.month, c.incidents, c.fatalities, c.displaced]),
    );
  });

export const trainingPanel = () =>
  panel('training', ['trainingTotals'], ask(DashboardTrainingTotalsDocument), 'load', (body, data) => {
    const totals = data.trainingTotals!;
    const rows: [string, number | null, number | null, number | null][] = [
      ['held, as the hub counts (2009–2011)', totals.sessions, totals.countries, totals.participantsTotal],
      ...totals.reportedTotals.map(
        (r) =>
          [
            `reported ${String(r.periodFrom)} to ${String(r.periodTo)} (${r.source})`,
            r.sessions ?? null,
            r.countries ?? null,
            r.participants ?? null,
          ] as [string, number | null, number | null, number | null],
      ),
    ];
    chart(body, {
      type: 'bar',
      data: {
        labels: ['sessions', 'countries', 'participants'],
        datasets: rows.map(([label, ...values], i) => ({ label, backgroundColor: STATUS_COLOURS[i % STATUS_COLOURS.length], data: values })),
      },
      options: { scales: { y: { type: 'logarithmic' } } },
    });
    table(body, 'Training totals beside the reported totals', ['', 'Sessions', 'Countries', 'Participants'], rows);
  });

/** Who is at risk in the situation shown: its protected groups, each with its kind, or a line saying it names none. */
function groupList(body: HTMLElement, groups: readonly { kind: string; name: string }[]): void {
  const heading = document.createElement('h3');
  heading.className = 'groups-heading';
  heading.textContent = 'Protected groups';
  const list = document.createElement('ul');
  list.className = 'protected-groups';
  for (const group of groups) {
    const item = document.createElement('li');
    item.dataset.kind = group.kind;
    item.textContent = `${group.name} (${group.kind})`;
    list.append(item);
  }
  if (groups.length === 0) {
    const none = document.createElement('li');
    none.className = 'none';
    none.textContent = 'none named';
    list.append(none);
  }
  body.append(heading, list);
}

/** Fills the situation picker, then draws the first situation's trend. */
export async function trendPanel(): Promise<void> {
  const picker = document.querySelector<HTMLSelectElement>('#situation-picker')!;
  reset(panelBody('trend'));
  const answer = await ask(DashboardSituationPickerDocument);
  const nodes = answer.data?.situations?.nodes ?? [];
  const previous = picker.value;
  picker.replaceChildren(
    ...nodes.map((node) => {
      const option = document.createElement('option');
      option.value = node.id;
      option.textContent = node.title;
      return option;
    }),
  );
  if (nodes.some((node) => node.id === previous)) picker.value = previous;
  if (answer.data?.situations == null) return showError(panelBody('trend'), ['situations'], answer);
  return trendOf(picker.value);
}

export const trendOf = (id: string) =>
  panel('trend', ['situation'], ask(DashboardSituationTrendDocument, { id }), 'load', (body, data) => {
    groupList(body, data.situation!.groups);
    const points = data.situation!.riskTrend;
    const dates = points.map((p) => String(p.assessedOn));
    const factors = distinct(points.flatMap((p) => p.factors.map((f) => f.riskFactor)));
    chart(body, {
      type: 'line',
      data: {
        labels: dates,
        datasets: factors.map((factor, i) => ({
          label: factor,
          borderColor: STATUS_COLOURS[i % STATUS_COLOURS.length],
          backgroundColor: STATUS_COLOURS[i % STATUS_COLOURS.length],
          data: points.map((p) => {
            const level = p.factors.find((f) => f.riskFactor === factor)?.level ?? null;
            return level === null ? null : rank(level) + 1;
          }),
        })),
      },
      options: { scales: { y: { min: 0, max: 4, ticks: { stepSize: 1, callback: (v) => LEVELS[Number(v) - 1] ?? '' } } } },
    });
    table(
      body,
      `Risk factor levels of ${data.situation!.title}`,
      ['Assessed on', 'Risk factor', 'Level'],
      points.flatMap((p) => p.factors.map((f) => [String(p.assessedOn), f.riskFactor, f.level])),
    );
  });
