/**
 * Seeds the demo bank through the bank and papers use cases, exactly as the screens would (every
 * step audited, R17): scope 电工 6-31-01-03 level 4 with the demo blueprint, 56 practical tasks
 * (written by the bank editor, approved by the bank reviewer: four eyes), 642 theory items imported
 * as JSON (previewed by the editor, confirmed as approved by the reviewer), then 5 theory and 5
 * practical papers (R1, R2), and the readiness gate checked.
 */
import {
  createDemoPracticalBlueprint,
  DEMO_SCOPE,
  generateDemoPracticalBank,
  generateDemoTheoryBank,
} from '@skillcert/bank-tools/demo-bank/index';
import { exportTheoryBankJson } from '@skillcert/bank-tools/export/theory-bank-json';
import { approveItem } from '../domain/bank/approve-item';
import {
  confirmImportRequestSchema,
  createItemRequestSchema,
  createScopeRequestSchema,
} from '../domain/bank/bank-contracts';
import { confirmBankImport } from '../domain/bank/confirm-bank-import';
import { createItem } from '../domain/bank/create-item';
import { createScope } from '../domain/bank/create-scope';
import { getScopeReadiness, type ScopeReadiness } from '../domain/bank/get-scope-readiness';
import { previewBankImport } from '../domain/bank/preview-bank-import';
import { setScopeBlueprint } from '../domain/bank/set-scope-blueprint';
import { submitItem } from '../domain/bank/submit-item';
import type { Actor } from '../domain/identity/actor';
import { assemblePaperLibrary } from '../domain/papers/assemble-paper-library';
import { assembleLibraryRequestSchema } from '../domain/papers/papers-contracts';
import { runWithConcurrency } from './run-with-concurrency';

/** Review steps run at once (independent items; see run-with-concurrency.ts). */
const stepConcurrency = 4;

/** Seed of the demo bank generators and of the paper assembly (same seed ⇒ same demo, house rule 6). */
export const demoBankSeed = 'skillcert-demo-2026';

/** What {@link seedDemoBank} created. */
export interface SeededDemoBank {
  scopeId: string;
  scopeLabel: string;
  approvedTheoryItems: number;
  approvedPracticalItems: number;
  theoryLibraryId: string;
  practicalLibraryId: string;
  theoryPaperCount: number;
  practicalPaperCount: number;
  /** Longest practical paper, minutes (sum of its tasks' time limits): the practical session length. */
  longestPracticalPaperMinutes: number;
  readiness: ScopeReadiness;
}

/**
 * Creates the demo scope, its banks and paper libraries.
 * @param actors bank editor (writes), bank reviewer (approves, four eyes R17) and exam admin (draws papers)
 * @throws AppError of any use case; Error when the result is not ready for certification (R1, R2) —
 *   a defect of the demo bank, never of user input.
 */
export async function seedDemoBank(actors: { bankEditor: Actor; bankReviewer: Actor; examAdmin: Actor }): Promise<SeededDemoBank> {
  const { bankEditor, bankReviewer, examAdmin } = actors;
  const theory = generateDemoTheoryBank({ seed: demoBankSeed });
  const practical = generateDemoPracticalBank({ seed: demoBankSeed });
  const tasksPerPaper = createDemoPracticalBlueprint().paperStructure.reduce((sum, entry) => sum + entry.count, 0);

  const scope = await createScope({
    request: createScopeRequestSchema.parse({ ...DEMO_SCOPE, practicalTasksPerPaper: tasksPerPaper }),
    actor: bankEditor,
  });
  await setScopeBlueprint({
    scopeId: scope.id,
    blueprint: theory.blueprint,
    source: `SkillCert demo bank generator (bank-tools demo-bank, seed ${demoBankSeed})`,
    actor: bankEditor,
  });

  // Practical tasks first: each write refreshes the scope's duplicate clusters, which stays cheap
  // while the theory items are not in yet.
  // Created one by one (item ids follow the bank's order); submitted and approved a few at a time.
  const practicalIds: string[] = [];
  for (const task of practical) {
    const created = await createItem({ request: createItemRequestSchema.parse({ scopeId: scope.id, content: task }), actor: bankEditor });
    practicalIds.push(created.id);
  }
  await runWithConcurrency(
    practicalIds.map((itemId) => () => submitItem({ itemId, note: '演示题库：提交审核', actor: bankEditor })),
    stepConcurrency,
  );
  await runWithConcurrency(
    practicalIds.map((itemId) => () => approveItem({ itemId, note: '演示题库：审核通过', actor: bankReviewer })),
    stepConcurrency,
  );

  const preview = await previewBankImport({
    scopeId: scope.id,
    upload: { fileName: 'demo-theory-bank.json', bytes: Buffer.from(exportTheoryBankJson(theory.items), 'utf8') },
    actor: bankEditor,
  });
  if (!preview.canConfirm) {
    throw new Error(`demo theory bank: ${preview.rejectedCount} rows rejected, first: ${JSON.stringify(preview.rejected[0])}`);
  }
  const confirmed = await confirmBankImport({
    scopeId: scope.id,
    importId: preview.importId,
    request: confirmImportRequestSchema.parse({ status: 'approved' }),
    actor: bankReviewer,
  });

  const theoryLibrary = await assemblePaperLibrary({
    request: assembleLibraryRequestSchema.parse({ scopeId: scope.id, kind: 'theory', paperCount: 5, seed: `${demoBankSeed}-theory` }),
    actor: examAdmin,
  });
  const practicalLibrary = await assemblePaperLibrary({
    request: assembleLibraryRequestSchema.parse({ scopeId: scope.id, kind: 'practical', paperCount: 5, seed: `${demoBankSeed}-practical` }),
    actor: examAdmin,
  });

  const readiness = await getScopeReadiness({ scopeId: scope.id, organisationId: bankEditor.organisationId });
  if (!readiness.isReady) {
    throw new Error(`demo scope is not ready for certification: ${readiness.shortfalls.map((shortfall) => shortfall.message).join('; ')}`);
  }
  return {
    scopeId: scope.id,
    scopeLabel: `${DEMO_SCOPE.occupationName} ${DEMO_SCOPE.occupationCode} / ${DEMO_SCOPE.workType} / level ${DEMO_SCOPE.level}`,
    approvedTheoryItems: confirmed.itemIds?.length ?? 0,
    approvedPracticalItems: practicalIds.length,
    theoryLibraryId: theoryLibrary.id,
    practicalLibraryId: practicalLibrary.id,
    theoryPaperCount: theoryLibrary.paperIds.length,
    practicalPaperCount: practicalLibrary.paperIds.length,
    longestPracticalPaperMinutes: Math.max(...(practicalLibrary.papers ?? []).map((paper) => paper.totalTimeMinutes ?? 0)),
    readiness,
  };
}
