/** Validation of a blueprint 认定要素细目表 and its paper structure (R2 coverage basis). */
import type { Blueprint, BlueprintNode } from '../types';
import { BankImportError } from '../importers/bank-import-error';

/** Tolerance on the sum of sibling weights. */
export const WEIGHT_TOLERANCE = 1e-6;

/** A problem at a path of the blueprint object, e.g. `nodes[1].children[0].weight`. */
export interface BlueprintIssue {
  path: string;
  message: string;
}

/** Outcome of {@link validateBlueprint}. */
export interface BlueprintValidation {
  isValid: boolean;
  issues: BlueprintIssue[];
}

const TYPES = new Set(['single', 'multiple', 'judge']);

/**
 * Checks a blueprint: at least one node; every node has a non-empty unique code, a name and a
 * weight in 0..1; the weights of every sibling set sum to 1 within 1e-6; the structure has at
 * least one entry, each with a known type (once), a positive integer count and positive points.
 * Paths name the offending property, e.g. `nodes[0].children[2].weight`.
 * @returns every issue found (never throws)
 */
export function validateBlueprint(blueprint: Blueprint): BlueprintValidation {
  const issues: BlueprintIssue[] = [];
  const firstPathByCode = new Map<string, string>();

  const checkSiblings = (nodes: readonly BlueprintNode[] | undefined, path: string) => {
    if (!Array.isArray(nodes) || nodes.length === 0) {
      issues.push({ path, message: 'must hold at least one node' });
      return;
    }
    let sum = 0;
    let hasBadWeight = false;
    nodes.forEach((node, index) => {
      const nodePath = `${path}[${index}]`;
      const code = typeof node.code === 'string' ? node.code.trim() : '';
      if (code === '') {
        issues.push({ path: `${nodePath}.code`, message: 'code is empty' });
      } else if (firstPathByCode.has(code)) {
        issues.push({ path: `${nodePath}.code`, message: `code ${code} repeats ${firstPathByCode.get(code)}.code` });
      } else {
        firstPathByCode.set(code, nodePath);
      }
      if (typeof node.name !== 'string' || node.name.trim() === '') {
        issues.push({ path: `${nodePath}.name`, message: `name of ${code || 'node'} is empty` });
      }
      if (typeof node.weight !== 'number' || !Number.isFinite(node.weight) || node.weight < 0 || node.weight > 1) {
        issues.push({ path: `${nodePath}.weight`, message: `weight of ${code || 'node'} must be a fraction 0..1, got ${String(node.weight)}` });
        hasBadWeight = true;
      } else {
        sum += node.weight;
      }
      if (node.children !== undefined && node.children.length > 0) checkSiblings(node.children, `${nodePath}.children`);
    });
    // the sum is only meaningful when every weight is a fraction
    if (!hasBadWeight && Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
      issues.push({ path, message: `weights sum to ${Number(sum.toFixed(9))}, not 1` });
    }
  };
  checkSiblings(blueprint.nodes, 'nodes');

  if (!Array.isArray(blueprint.structure) || blueprint.structure.length === 0) {
    issues.push({ path: 'structure', message: 'paper structure must hold at least one item type' });
  } else {
    const seen = new Set<string>();
    blueprint.structure.forEach((entry, index) => {
      const path = `structure[${index}]`;
      if (!TYPES.has(entry.type)) issues.push({ path: `${path}.type`, message: `unknown item type ${JSON.stringify(entry.type)}` });
      else if (seen.has(entry.type)) issues.push({ path: `${path}.type`, message: `type ${entry.type} appears twice` });
      seen.add(entry.type);
      if (!Number.isInteger(entry.count) || entry.count <= 0) issues.push({ path: `${path}.count`, message: `count must be a positive integer, got ${String(entry.count)}` });
      if (typeof entry.pointsEach !== 'number' || !Number.isFinite(entry.pointsEach) || entry.pointsEach <= 0) {
        issues.push({ path: `${path}.pointsEach`, message: `points must be positive, got ${String(entry.pointsEach)}` });
      }
    });
  }
  return { isValid: issues.length === 0, issues };
}

/**
 * Throws unless the blueprint is valid (see {@link validateBlueprint}).
 * @throws BankImportError `INVALID_BLUEPRINT` listing every issue as `path: message`
 */
export function assertValidBlueprint(blueprint: Blueprint): void {
  const { issues } = validateBlueprint(blueprint);
  if (issues.length > 0) {
    throw new BankImportError('INVALID_BLUEPRINT', `invalid blueprint: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`, { issues });
  }
}
