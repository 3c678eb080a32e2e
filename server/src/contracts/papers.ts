/**
 * Answers of the /api/papers routes (R1 at least 5 papers, R2 pairwise overlap limit, R3 papers
 * drawn from the bank): the paper and paper-library views of the papers presenter, gathered for the
 * client. Type-only re-exports, so importing this module loads no server code; the request schemas
 * and their types are in `domain/papers/papers-contracts.ts`.
 *
 * JSON-safe as declared (times ISO strings, ids strings). Overlaps and difficulty are fractions 0..1.
 */
export type { PaperLibraryView, PaperView } from '../domain/papers/paper-library.presenter';
