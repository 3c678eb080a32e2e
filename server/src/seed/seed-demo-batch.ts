/**
 * Seeds the demo certification batch through the plans and identity use cases, as the batch wizard
 * would (every step audited): enterprise units (R9), the organisation calendar when the lead time
 * needs a placeholder year (R7), a promotion batch 晋级评价 for the demo scope (theory 30%,
 * practical 70%, R4), staff without R6 conflicts, one room of 30 seats and 12 workstations (R21)
 * proctored by the exam administrator, a theory session and practical rounds, the plan filed today
 * (R7), a published announcement (R8), 32 applications evaluated for eligibility (R9; 30 eligible)
 * and admission tickets for the 30 eligible candidates, whose accounts carry the demo password.
 */
import { createUserRequestSchema } from '../contracts/identity';
import type { CalendarDate } from '../domain/calendar/calendar-date';
import type { Actor } from '../domain/identity/actor';
import { createUser } from '../domain/identity/create-user';
import { assignBatchStaff } from '../domain/plans/assign-batch-staff';
import { createAnnouncement } from '../domain/plans/create-announcement';
import { createBatch } from '../domain/plans/create-batch';
import { fileBatchPlan } from '../domain/plans/file-batch-plan';
import { getBatch } from '../domain/plans/get-batch';
import { issueAdmissionTickets } from '../domain/plans/issue-admission-tickets';
import {
  batchRoomsRequestSchema,
  batchSessionsRequestSchema,
  batchStaffRequestSchema,
  createAnnouncementRequestSchema,
  createBatchRequestSchema,
  enterpriseUnitsRequestSchema,
  fileBatchPlanRequestSchema,
  issueAdmissionTicketsRequestSchema,
  organisationCalendarRequestSchema,
  submitApplicationRequestSchema,
  type ApplicationView,
} from '../domain/plans/plans.contracts';
import { publishAnnouncement } from '../domain/plans/publish-announcement';
import { setBatchRooms } from '../domain/plans/set-batch-rooms';
import { setBatchSessions } from '../domain/plans/set-batch-sessions';
import { submitApplication } from '../domain/plans/submit-application';
import { updateEnterpriseUnits } from '../domain/plans/update-enterprise-units';
import { updateOrganisationCalendar } from '../domain/plans/update-organisation-calendar';
import { listDemoApplicants, type DemoCandidate } from './demo-people';
import { chinaDateTime, planDemoSchedule, type DemoSchedule } from './demo-schedule';
import { runWithConcurrency } from './run-with-concurrency';

/** The demo room: 30 seats for the theory test, 12 workstations for the practical (R21 >= 10). */
export const demoRoom = Object.freeze({ name: '电工实训楼 201 考场', seats: 30, workstations: 12 });

/** Theory session: starts 09:00 China time, lasts 90 minutes. */
export const demoTheoryStart = '09:00';
const theoryDurationMinutes = 90;
/** Practical rounds start at 08:00 China time. */
export const demoPracticalStart = '08:00';

/** A candidate admitted by the seed, with the login data. */
export interface SeededDemoCandidate {
  name: string;
  idNumber: string;
  admissionTicketNumber: string;
  department: string;
  seatNumber: number;
  workstationNumber?: number;
}

/** What {@link seedDemoBatch} created. */
export interface SeededDemoBatch {
  batchId: string;
  batchCode: string;
  batchName: string;
  status: string;
  announcementId: string;
  schedule: DemoSchedule;
  theorySessionId: string;
  practicalSessionIds: string[];
  applications: { eligible: number; rejected: number; rejectedReasons: string[] };
  candidates: SeededDemoCandidate[];
}

/** Number of practical rounds needed for `candidates` at `workstations` per round. */
export function countPracticalRounds(candidates: number, workstations: number): number {
  if (!Number.isInteger(workstations) || workstations < 1) throw new RangeError(`workstations must be a whole number >= 1, got ${workstations}`);
  return Math.max(1, Math.ceil(candidates / workstations));
}

/**
 * Plans and files the demo batch, publishes its announcement, takes the applications and issues
 * the admission tickets.
 * @param options.actors admin (organisation settings, candidate accounts) and exam admin (the batch)
 * @param options.staffIds user ids of the batch staff (R6: exam admin, three assessors, supervisor)
 * @param options.today the filing day (today in China; R7 counts from it)
 * @param options.practicalMinutes length of a practical round, minutes
 * @param options.password demo password of the candidate accounts (>= 10 characters)
 * @throws AppError of any use case (`lead_time_violation`, `role_conflict`, `infeasible` …).
 */
export async function seedDemoBatch(options: {
  actors: { admin: Actor; examAdmin: Actor };
  organisationName: string;
  scopeId: string;
  staffIds: { examAdmin: string; assessors: string[]; supervisor: string };
  today: CalendarDate;
  leadTimeWorkingDays: number;
  practicalMinutes: number;
  password: string;
}): Promise<SeededDemoBatch> {
  const { admin, examAdmin } = options.actors;
  const branch = `${options.organisationName}江门分公司`;
  await updateEnterpriseUnits({ request: enterpriseUnitsRequestSchema.parse({ enterpriseUnits: [options.organisationName, branch] }), actor: admin });

  const applicants = listDemoApplicants({ employer: options.organisationName, branch, asOf: options.today });
  const eligibleCount = applicants.filter((applicant) => applicant.isMeantEligible).length;
  const rounds = countPracticalRounds(eligibleCount, demoRoom.workstations);
  const schedule = planDemoSchedule({ today: options.today, leadTimeWorkingDays: options.leadTimeWorkingDays, practicalRounds: rounds });
  if (schedule.placeholderYears.length > 0) {
    await updateOrganisationCalendar({
      request: organisationCalendarRequestSchema.parse({ supplementaryYears: schedule.placeholderYears }),
      actor: admin,
    });
  }

  const year = schedule.theoryDate.slice(0, 4);
  const batch = await createBatch({
    request: createBatchRequestSchema.parse({
      code: `DEMO-${year}-01`,
      name: `${year}年电工（四级/中级工）职业技能等级认定（演示批次）`,
      mode: 'promotion',
      scopes: [{ scopeId: options.scopeId, weights: { theory: 0.3, practical: 0.7 } }],
    }),
    actor: examAdmin,
  });
  const { staffIds } = options;
  await assignBatchStaff({
    batchId: batch.id,
    request: batchStaffRequestSchema.parse({
      staff: [
        { userId: staffIds.examAdmin, role: 'exam_admin' },
        ...staffIds.assessors.map((userId) => ({ userId, role: 'assessor' })),
        { userId: staffIds.supervisor, role: 'supervisor' },
      ],
    }),
    actor: examAdmin,
  });
  const withRoom = await setBatchRooms({
    batchId: batch.id,
    request: batchRoomsRequestSchema.parse({ rooms: [{ ...demoRoom, proctorIds: [staffIds.examAdmin] }] }),
    actor: examAdmin,
  });
  const roomId = withRoom.rooms[0].id;
  const practicalMinutes = Math.min(1440, Math.max(30, Math.ceil(options.practicalMinutes / 30) * 30));
  const withSessions = await setBatchSessions({
    batchId: batch.id,
    request: batchSessionsRequestSchema.parse({
      sessions: [
        { kind: 'theory', scopeId: options.scopeId, roomId, startsAt: chinaDateTime(schedule.theoryDate, demoTheoryStart), durationMinutes: theoryDurationMinutes },
        ...schedule.practicalDates.map((date) => ({
          kind: 'practical',
          scopeId: options.scopeId,
          roomId,
          startsAt: chinaDateTime(date, demoPracticalStart),
          durationMinutes: practicalMinutes,
        })),
      ],
    }),
    actor: examAdmin,
  });
  await fileBatchPlan({ batchId: batch.id, request: fileBatchPlanRequestSchema.parse({ filingDate: schedule.filingDate }), actor: examAdmin });

  const announcement = await createAnnouncement({
    batchId: batch.id,
    request: createAnnouncementRequestSchema.parse({
      title: `关于开展${year}年电工（四级/中级工）职业技能等级认定的公告（演示）`,
      introduction: '根据企业职业技能等级认定工作方案，现组织电工（四级/中级工）职业技能等级认定。本公告为 SkillCert 演示数据。',
      applicationPeriod: schedule.applicationPeriod,
      places: [{ name: demoRoom.name, address: '江门市蓬江区演示路 1 号 电工实训楼 2 楼' }],
      materials: ['身份证原件及复印件', '学历证书或职业技能等级证书复印件（如有）', '本职业工作年限证明（所在部门盖章）'],
      contacts: [{ name: examAdmin.name, department: '人力资源部考务组', phone: '0750-0000000' }],
    }),
    actor: examAdmin,
  });
  await publishAnnouncement({ announcementId: announcement.id, actor: examAdmin });

  const applications: ApplicationView[] = [];
  for (const applicant of applicants) {
    applications.push(await submitApplication({ batchId: batch.id, request: toApplicationRequest(applicant, options.scopeId), actor: examAdmin }));
  }
  const eligible = applications.filter((application) => application.status === 'eligible');
  const rejected = applications.filter((application) => application.status === 'rejected');
  const unexpected = applications.filter((application, index) => (application.status === 'eligible') !== applicants[index].isMeantEligible);
  if (unexpected.length > 0) {
    throw new Error(`demo applications judged otherwise than meant (R9): ${unexpected.map((application) => `${application.name}: ${application.eligibility.reasons.join('; ')}`).join(' | ')}`);
  }

  // Candidate accounts with the demo password before the tickets: issuing matches them by ID number.
  await runWithConcurrency(
    eligible.map((application) => () =>
      createUser({
        organisationId: admin.organisationId,
        actor: admin,
        request: createUserRequestSchema.parse({
          name: application.name,
          roles: ['candidate'],
          password: options.password,
          idType: 'resident_identity_card',
          idNumber: application.idNumber,
        }),
      }),
    ),
    4,
  );
  const issued = await issueAdmissionTickets({
    batchId: batch.id,
    request: issueAdmissionTicketsRequestSchema.parse({ applicationIds: eligible.map((application) => application.id) }),
    actor: examAdmin,
  });
  if (issued.initialPasswords.length > 0) throw new Error('admission tickets created candidate accounts the seed had not created');
  const final = await getBatch({ organisationId: examAdmin.organisationId, batchId: batch.id });
  const departmentByIdNumber = new Map(applicants.map((applicant) => [applicant.idNumber, applicant.department]));
  const idNumberByApplication = new Map(applications.map((application) => [application.id, application.idNumber]));
  return {
    batchId: batch.id,
    batchCode: batch.code,
    batchName: batch.name,
    status: final.status,
    announcementId: announcement.id,
    schedule,
    theorySessionId: withSessions.sessions.find((session) => session.kind === 'theory')!.id,
    practicalSessionIds: withSessions.sessions.filter((session) => session.kind === 'practical').map((session) => session.id),
    applications: { eligible: eligible.length, rejected: rejected.length, rejectedReasons: rejected.map((application) => `${application.name}: ${application.eligibility.reasons.join('; ')}`) },
    candidates: issued.issued.map((registration) => {
      const idNumber = idNumberByApplication.get(registration.applicationId ?? '') ?? '';
      return {
        name: registration.candidateName,
        idNumber,
        admissionTicketNumber: registration.admissionTicketNumber,
        department: departmentByIdNumber.get(idNumber) ?? '',
        seatNumber: registration.seatNumber,
        ...(registration.workstationNumber !== undefined ? { workstationNumber: registration.workstationNumber } : {}),
      };
    }),
  };
}

/** The application request of a demo applicant, entered by the exam administrator (R9 data). */
function toApplicationRequest(applicant: DemoCandidate, scopeId: string) {
  return submitApplicationRequestSchema.parse({
    scopeId,
    name: applicant.name,
    idType: 'resident_id',
    idNumber: applicant.idNumber,
    employer: applicant.employer,
    department: applicant.department,
    employmentType: applicant.employmentType,
    ...(applicant.hireDate ? { hireDate: applicant.hireDate } : {}),
    yearsInOccupation: applicant.yearsInOccupation,
    certificates: applicant.certificates,
    ...(applicant.education ? { education: applicant.education } : {}),
    ...(applicant.isRelatedSpecialty !== undefined ? { isRelatedSpecialty: applicant.isRelatedSpecialty } : {}),
  });
}
