/**
 * Demo theory bank generator (issue 14): a pure, seeded function that writes SkillCert's own
 * 电工 中级工 items from templates with computed answers, over the demo blueprint.
 */
import { createRandom, shuffled, type RandomSource } from '../assembly/random';
import type { AssemblySeed } from '../assembly/types';
import { normaliseText } from '../normalise/normalise-text';
import type { Blueprint, TheoryItem, TheoryItemType } from '../types';
import { createDemoTheoryBlueprint, listDemoKnowledgePoints, planDemoCellCounts } from './theory-blueprint';
import { DEMO_THEORY_TEMPLATES } from './templates';
import { JUDGE_OPTIONS, type ItemDraft, type TheoryTemplate } from './theory-template';

/** Options of the demo bank generators. */
export interface DemoBankOptions {
  /** Seed of every random choice (same seed ⇒ same bank). */
  seed: AssemblySeed;
}

/** A generated demo theory bank: its blueprint (with the suggested paper structure) and items. */
export interface DemoTheoryBank {
  blueprint: Blueprint;
  items: TheoryItem[];
}

/** Cell order inside a knowledge point: the scarcest sources (multiple-choice) choose first. */
const TYPE_ORDER: readonly TheoryItemType[] = ['multiple', 'single', 'judge'];

/** Consecutive repeated stems after which a template counts as exhausted for a cell. */
const MAX_REPEATS_PER_TEMPLATE = 40;

/** Check a draft's shape; throws Error naming the template (a template bug, never user input). */
function assertDraft(template: TheoryTemplate, type: TheoryItemType, draft: ItemDraft): void {
  const where = `template ${template.id} (${type})`;
  const { options, answer } = draft;
  if (draft.stem.trim() === '') throw new Error(`${where}: empty stem`);
  if (options.length < 2 || options.length > 8) throw new Error(`${where}: ${options.length} options, expected 2-8`);
  if (new Set(options).size !== options.length) throw new Error(`${where}: repeated option in "${draft.stem}"`);
  if (answer.some((index, position) => !Number.isInteger(index) || index < 0 || index >= options.length || (position > 0 && index <= answer[position - 1]))) {
    throw new Error(`${where}: answer ${JSON.stringify(answer)} is not ascending within ${options.length} options`);
  }
  if (type === 'judge' && (options.length !== 2 || options[0] !== JUDGE_OPTIONS[0] || options[1] !== JUDGE_OPTIONS[1] || answer.length !== 1)) {
    throw new Error(`${where}: a judge item needs options 正确/错误 and one key`);
  }
  if (type === 'single' && (options.length !== 4 || answer.length !== 1)) throw new Error(`${where}: a single-choice item needs 4 options and one key`);
  if (type === 'multiple' && (options.length < 4 || options.length > 5 || answer.length < 2 || answer.length > 4 || answer.length === options.length)) {
    throw new Error(`${where}: a multiple-choice item needs 4-5 options and 2-4 keys, not all options`);
  }
}

/** Judge truths for one cell: half true (rounded up), in seeded order. */
function balancedTruths(count: number, random: RandomSource): boolean[] {
  const truths = Array.from({ length: count }, (_, index) => index < Math.ceil(count / 2));
  return shuffled(truths, random);
}

/**
 * Generate the demo theory bank of scope 电工 6-31-01-03, level 4 中级工 (R1 >= 500 standard
 * items of the three types; cells sized so five papers of the suggested structure can keep
 * pairwise overlap <= 10%, R2). Each (knowledge point, type) cell draws from its own seeded
 * stream; templates take turns, and a draft whose normalised stem or one of whose signatures (same
 * template and given data, same asked quantity and key, same fact and situation) already exists is redrawn, so no two
 * items share a normalised stem or ask about the same data. Items carry knowledgePoint and
 * difficulty 1-5.
 *
 * @returns a fresh blueprint (the caller may change it) and about 640 items
 * @throws RangeError for an empty or non-finite seed; Error when a template is broken or a cell
 *   runs out of distinct stems (a defect of the templates, not of the input)
 */
export function generateDemoTheoryBank(options: DemoBankOptions): DemoTheoryBank {
  const blueprint = createDemoTheoryBlueprint();
  const counts = planDemoCellCounts(blueprint);
  const seenStems = new Set<string>();
  const seenSignatures = new Set<string>();
  const items: TheoryItem[] = [];
  for (const point of listDemoKnowledgePoints(blueprint)) {
    for (const type of TYPE_ORDER) {
      const count = counts.get(`${point.code}|${type}`) ?? 0;
      const random = createRandom(options.seed, 'demo-theory-bank', point.code, type);
      const templates = shuffled(
        DEMO_THEORY_TEMPLATES.filter((template) => template.knowledgePoint === point.code && template.types.includes(type)),
        random,
      );
      const truths = balancedTruths(count, random);
      const repeats = new Map<string, number>();
      let cursor = 0;
      let produced = 0;
      while (produced < count) {
        if (templates.length === 0) {
          throw new Error(`demo theory bank: knowledge point ${point.code} ${type} ran out of distinct stems after ${produced} of ${count} items`);
        }
        const position = cursor % templates.length;
        const template = templates[position];
        const draft = template.build({ type, random, isTrue: truths[produced] });
        assertDraft(template, type, draft);
        const normalised = normaliseText(draft.stem);
        const signatures = draft.signatures ?? [];
        if (seenStems.has(normalised) || signatures.some((signature) => seenSignatures.has(signature))) {
          const repeated = (repeats.get(template.id) ?? 0) + 1;
          repeats.set(template.id, repeated);
          if (repeated >= MAX_REPEATS_PER_TEMPLATE) templates.splice(position, 1);
          else cursor += 1;
          continue;
        }
        repeats.set(template.id, 0);
        seenStems.add(normalised);
        for (const signature of signatures) seenSignatures.add(signature);
        items.push({
          kind: 'theory',
          type,
          stem: draft.stem,
          options: draft.options,
          answer: draft.answer,
          knowledgePoint: point.code,
          difficulty: Math.min(5, Math.max(1, template.difficulty + (type === 'multiple' ? 1 : 0))),
        });
        produced += 1;
        cursor += 1;
      }
    }
  }
  return { blueprint, items };
}
