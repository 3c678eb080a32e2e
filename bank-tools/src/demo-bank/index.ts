/**
 * Demo bank of scope 电工 (6-31-01-03), level 4 中级工: generated theory and practical items with
 * their blueprints (issue 14). SkillCert's own writing; deterministic per seed.
 */
export { DEMO_SCOPE } from './demo-scope';
export { generateDemoTheoryBank, type DemoBankOptions, type DemoTheoryBank } from './generate-demo-theory-bank';
export { generateDemoPracticalBank } from './generate-demo-practical-bank';
export {
  createDemoTheoryBlueprint,
  DEMO_BANK_ITEMS_PER_TYPE,
  DEMO_PAPER_STRUCTURE,
  listDemoKnowledgePoints,
  type DemoKnowledgePoint,
} from './theory-blueprint';
export { createDemoPracticalBlueprint, type DemoPracticalBlueprint, type PracticalPaperEntry } from './practical-blueprint';
