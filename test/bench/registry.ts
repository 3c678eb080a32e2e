/** Every benchmark `npm run bench` runs, in order. Each issue's benchmark registers here. */
import { examRoomBenchmark } from './exam-room.bench';
import type { Benchmark } from './harness';

export const benchmarks: Benchmark[] = [examRoomBenchmark];
