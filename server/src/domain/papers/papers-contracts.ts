/**
 * HTTP contracts of the papers context (R1-R3, R17): zod schemas for /api/papers bodies, queries
 * and params.
 */
import { z } from 'zod';
import { objectIdSchema } from '../../contracts/common';

/** POST /api/papers/libraries: assemble a theory or practical paper library 卷库. */
export const assembleLibraryRequestSchema = z
  .object({
    scopeId: objectIdSchema,
    kind: z.enum(['theory', 'practical']).default('theory'),
    /** k papers, R1 >= 5. */
    paperCount: z.number().int().min(5, 'R1: a paper library holds at least 5 papers').max(50).default(5),
    /** Pairwise overlap limit, fraction 0..1 (R2); default the organisation setting (10%). */
    maxOverlap: z.number().min(0).max(1).optional(),
    /** Seed; generated (and stored) when absent. Same seed + same bank snapshot ⇒ same papers. */
    seed: z.union([z.string().trim().min(1).max(100), z.number().int().transform(String)]).optional(),
    /** Practical libraries: tasks per paper (default the scope's setting). */
    tasksPerPaper: z.number().int().min(1).max(50).optional(),
    /** Target mean difficulty 0..1 (higher = harder) and tolerated spread of paper means. */
    difficulty: z.object({ mean: z.number().min(0).max(1).optional(), spread: z.number().min(0).max(1).optional() }).strict().optional(),
  })
  .strict();
export type AssembleLibraryRequest = z.infer<typeof assembleLibraryRequestSchema>;

/** GET /api/papers/libraries query. */
export const listLibrariesQuerySchema = z.object({
  scopeId: objectIdSchema.optional(),
  kind: z.enum(['theory', 'practical']).optional(),
  status: z.enum(['active', 'retired']).optional(),
});
export type ListLibrariesQuery = z.infer<typeof listLibrariesQuerySchema>;

/** POST /api/papers/:paperId/retire. */
export const retirePaperRequestSchema = z
  .object({
    reason: z.string().trim().min(1, 'is required').max(2000),
    /** Draw a replacement paper keeping the other papers' overlap limits (default true). */
    replace: z.boolean().default(true),
    seed: z.union([z.string().trim().min(1).max(100), z.number().int().transform(String)]).optional(),
  })
  .strict();
export type RetirePaperRequest = z.infer<typeof retirePaperRequestSchema>;

/** POST /api/papers/libraries/:libraryId/retire. */
export const retireLibraryRequestSchema = z.object({ reason: z.string().trim().min(1, 'is required').max(2000) }).strict();

export const libraryParamsSchema = z.object({ libraryId: objectIdSchema });
export const paperParamsSchema = z.object({ paperId: objectIdSchema });
