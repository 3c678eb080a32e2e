/** Every benchmark `npm run bench` runs, in order. Each issue's benchmark registers here. */
import { assemblyBenchmark } from './assembly.bench';
import { bankImportBenchmark } from './bank-import.bench';
import { certificateRenderBenchmark } from './certificate-render.bench';
import { duplicatesBenchmark } from './duplicates.bench';
import { embeddedStoreBenchmark } from './embedded-store.bench';
import { examRoomBenchmark } from './exam-room.bench';
import type { Benchmark } from './harness';
import { proctoringBenchmark } from './proctoring.bench';
import { soakBenchmark } from './soak.bench';

export const benchmarks: Benchmark[] = [
  embeddedStoreBenchmark,
  bankImportBenchmark,
  duplicatesBenchmark,
  assemblyBenchmark,
  certificateRenderBenchmark,
  examRoomBenchmark,
  proctoringBenchmark,
  soakBenchmark,
];
