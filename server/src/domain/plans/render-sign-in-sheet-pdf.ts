/**
 * The sign-in sheet 签到表 of one session in its room as a PDF (R10, R16 archive).
 */
import type { RenderPool } from '../../render/render-pool';
import { buildSignInSheetHtml, signInSheetPdfOptions } from '../../render/templates/sign-in-sheet';
import { UserModel } from '../identity/user.model';
import { ApplicationModel } from './application.model';
import { levelNames, loadBatch, sessionDate, sessionKindNames, timeInChina } from './load-batch';
import { loadPlanOrganisation } from './load-plan-settings';
import { attendanceAt, findSession, loadSessionRegistrations } from './session-roster';

/**
 * The sign-in sheet 签到表 of a session in its room as a PDF (R10, R16): candidates in seat order
 * with ticket, name, ID number, signature cell and attendance so far.
 * @throws AppError `not_found` for an unknown batch or session; `browser_unavailable` without a browser.
 */
export async function renderSignInSheetPdf(options: {
  organisationId: string;
  batchId: string;
  sessionId: string;
  renderPool: RenderPool;
}): Promise<{ pdf: Buffer; fileName: string }> {
  const batch = await loadBatch(options.organisationId, options.batchId);
  const session = findSession(batch, options.sessionId);
  const registrations = await loadSessionRegistrations(batch, session);
  const organisation = await loadPlanOrganisation(options.organisationId);
  const room = batch.rooms.find((candidate) => String(candidate._id) === String(session.roomId));
  const scope = batch.scopes.find((candidate) => String(candidate.scopeId) === String(session.scopeId));
  const proctors = await UserModel.find({ _id: { $in: room?.proctorIds ?? [] } }, { name: 1 }).lean();
  const applications = await ApplicationModel.find(
    { _id: { $in: registrations.flatMap((registration) => (registration.applicationId ? [registration.applicationId] : [])) } },
    { idNumber: 1 },
  ).lean();
  const idNumberByApplication = new Map(applications.map((application) => [String(application._id), application.idNumber]));
  const users = await UserModel.find({ _id: { $in: registrations.map((registration) => registration.candidateId) } }, { idNumber: 1 }).lean();
  const idNumberByUser = new Map(users.map((user) => [String(user._id), user.idNumber ?? '']));
  const endsAt = new Date(new Date(session.startsAt).getTime() + session.durationMinutes * 60_000);
  const html = buildSignInSheetHtml({
    organisationName: organisation.name,
    batchCode: batch.code,
    batchName: batch.name,
    kindName: sessionKindNames[session.kind],
    occupationName: scope?.occupationName ?? '',
    workType: scope?.workType ?? '',
    levelName: scope ? levelNames[scope.level] : '',
    roomName: room?.name ?? '',
    date: sessionDate(session.startsAt),
    startTime: timeInChina(session.startsAt),
    endTime: timeInChina(endsAt),
    proctorNames: proctors.map((proctor) => proctor.name),
    rows: registrations.map((registration) => {
      const mark = attendanceAt(registration, session);
      return {
        position: session.kind === 'practical' ? `工位 ${registration.workstationNumber ?? '—'}` : session.kind === 'theory' ? `座位 ${registration.seatNumber}` : '—',
        admissionTicketNumber: registration.admissionTicketNumber,
        candidateName: registration.candidateName,
        idNumber:
          (registration.applicationId ? idNumberByApplication.get(String(registration.applicationId)) : undefined) ??
          idNumberByUser.get(String(registration.candidateId)) ??
          '',
        attendance: mark ? (mark.status === 'present' ? '到场' : `缺考（${mark.reason ?? ''}）`) : '',
      };
    }),
  });
  const pdf = await options.renderPool.renderPdf({ html, pdfOptions: { ...signInSheetPdfOptions } });
  return { pdf, fileName: `sign-in-sheet-${batch.code}-${room?.name ?? 'room'}-${sessionDate(session.startsAt)}.pdf`.replace(/[^\w.\-\u4e00-\u9fff]+/g, '_') };
}
