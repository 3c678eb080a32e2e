/**
 * Builds the announcement page 评价公告 (R8) from a batch and the planner's fields: occupations
 * and levels offered, eligibility per level from the rules (R9, R19, R5), the method with its
 * components and weights (R4), the schedule and places from the sessions and rooms.
 */
import type { BatchRecord } from './batch.model';
import { defaultEligibilitySettings, type EligibilitySettings } from './eligibility';
import { levelNames, sessionDate, sessionKindNames, timeInChina } from './load-batch';
import type { AnnouncementFields, AnnouncementOffering, AnnouncementPage } from './plans.contracts';

/** Mode names (R19). */
export const modeNames = Object.freeze({ grading: '定级评价', promotion: '晋级评价' } as const);

/** The standard process when the planner lists none (R8 "process"). */
export const defaultAnnouncementProcess: readonly string[] = Object.freeze([
  '个人申报：按本公告填写申报材料，或由所在部门汇总报送评价员工名册',
  '资格审核：评价机构按申报条件逐一审核，不符合条件的告知原因',
  '发放准考证：审核通过的人员领取准考证（含考场、座位及时间）',
  '参加评价：按准考证安排参加理论知识考试、操作技能考核（技师、高级技师另加综合评审）',
  '成绩公示：评价结果在企业内公示，公示期内可提出异议',
  '证书发放：公示无异议后核发职业技能等级证书',
]);

/** R9 general conditions as printed. */
export function describeGeneralConditions(settings: EligibilitySettings = defaultEligibilitySettings): string[] {
  return [
    `本企业及所属子公司、分支机构在职员工；劳务派遣人员须在本企业连续工作满${settings.dispatchedMinimumYears}年`,
    `达到法定劳动年龄（年满${settings.workingAge.minimumAge}周岁）${settings.workingAge.maximumAge !== undefined ? `且不超过${settings.workingAge.maximumAge}周岁` : ''}`,
    '遵守国家法律法规，恪守职业道德',
  ];
}

function describeMethod(scope: BatchRecord['scopes'][number], mode: BatchRecord['mode']): AnnouncementOffering['method'] {
  const components: AnnouncementOffering['method']['components'] = [
    { kind: 'theory', name: sessionKindNames.theory, weight: scope.weights.theory },
    { kind: 'practical', name: sessionKindNames.practical, weight: scope.weights.practical },
  ];
  if (scope.weights.review) components.push({ kind: 'review', name: sessionKindNames.review, weight: scope.weights.review });
  const description =
    mode === 'promotion'
      ? scope.level <= 2
        ? '理论知识考试、操作技能考核和综合评审（论文或业绩报告及答辩），各项均达到合格线方为合格'
        : '理论知识考试和操作技能考核，各项均达到合格线方为合格'
      : '按评价表由班组长、车间主管、主管部门和人力资源部门加权评定（职业道德、核心能力、职业能力），达到合格线方为合格';
  return { mode, modeName: modeNames[mode], components, description };
}

function describeEligibility(level: BatchRecord['scopes'][number]['level'], mode: BatchRecord['mode'], settings: EligibilitySettings): AnnouncementOffering['eligibility'] {
  if (mode === 'grading') {
    return [{ pathId: `L${level}-direct-grading`, description: `在本职业（工种）岗位工作，经所在部门推荐参加${levelNames[level]}定级评价` }];
  }
  return (settings.pathsByLevel[level] ?? []).map((path) => ({ pathId: path.id, description: path.description }));
}

/**
 * The announcement page of `batch` with the planner's `fields` (R8). Places available per scope
 * are the seats of the rooms of its theory sessions (workstations of its practical sessions when
 * it has no theory session).
 */
export function buildAnnouncementPage(options: {
  batch: BatchRecord;
  organisationName: string;
  fields: AnnouncementFields;
  eligibilitySettings?: EligibilitySettings;
}): AnnouncementPage {
  const { batch, fields } = options;
  const settings = options.eligibilitySettings ?? defaultEligibilitySettings;
  const scopeById = new Map(batch.scopes.map((scope) => [String(scope.scopeId), scope]));
  const roomById = new Map(batch.rooms.map((room) => [String(room._id), room]));
  const sessions = [...batch.sessions].sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime());
  return {
    title: fields.title,
    organisationName: options.organisationName,
    batchCode: batch.code,
    batchName: batch.name,
    ...(fields.introduction ? { introduction: fields.introduction } : {}),
    generalConditions: describeGeneralConditions(settings),
    offerings: batch.scopes.map((scope) => ({
      scopeId: String(scope.scopeId),
      occupationCode: scope.occupationCode,
      occupationName: scope.occupationName,
      workType: scope.workType,
      level: scope.level,
      levelName: levelNames[scope.level],
      method: describeMethod(scope, batch.mode),
      eligibility: describeEligibility(scope.level, batch.mode, settings),
    })),
    schedule: sessions.flatMap((session) => {
      const scope = scopeById.get(String(session.scopeId));
      if (!scope) return [];
      const endsAt = new Date(new Date(session.startsAt).getTime() + session.durationMinutes * 60_000);
      return [
        {
          kind: session.kind,
          kindName: sessionKindNames[session.kind],
          occupationName: scope.occupationName,
          workType: scope.workType,
          level: scope.level,
          date: sessionDate(session.startsAt),
          startTime: timeInChina(session.startsAt),
          endTime: timeInChina(endsAt),
          roomName: roomById.get(String(session.roomId))?.name ?? '',
        },
      ];
    }),
    places: fields.places.map((place) => ({ ...place })),
    placesAvailable: batch.scopes.map((scope) => {
      const own = batch.sessions.filter((session) => String(session.scopeId) === String(scope.scopeId));
      const theory = own.filter((session) => session.kind === 'theory');
      const count = theory.length > 0
        ? theory.reduce((sum, session) => sum + (roomById.get(String(session.roomId))?.seats ?? 0), 0)
        : own.filter((session) => session.kind === 'practical').reduce((sum, session) => sum + (roomById.get(String(session.roomId))?.workstations ?? 0), 0);
      return { scopeId: String(scope.scopeId), occupationName: scope.occupationName, workType: scope.workType, level: scope.level, count };
    }),
    ...(fields.applicationPeriod ? { applicationPeriod: { ...fields.applicationPeriod } } : {}),
    materials: [...fields.materials],
    contacts: fields.contacts.map((contact) => ({ ...contact })),
    process: fields.process.length > 0 ? [...fields.process] : [...defaultAnnouncementProcess],
    ...(fields.notes ? { notes: fields.notes } : {}),
  };
}
