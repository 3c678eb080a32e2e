/**
 * HTTP contracts of the bank context (R1, R2, R17): zod schemas and inferred types for bodies,
 * queries and params of /api/bank. Kept next to the bank domain; the client can import them as
 * `@skillcert/server/domain/bank/bank-contracts` (or they move to `contracts/` later).
 */
import { z } from 'zod';
import { levelParamSchema as levelSchema, objectIdSchema } from '../../contracts/common';

export const itemStatusSchema = z.enum(['draft', 'in_review', 'approved', 'retired']);
export const itemKindSchema = z.enum(['theory', 'practical']);
export const theoryItemTypeSchema = z.enum(['single', 'multiple', 'judge']);

/** POST /api/bank/scopes. */
export const createScopeRequestSchema = z
  .object({
    occupationCode: z.string().trim().regex(/^\d-\d{2}-\d{2}-\d{2}$/, 'must look like 6-31-01-03'),
    occupationName: z.string().trim().min(1, 'is required').max(100),
    workType: z.string().trim().min(1, 'is required').max(100),
    level: levelSchema,
    practicalTasksPerPaper: z.number().int().min(1).max(50).optional(),
  })
  .strict();
export type CreateScopeRequest = z.infer<typeof createScopeRequestSchema>;

/** PATCH /api/bank/scopes/:scopeId. */
export const updateScopeRequestSchema = z
  .object({
    occupationName: z.string().trim().min(1).max(100).optional(),
    practicalTasksPerPaper: z.number().int().min(1).max(50).optional(),
  })
  .strict();
export type UpdateScopeRequest = z.infer<typeof updateScopeRequestSchema>;

const blueprintNodeSchema: z.ZodType<{ code: string; name: string; weight: number; children?: unknown[] }> = z.lazy(() =>
  z.object({
    code: z.string().trim().min(1, 'is required').max(50),
    name: z.string().trim().min(1, 'is required').max(200),
    weight: z.number().min(0).max(1),
    children: z.array(blueprintNodeSchema).optional(),
  }),
);

/** A blueprint 认定要素细目表: knowledge tree plus theory paper structure (checked again by bank-tools). */
export const blueprintSchema = z.object({
  nodes: z.array(blueprintNodeSchema).min(1, 'needs at least one node'),
  structure: z
    .array(z.object({ type: theoryItemTypeSchema, count: z.number().int().min(1), pointsEach: z.number().positive() }))
    .min(1, 'needs at least one item type'),
});

/** PUT /api/bank/scopes/:scopeId/blueprint: `{ blueprint }`. */
export const putBlueprintRequestSchema = z.object({ blueprint: blueprintSchema }).strict();

/** POST /api/bank/scopes/:scopeId/blueprint/derive: optional paper shape of the derived structure. */
export const deriveBlueprintRequestSchema = z
  .object({
    itemsPerPaper: z.number().int().min(1).max(500).optional(),
    totalPoints: z.number().positive().max(1000).optional(),
  })
  .strict();
export type DeriveBlueprintRequest = z.infer<typeof deriveBlueprintRequestSchema>;

/** Theory item content: stem, options, 0-based answer indexes (R1 standard items). */
export const theoryContentSchema = z
  .object({
    kind: z.literal('theory'),
    type: theoryItemTypeSchema,
    stem: z.string().trim().min(1, 'is required').max(32_767),
    options: z.array(z.string().trim().min(1, 'is empty').max(32_767)).min(2).max(26),
    answer: z.array(z.number().int().min(0)).min(1, 'needs at least one option index'),
    knowledgePoint: z.string().trim().min(1).max(50).optional(),
    category: z.string().trim().max(200).optional(),
    chapter: z.string().trim().max(200).optional(),
    difficulty: z.number().int().min(1).max(5).optional(),
    images: z.array(z.string().regex(/^[\w.-]{1,100}$/)).optional(),
  })
  .strict()
  .superRefine((item, context) => {
    if (item.answer.some((index) => index >= item.options.length)) {
      context.addIssue({ code: 'custom', path: ['answer'], message: `an index is beyond the ${item.options.length} options` });
    }
    if (new Set(item.answer).size !== item.answer.length) {
      context.addIssue({ code: 'custom', path: ['answer'], message: 'repeats an option' });
    }
    if ((item.type === 'single' || item.type === 'judge') && item.answer.length !== 1) {
      context.addIssue({ code: 'custom', path: ['answer'], message: `a ${item.type} item needs exactly one answer` });
    }
    if (item.type === 'multiple' && item.answer.length < 2) {
      context.addIssue({ code: 'custom', path: ['answer'], message: 'a multiple item needs at least two answers' });
    }
    if (item.type === 'judge' && (item.options.length !== 2 || item.options[0] !== '正确' || item.options[1] !== '错误')) {
      context.addIssue({ code: 'custom', path: ['options'], message: 'a judge item has the options ["正确", "错误"]' });
    }
  })
  .transform((item) => ({ ...item, answer: [...item.answer].sort((a, b) => a - b) }));

/** Practical item content: task, materials, time limit, scoring criteria and veto items 否决项. */
export const practicalContentSchema = z
  .object({
    kind: z.literal('practical'),
    title: z.string().trim().min(1, 'is required').max(500),
    task: z.string().trim().min(1, 'is required').max(32_767),
    materials: z.array(z.string().trim().min(1).max(1000)).max(200).default([]),
    timeLimitMinutes: z.number().int().min(1).max(24 * 60),
    criteria: z
      .array(
        z.object({
          criterion: z.string().trim().min(1, 'is required').max(2000),
          maxPoints: z.number().positive().max(1000),
          deductionRule: z.string().trim().min(1, 'is required').max(2000),
        }),
      )
      .min(1, 'needs at least one scoring criterion'),
    vetoItems: z.array(z.string().trim().min(1).max(2000)).max(100).default([]),
    knowledgePoint: z.string().trim().min(1).max(50).optional(),
    difficulty: z.number().int().min(1).max(5).optional(),
  })
  .strict();

/** Item content of either kind. */
export const itemContentSchema = z.discriminatedUnion('kind', [theoryContentSchema, practicalContentSchema]);

/** POST /api/bank/items. */
export const createItemRequestSchema = z.object({ scopeId: objectIdSchema, content: itemContentSchema }).strict();
export type CreateItemRequest = z.infer<typeof createItemRequestSchema>;

/** PUT /api/bank/items/:itemId: new content; `expectedVersion` guards against lost updates. */
export const updateItemRequestSchema = z
  .object({ content: itemContentSchema, expectedVersion: z.number().int().min(1).optional() })
  .strict();
export type UpdateItemRequest = z.infer<typeof updateItemRequestSchema>;

/** Body of review transitions: an optional note (required when rejecting). */
export const reviewNoteRequestSchema = z.object({ note: z.string().trim().max(2000).optional() }).strict();
export const rejectItemRequestSchema = z.object({ note: z.string().trim().min(1, 'is required').max(2000) }).strict();
export const retireItemRequestSchema = z.object({ reason: z.string().trim().min(1, 'is required').max(2000) }).strict();

/** GET /api/bank/items query. */
export const listItemsQuerySchema = z.object({
  scopeId: objectIdSchema.optional(),
  kind: itemKindSchema.optional(),
  type: theoryItemTypeSchema.optional(),
  status: itemStatusSchema.optional(),
  knowledgePoint: z.string().trim().min(1).max(50).optional(),
  search: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListItemsQuery = z.infer<typeof listItemsQuerySchema>;

/** Query of the import dry run: the file name when no `X-File-Name` header is sent. */
export const importUploadQuerySchema = z.object({ fileName: z.string().trim().min(1).max(255).optional() });

/** POST /api/bank/scopes/:scopeId/imports/:importId/confirm. */
export const confirmImportRequestSchema = z
  .object({ status: z.enum(['draft', 'approved']).default('draft') })
  .strict();
export type ConfirmImportRequest = z.infer<typeof confirmImportRequestSchema>;

/** POST /api/bank/scopes/:scopeId/export (R17: a stated reason is required and audited). */
export const exportBankRequestSchema = z
  .object({
    format: z.enum(['xlsx', 'json']),
    reason: z.string().trim().min(1, 'is required: state why the bank leaves the platform').max(1000),
    kind: itemKindSchema.default('theory'),
    statuses: z.array(itemStatusSchema).min(1).default(['draft', 'in_review', 'approved']),
  })
  .strict();
export type ExportBankRequest = z.infer<typeof exportBankRequestSchema>;

/** GET /api/bank/scopes/:scopeId/duplicates query. */
export const duplicatesQuerySchema = z.object({
  /** `same`: pairs within the scope; `other`: with other scopes of the organisation; `all`: both. */
  across: z.enum(['same', 'other', 'all']).default('same'),
  threshold: z.coerce.number().gt(0).max(1).optional(),
  kind: itemKindSchema.default('theory'),
});
export type DuplicatesQuery = z.infer<typeof duplicatesQuerySchema>;

/** POST /api/bank/duplicates/merge: keep one item, retire the other. */
export const mergeDuplicatesRequestSchema = z
  .object({ keepItemId: objectIdSchema, retireItemId: objectIdSchema, note: z.string().trim().max(2000).optional() })
  .strict()
  .refine((value) => value.keepItemId !== value.retireItemId, { path: ['retireItemId'], message: 'must differ from keepItemId' });
export type MergeDuplicatesRequest = z.infer<typeof mergeDuplicatesRequestSchema>;

/** POST /api/bank/duplicates/distinct: two items an editor declares different. */
export const markDistinctRequestSchema = z
  .object({ itemIds: z.tuple([objectIdSchema, objectIdSchema]), note: z.string().trim().max(2000).optional() })
  .strict()
  .refine((value) => value.itemIds[0] !== value.itemIds[1], { path: ['itemIds'], message: 'must name two different items' });
export type MarkDistinctRequest = z.infer<typeof markDistinctRequestSchema>;

/** Path parameters. */
export const scopeParamsSchema = z.object({ scopeId: objectIdSchema });
export const itemParamsSchema = z.object({ itemId: objectIdSchema });
export const importParamsSchema = z.object({ scopeId: objectIdSchema, importId: objectIdSchema });
export const imageParamsSchema = z.object({ imageId: z.string().regex(/^[0-9a-f]{32}\.[a-z0-9]{1,8}$/, 'is not an image id') });
