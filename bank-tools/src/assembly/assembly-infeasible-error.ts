/**
 * Error thrown by the throwing variants of the assemblers when no library can be built (R1-R2).
 */
import type { AssemblySeed, Infeasibility } from './types';

/** No library: `infeasibility` lists the binding constraints with their numbers. */
export class AssemblyInfeasibleError extends Error {
  readonly infeasibility: Infeasibility[];
  readonly seed: AssemblySeed;

  constructor(infeasibility: Infeasibility[], seed: AssemblySeed) {
    super(`paper library cannot be assembled: ${infeasibility.map((issue) => issue.message).join('; ')}`);
    this.name = 'AssemblyInfeasibleError';
    this.infeasibility = infeasibility;
    this.seed = seed;
  }
}

/** True when `error` is an `AssemblyInfeasibleError`. */
export function isAssemblyInfeasibleError(error: unknown): error is AssemblyInfeasibleError {
  return error instanceof AssemblyInfeasibleError;
}
