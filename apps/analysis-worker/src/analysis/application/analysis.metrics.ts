import { Counter, register } from 'prom-client';

export const analysisComputations =
  (register.getSingleMetric('analysis_computations_total') as Counter<'kind' | 'outcome'> | undefined) ??
  new Counter({
    name: 'analysis_computations_total',
    help: 'Analyses computed from a completed component, by kind (pugh, dq) and outcome (recomputed, stale: a later completion was already analysed)',
    labelNames: ['kind', 'outcome'],
  });
