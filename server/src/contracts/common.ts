/**
 * Primitive schemas shared by every contract module (HTTP bodies, params, socket payloads).
 */
import { z } from 'zod';

/** A MongoDB ObjectId as 24 hexadecimal characters. */
export const objectIdSchema = z.string().regex(/^[0-9a-fA-F]{24}$/, 'must be a 24-character hexadecimal id');

/** Skill level 等级 in a JSON body: 5 初级工 … 1 高级技师 (R18). */
export const levelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);

/** Skill level in a path or query string (text coerced to a whole number 1-5, R18). */
export const levelParamSchema = z.coerce.number().int().min(1, 'must be 1-5').max(5, 'must be 1-5');

/** `:batchId` path params. */
export const batchParamsSchema = z.object({ batchId: objectIdSchema });
