/**
 * The batches a staff member may pick in the scoring, results and certificates areas. The server
 * lists batches per role on different routes, so the source follows the roles:
 * - planners and supervisors: `GET /api/batches` (every batch of the organisation);
 * - HR (and bank roles): `GET /api/reports/batches` (batches past the draft stage);
 * - assessors: `GET /api/reports/my/feedback`, the organisation's latest batches past the draft
 *   stage, the only batch list the server gives them; the score-card routes then refuse the batches
 *   the assessor is not assigned to (R6), which the scoring screens leave out.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useSession } from '../auth/use-session';

/** A batch as offered in pickers. */
export interface BatchChoice {
  id: string;
  code: string;
  name: string;
  status: string;
  mode?: 'grading' | 'promotion';
}

/** Where a user's batch list comes from. */
export type BatchSource = 'plans' | 'reports' | 'feedback' | 'none';

const planReaders = ['admin', 'exam_admin', 'supervisor'];
const reportReaders = ['hr', 'bank_editor', 'bank_reviewer'];

/** The batch list route for `roles` (see the module comment); `none` for candidates and proctors only. */
export function batchSourceFor(roles: readonly string[]): BatchSource {
  if (roles.some((role) => planReaders.includes(role))) return 'plans';
  if (roles.some((role) => reportReaders.includes(role))) return 'reports';
  if (roles.includes('assessor')) return 'feedback';
  return 'none';
}

async function loadBatches(source: BatchSource): Promise<BatchChoice[]> {
  if (source === 'plans') {
    const data = await api.get<{ batches: Array<{ id: string; code: string; name: string; status: string; mode: 'grading' | 'promotion' }> }>('/api/batches?limit=200');
    return data.batches.map((batch) => ({ id: batch.id, code: batch.code, name: batch.name, status: batch.status, mode: batch.mode }));
  }
  if (source === 'reports') {
    const data = await api.get<{ batches: Array<{ batchId: string; batchCode: string; batchName: string; status: string }> }>('/api/reports/batches');
    return data.batches.map((batch) => ({ id: batch.batchId, code: batch.batchCode, name: batch.batchName, status: batch.status }));
  }
  if (source === 'feedback') {
    const data = await api.get<{ batches: Array<{ batchId: string; batchCode: string; batchName: string; status: string }> }>('/api/reports/my/feedback');
    return data.batches.map((batch) => ({ id: batch.batchId, code: batch.batchCode, name: batch.batchName, status: batch.status }));
  }
  return [];
}

/** The batches the signed-in staff member may pick, newest first. */
export function useStaffBatches() {
  const session = useSession();
  const source = batchSourceFor(session.data?.roles ?? []);
  return useQuery({ queryKey: ['staff-batches', source], queryFn: () => loadBatches(source), enabled: source !== 'none' });
}

/** Batch statuses from scoring onwards (results exist or are being made). */
export const scoredBatchStatuses = ['in_progress', 'scoring', 'results_approved', 'published', 'closed', 'archived'];
