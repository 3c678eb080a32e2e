/** Incident rules (R10): pure, incremental, thresholds as per-organisation settings. */
export * from './incident';
export * from './settings';
export * from './evaluate-incidents';
