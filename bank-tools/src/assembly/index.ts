/**
 * Paper-library assembly (R1-R3): quotas, theory and practical libraries, per-candidate forms,
 * the rejection baseline and the benchmark.
 */
export * from './types';
export { createRandom, type RandomSource } from './random';
export { deriveBlueprintQuotas, listBlueprintLeaves, validatePaperStructure, type BlueprintLeaf, type QuotaOptions } from './quotas';
export {
  checkNecessaryConditions,
  minimumSharedPlacements,
  MINIMUM_PAPER_COUNT,
  type FeasibilityCell,
  type FeasibilityProblem,
} from './feasibility';
export {
  assemblePaperLibrary,
  assemblePaperLibraryOrThrow,
  describeItemType,
  DEFAULT_DIFFICULTY_SPREAD,
  DEFAULT_MAX_ITERATIONS,
  DEFAULT_MAX_OVERLAP,
} from './assemble-paper-library';
export {
  assemblePracticalLibrary,
  ANY_KNOWLEDGE_POINT,
  type PracticalAssemblyInput,
  type PracticalAssemblyItem,
  type PracticalAssemblyResult,
  type PracticalBlueprintEntry,
  type PracticalLibrary,
  type PracticalPaper,
} from './assemble-practical-library';
export {
  buildCandidateForm,
  buildCandidateForms,
  choosePaperIndex,
  mapBankToDisplayed,
  mapResponseToBank,
  shuffleForm,
  type CandidateForm,
  type CandidateFormInput,
  type FormItem,
  type ShuffledForm,
} from './candidate-forms';
export { assembleByRejection, DEFAULT_REJECTION_ATTEMPTS } from './assemble-by-rejection';
export { runAssemblyBenchmark, type AssemblyBenchmarkOptions, type AssemblyBenchmarkResult } from './bench';
export { verifyPaperLibrary } from './verify-paper-library';
export { AssemblyInfeasibleError, isAssemblyInfeasibleError } from './assembly-infeasible-error';
export { generateSyntheticBank, type SyntheticBankOptions } from './synthetic-bank';
