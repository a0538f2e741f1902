// Preloaded (`node --require`) by observability-cost.ts into the services it runs without metrics:
// prom-client's counters and histograms record nothing, so what remains of a request's cost is
// the rest of its work. For that measurement only; no service reads a setting for it.
import { Counter, Histogram } from 'prom-client';

Counter.prototype.inc = function inc() {};
Histogram.prototype.observe = function observe() {};
