// What every panel shares: its table of the numbers it draws (for screen readers, and read by the
// page tests), its chart, and the error panel naming what the hub could not give.
import { Chart, type ChartConfiguration } from 'chart.js';
import type { Answer } from './client';

export type Cell = string | number | null;

/** Level colours, lowest to highest, as the grid's CSS classes spell them too. */
export const LEVEL_COLOURS: Record<string, string> = { LOW: '#4c9a2a', MODERATE: '#e0b000', HIGH: '#e06c00', VERY_HIGH: '#b00020' };
export const LEVELS = ['LOW', 'MODERATE', 'HIGH', 'VERY_HIGH'] as const;

const charts = new WeakMap<HTMLElement, Chart[]>();

export function panelBody(name: string): HTMLElement {
  return document.querySelector<HTMLElement>(`[data-panel="${name}"] .body`)!;
}

/** Empties a panel (its charts destroyed) and marks it loading. */
export function reset(body: HTMLElement): void {
  for (const chart of charts.get(body) ?? []) chart.destroy();
  charts.delete(body);
  body.replaceChildren();
  body.parentElement!.dataset.state = 'loading';
  delete body.parentElement!.dataset.stale;
}

export function ready(body: HTMLElement): void {
  body.parentElement!.dataset.state = 'ready';
}

/** The error panel: which fields the hub left out and why, in the gateway's words. */
export function showError(body: HTMLElement, missing: string[], answer: Answer<unknown>): void {
  const panel = document.createElement('div');
  panel.className = 'panel-error';
  panel.setAttribute('role', 'alert');
  const title = document.createElement('p');
  title.textContent = `Not available: ${missing.join(', ')}`;
  const list = document.createElement('ul');
  for (const error of answer.errors) {
    const item = document.createElement('li');
    const from = error.extensions?.serviceName ? `the ${error.extensions.serviceName} subgraph: ` : '';
    item.textContent = `${from}${error.message}${error.extensions?.code ? ` (${error.extensions.code})` : ''}`;
    list.append(item);
  }
  panel.append(title, list);
  body.append(panel);
  body.parentElement!.dataset.state = 'error';
}

/**
 * A refresh that did not come: the panel keeps the figures it shows, under a line saying they were
 * not updated and why (replaced by the next one, gone with the next figures drawn).
 */
export function showStale(body: HTMLElement, missing: string[], answer: Answer<unknown>): void {
  const note = body.querySelector('.panel-stale') ?? body.insertBefore(document.createElement('p'), body.firstChild);
  note.className = 'panel-stale';
  note.setAttribute('role', 'status');
  const reasons = answer.errors.map(
    (error) => (error.extensions?.serviceName ? `the ${error.extensions.serviceName} subgraph: ` : '') + error.message,
  );
  note.textContent = `Not updated at ${new Date().toLocaleTimeString()}: ${missing.join(', ')}${reasons.length > 0 ? ` (${reasons.join('; ')})` : ''}. These are the figures from before.`;
  body.parentElement!.dataset.stale = 'true';
}

/** The root fields of `answer` the panel needs that came back null, or all of them when nothing came. */
export function missingFields(answer: Answer<Record<string, unknown>>, fields: string[]): string[] {
  return fields.filter((field) => answer.data === null || answer.data[field] === null || answer.data[field] === undefined);
}

/** A table of `rows` under `headings`; an empty value shows as "—". */
export function table(body: HTMLElement, caption: string, headings: string[], rows: Cell[][]): HTMLTableElement {
  const element = document.createElement('table');
  element.className = 'numbers';
  const captionElement = element.createCaption();
  captionElement.textContent = caption;
  const head = element.createTHead().insertRow();
  for (const heading of headings) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = heading;
    head.append(th);
  }
  const tbody = element.createTBody();
  for (const row of rows) {
    const tr = tbody.insertRow();
    for (const cell of row) tr.insertCell().textContent = cell === null ? '—' : String(cell);
  }
  body.append(element);
  return element;
}

export function chart(body: HTMLElement, config: ChartConfiguration): void {
  const holder = document.createElement('div');
  holder.className = 'chart';
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', 'chart of the table below');
  holder.append(canvas);
  body.append(holder);
  const made = new Chart(canvas, { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } });
  charts.set(body, [...(charts.get(body) ?? []), made]);
}

/** Distinct values in first-seen order after sorting. */
export function distinct(values: (string | null)[]): string[] {
  return [...new Set(values.map((v) => v ?? '—'))].sort();
}
