/** Every benchmark `npm run bench` runs, in order. Each issue's benchmark registers here. */
import type { Benchmark } from './harness';

export const benchmarks: Benchmark[] = [];
