/**
 * HTTP routes of the exam room: opening a theory session (exam administrators and proctors) and the
 * signed-in candidate's session and attempt summary. Everything during the exam runs over the
 * `/exam` socket namespace (see server/src/realtime/README.md).
 */
import { openSessionParamsSchema, type CurrentAttempt } from '../../contracts/exam-room';
import type { AppContext } from '../../http/context';
import { requireActor } from '../../http/request-actor';
import type { RouteRegistry } from '../../http/route-registry';
import { parseInput } from '../../http/validate';
import { findTicketSession, presentExamSession } from './join-attempt';
import { openTheorySession } from './open-theory-session';

/** Registers POST /api/exam/batches/:batchId/sessions/:sessionId/open and GET /api/exam/attempts/current. */
export function registerAttemptRoutes(registry: RouteRegistry, _context: AppContext): void {
  registry
    .add({
      method: 'post',
      path: '/api/exam/batches/:batchId/sessions/:sessionId/open',
      roles: ['exam_admin', 'proctor'],
      summary: 'Opens a theory session: prepares every candidate attempt (paper from the library, shuffled form)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const params = parseInput(openSessionParamsSchema, request.params, 'params');
        response.json(await openTheorySession({ ...params, actor }));
      },
    })
    .add({
      method: 'get',
      path: '/api/exam/attempts/current',
      roles: ['candidate'],
      summary: "The signed-in admission ticket's theory session and attempt summary (no form)",
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { batch, session, attempt } = await findTicketSession(actor);
        const body: CurrentAttempt = {
          session: presentExamSession(batch, session),
          attempt: attempt
            ? {
                attemptId: String(attempt._id),
                status: attempt.status,
                totalCount: attempt.form.totalCount,
                deadlineAt: attempt.deadlineAt ? new Date(attempt.deadlineAt).getTime() : null,
                submittedAt: attempt.submittedAt ? new Date(attempt.submittedAt).getTime() : null,
              }
            : null,
        };
        response.json(body);
      },
    });
}
