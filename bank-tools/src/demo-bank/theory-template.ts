/**
 * Item templates of the demo theory bank: a template draws parameters with a seeded generator,
 * computes the answer and writes a single-choice, multiple-choice or judge item. Two common
 * shapes have builders here: numeric scenarios (given data + computed facts) and fact sets
 * (fixed rules with true and false completions).
 */
import type { RandomSource } from '../assembly/random';
import { randomInt, shuffled } from '../assembly/random';
import type { TheoryItemType } from '../types';
import { buildNumericChoices, type NumericChoiceOptions } from './quantity-format';

/** Options of a judge item, in bank order: index 0 true, index 1 false. */
export const JUDGE_OPTIONS: readonly string[] = ['正确', '错误'];

/** Blank written into choice stems. */
export const BLANK = '（  ）';

/** An item before it gets its knowledge point and difficulty. `answer` ascending, 0-based. */
export interface ItemDraft {
  stem: string;
  options: string[];
  answer: number[];
  /**
   * What the item is about (e.g. template + given data; template + asked quantity + key; fact +
   * situation). The generator keeps at most one item per signature, so two items never ask the
   * same question about the same data.
   */
  signatures?: string[];
}

/** What a template is asked to build: the type, the generator, and for judge items the truth. */
export interface TemplateRequest {
  type: TheoryItemType;
  random: RandomSource;
  /** For judge items: whether the statement must be true. Ignored by the other types. */
  isTrue: boolean;
}

/** An item template of one knowledge point 鉴定点. */
export interface TheoryTemplate {
  id: string;
  knowledgePoint: string;
  /** Base difficulty 1-5; multiple-choice items get one more (at most 5). */
  difficulty: number;
  types: readonly TheoryItemType[];
  /** Build one item; may repeat an earlier stem (the generator retries). Throws on a template bug. */
  build(request: TemplateRequest): ItemDraft;
}

/** One computed quantity of a scenario: how it is asked, the key text and wrong texts. */
export interface ScenarioFact {
  /** Name of the asked quantity, e.g. `通过电阻的电流I`; stems read `…，${ask}为（  ）。` */
  ask: string;
  key: string;
  /** Distinct texts different from the key; single items need three. */
  distractors: string[];
}

/** Given data (a clause without final punctuation) and the facts computed from it. */
export interface Scenario {
  given: string;
  facts: ScenarioFact[];
}

/** Random element of a non-empty list. */
export function pick<T>(random: RandomSource, values: readonly T[]): T {
  if (values.length === 0) throw new Error('pick: empty list');
  return values[randomInt(random, values.length)];
}

/** `count` distinct elements in random order. Throws when the list is shorter. */
export function pickSome<T>(random: RandomSource, values: readonly T[], count: number): T[] {
  if (values.length < count) throw new Error(`pickSome: ${count} requested from ${values.length}`);
  return shuffled(values, random).slice(0, count);
}

/** Integer in [min, max] (inclusive) on a step grid: min, min + step, … */
export function pickStep(random: RandomSource, min: number, max: number, step = 1): number {
  const steps = Math.floor((max - min) / step + 1e-9);
  return Math.round((min + step * randomInt(random, steps + 1)) * 1e6) / 1e6;
}

/** A numeric fact: key computed by the template, distractors from typical mistakes. */
export function numericFact(
  ask: string,
  key: number,
  mistakes: readonly number[],
  unit: string,
  options?: NumericChoiceOptions,
): ScenarioFact {
  const choices = buildNumericChoices(key, mistakes, unit, options);
  return { ask, key: choices.key, distractors: choices.distractors };
}

/** A fact with fixed texts (e.g. a ratio `1/3` or a verdict), distractors given in order. */
export function textFact(ask: string, key: string, distractors: readonly string[]): ScenarioFact {
  const unique = [...new Set(distractors)].filter((text) => text !== key);
  return { ask, key, distractors: unique };
}

/** Join a leading clause and a question with a Chinese comma (either may be empty). */
export function joinClauses(first: string, second: string): string {
  if (first === '') return second;
  if (second === '') return first;
  return `${first}，${second}`;
}

/** Shuffle option texts and return them with the ascending indexes of the keyed ones. */
export function arrangeOptions(random: RandomSource, keyed: readonly string[], others: readonly string[]): { options: string[]; answer: number[] } {
  const entries = shuffled(
    [...keyed.map((text) => ({ text, isKey: true })), ...others.map((text) => ({ text, isKey: false }))],
    random,
  );
  const options = entries.map((entry) => entry.text);
  const answer = entries.flatMap((entry, index) => (entry.isKey ? [index] : []));
  return { options, answer };
}

/** A judge item draft from a statement and its truth. */
export function judgeDraft(statement: string, isTrue: boolean): ItemDraft {
  const stem = /[。！？]$/u.test(statement) ? statement : `${statement}。`;
  return { stem, options: [...JUDGE_OPTIONS], answer: [isTrue ? 0 : 1] };
}

const SINGLE_FRAMES = [
  (given: string, ask: string) => `${given}，${ask}为${BLANK}。`,
  (given: string, ask: string) => `${given}，则${ask}为${BLANK}。`,
  (given: string, ask: string) => `${given}，可求得${ask}为${BLANK}。`,
];
const JUDGE_FRAMES = [
  (given: string, ask: string, value: string) => `${given}，${ask}为${value}。`,
  (given: string, ask: string, value: string) => `${given}，则${ask}为${value}。`,
  (given: string, ask: string, value: string) => `${given}，经计算${ask}为${value}。`,
];
const MULTIPLE_FRAMES = [
  (given: string) => `${given}，下列计算结果中正确的有${BLANK}。`,
  (given: string) => `${given}，以下结论正确的是${BLANK}。`,
  (given: string) => `${given}，下列各项计算结果正确的有${BLANK}。`,
];

/**
 * Build an item from a scenario: single (one fact, key + its first three distractors), judge
 * (one fact stated with its key when true, else with one of its first three distractors),
 * multiple (4-5 facts stated `${ask}为${value}`, 2 to options-1 of them with their keys).
 * Throws Error naming the template when the scenario cannot give the requested type.
 */
export function buildFromScenario(templateId: string, scenario: Scenario, request: TemplateRequest): ItemDraft {
  const { random, type } = request;
  if (type === 'single') {
    const usable = scenario.facts.filter((fact) => fact.distractors.length >= 3);
    if (usable.length === 0) throw new Error(`template ${templateId}: no fact with three distractors for a single-choice item`);
    const fact = pick(random, usable);
    const stem = pick(random, SINGLE_FRAMES)(scenario.given, fact.ask);
    return { stem, ...arrangeOptions(random, [fact.key], fact.distractors.slice(0, 3)), signatures: [`${templateId}|${fact.ask}|${fact.key}`] };
  }
  if (type === 'judge') {
    const usable = scenario.facts.filter((fact) => fact.distractors.length >= 1);
    if (usable.length === 0) throw new Error(`template ${templateId}: no fact with a distractor for a judge item`);
    const fact = pick(random, usable);
    const value = request.isTrue ? fact.key : pick(random, fact.distractors.slice(0, 3));
    const draft = judgeDraft(pick(random, JUDGE_FRAMES)(scenario.given, fact.ask, value), request.isTrue);
    return { ...draft, signatures: [`${templateId}|${fact.ask}|${fact.key}`] };
  }
  const usable = scenario.facts.filter((fact) => fact.distractors.length >= 1);
  if (usable.length < 4) throw new Error(`template ${templateId}: a multiple-choice item needs 4 facts, the scenario has ${usable.length}`);
  const optionCount = Math.min(usable.length, pick(random, [4, 5]));
  const chosen = pickSome(random, usable, optionCount);
  const trueCount = 2 + randomInt(random, optionCount - 2);
  const keyed = chosen.slice(0, trueCount).map((fact) => `${fact.ask}为${fact.key}`);
  const others = chosen.slice(trueCount).map((fact) => `${fact.ask}为${pick(random, fact.distractors.slice(0, 3))}`);
  return { stem: pick(random, MULTIPLE_FRAMES)(scenario.given), ...arrangeOptions(random, keyed, others) };
}

/** Spec of a numeric scenario template. */
export interface ScenarioTemplateSpec {
  id: string;
  knowledgePoint: string;
  difficulty: number;
  /** Default `['single', 'judge']`; add `multiple` only when every scenario has >= 4 facts. */
  types?: readonly TheoryItemType[];
  scenario(random: RandomSource): Scenario;
}

/** Define a template that draws a scenario and builds items with {@link buildFromScenario}. */
export function defineScenarioTemplate(spec: ScenarioTemplateSpec): TheoryTemplate {
  return {
    id: spec.id,
    knowledgePoint: spec.knowledgePoint,
    difficulty: spec.difficulty,
    types: spec.types ?? ['single', 'judge'],
    build: (request) => {
      const scenario = spec.scenario(request.random);
      const draft = buildFromScenario(spec.id, scenario, request);
      return { ...draft, signatures: [`${spec.id}|${scenario.given}`, ...(draft.signatures ?? [])] };
    },
  };
}

/**
 * A fixed fact of the field (a rule, a value, a list) with correct and incorrect completions.
 * Stems: single `${situation}，${ask}（  ）。` (one true + three false options) or with a negative
 * ask (one false + three true), multiple `${situation}，${multipleAsk}（  ）。` (2-4 true, >= 1
 * false, 4-5 options), judge `${situation}，${statement(option)}。`.
 */
export interface FactSet {
  id: string;
  knowledgePoint: string;
  difficulty: number;
  /** Situations introducing the question; '' for none. */
  situations: readonly string[];
  /** Questions for single-choice items, ending before the blank. */
  asks: readonly string[];
  /** Questions whose key is the one false completion (needs >= 3 true completions). */
  negativeAsks?: readonly string[];
  /** Questions for multiple-choice items (needs >= 2 true completions). */
  multipleAsks?: readonly string[];
  trueOptions: readonly string[];
  falseOptions: readonly string[];
  /** Judge statements built from one completion. */
  statements: readonly ((option: string) => string)[];
}

/** Define a template from a fact set; its types follow from the completions it has. */
export function defineFactTemplate(fact: FactSet): TheoryTemplate {
  const types: TheoryItemType[] = ['judge'];
  if (fact.falseOptions.length >= 3 || (fact.negativeAsks && fact.trueOptions.length >= 3)) types.unshift('single');
  if (fact.multipleAsks && fact.trueOptions.length >= 2) types.push('multiple');
  return {
    id: fact.id,
    knowledgePoint: fact.knowledgePoint,
    difficulty: fact.difficulty,
    types,
    build: (request) => {
      const draft = buildFromFact(fact, request);
      // Single and multiple items of one situation read alike, so they share a signature.
      const form = request.type === 'judge' ? 'judge' : 'choice';
      return { ...draft.item, signatures: [`${fact.id}|${form}|${draft.situation}`] };
    },
  };
}

/** Build one item of a fact set and report the situation it used. */
function buildFromFact(fact: FactSet, { type, random, isTrue }: TemplateRequest): { item: ItemDraft; situation: string } {
  const situation = pick(random, fact.situations);
  if (type === 'judge') {
    const option = pick(random, isTrue ? fact.trueOptions : fact.falseOptions);
    return { item: judgeDraft(joinClauses(situation, pick(random, fact.statements)(option)), isTrue), situation };
  }
  if (type === 'single') {
    const canAskNegative = fact.negativeAsks !== undefined && fact.trueOptions.length >= 3;
    const canAskPositive = fact.falseOptions.length >= 3;
    const isNegative = canAskNegative && (!canAskPositive || random() < 0.3);
    if (isNegative) {
      const stem = `${joinClauses(situation, pick(random, fact.negativeAsks ?? []))}${BLANK}。`;
      return { item: { stem, ...arrangeOptions(random, [pick(random, fact.falseOptions)], pickSome(random, fact.trueOptions, 3)) }, situation };
    }
    const stem = `${joinClauses(situation, pick(random, fact.asks))}${BLANK}。`;
    return { item: { stem, ...arrangeOptions(random, [pick(random, fact.trueOptions)], pickSome(random, fact.falseOptions, 3)) }, situation };
  }
  if (!fact.multipleAsks) throw new Error(`fact set ${fact.id}: no multiple-choice question`);
  const optionCount = Math.min(5, fact.trueOptions.length + fact.falseOptions.length, pick(random, [4, 5]));
  const maxTrue = Math.min(4, fact.trueOptions.length, optionCount - 1);
  const minTrue = Math.max(2, optionCount - fact.falseOptions.length);
  if (minTrue > maxTrue) throw new Error(`fact set ${fact.id}: cannot make ${optionCount} options with 2..${maxTrue} keys`);
  const trueCount = minTrue + randomInt(random, maxTrue - minTrue + 1);
  const stem = `${joinClauses(situation, pick(random, fact.multipleAsks))}${BLANK}。`;
  const keyed = pickSome(random, fact.trueOptions, trueCount);
  const others = pickSome(random, fact.falseOptions, optionCount - trueCount);
  return { item: { stem, ...arrangeOptions(random, keyed, others) }, situation };
}

/** Spec of a free-form template (custom build per type). */
export interface CustomTemplateSpec {
  id: string;
  knowledgePoint: string;
  difficulty: number;
  types: readonly TheoryItemType[];
  build(request: TemplateRequest): ItemDraft;
}

/** Define a template with its own build function (e.g. "which of these sections are enough"). */
export function defineCustomTemplate(spec: CustomTemplateSpec): TheoryTemplate {
  return { ...spec };
}
