/**
 * Collects the documents of a batch archive (R16) from what the database holds now: announcement,
 * roster and applications, papers used (seed and snapshot hash), sign-in sheets, room records,
 * comprehensive-review materials, score sheets, result summary, publication documents, certificate
 * table and the audit excerpt. A document without data or without a generator yet is reported as
 * missing with the reason — never invented.
 */
import mongoose, { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { RenderPool } from '../../render/render-pool';
import { announcementPdfOptions } from '../../render/templates/announcement';
import { buildCertificateTableHtml, certificateTablePdfOptions } from '../../render/templates/certificate-table';
import { publicationNoticePdfOptions } from '../../render/templates/publication-notice';
import { AttemptModel } from '../attempts/attempt.model';
import { CertificateModel, type CertificateRecord } from '../certificates/certificate.model';
import { certificateLevelNames, type CertificateLevelCode } from '../certificates/certificate-number';
import { listBatchLedger } from '../certificates/list-certificates';
import { OrganisationModel } from '../identity/organisation.model';
import { UserModel } from '../identity/user.model';
import { PaperLibraryModel } from '../papers/paper-library.model';
import { PaperModel } from '../papers/paper.model';
import { AnnouncementModel } from '../plans/announcement.model';
import { ApplicationModel } from '../plans/application.model';
import type { BatchRecord } from '../plans/batch.model';
import { levelNames, sessionDate, sessionKindNames } from '../plans/load-batch';
import { RegistrationModel } from '../plans/registration.model';
import { renderSignInSheetPdf } from '../plans/render-sign-in-sheet-pdf';
import { getSessionAttendance } from '../plans/session-roster';
import { buildPublicationNoticeRows, hashNoticeRows, loadBatchResults } from '../publication/build-publication-notice';
import { findResultScope, loadResultHolders } from '../publication/load-result-holders';
import { describeIdType } from '../publication/mask-personal-data';
import { ObjectionModel } from '../publication/objection.model';
import { PublicationModel } from '../publication/publication.model';
import { buildNoticeHtml } from '../publication/render-publication-notice';
import { buildAuditExcerpt } from './build-audit-excerpt';
import type { RetentionKind } from './retention';
import { writeCsv } from './write-csv';

/** A document of the R16 list: catalogue key, Chinese title, the kind of record it is kept as. */
export interface ArchiveDocumentSpec {
  key: string;
  title: string;
  /** Where the record of reference lives: the platform (electronic), paper originals, or video. */
  retentionKind: RetentionKind;
  /** True when the original is a signed paper form (kept 3 years besides the electronic copy). */
  hasPaperOriginal: boolean;
  /** Zip folder. */
  folder: string;
}

/** The archive catalogue in R16 order. */
export const archiveCatalogue: readonly ArchiveDocumentSpec[] = Object.freeze([
  { key: 'announcement', title: '评价公告', retentionKind: 'electronic', hasPaperOriginal: false, folder: '01-announcement' },
  { key: 'roster', title: '参评人员花名册', retentionKind: 'electronic', hasPaperOriginal: false, folder: '02-roster' },
  { key: 'applications', title: '申报材料', retentionKind: 'electronic', hasPaperOriginal: true, folder: '02-roster' },
  { key: 'papers', title: '试卷（随机种子与题库快照哈希）', retentionKind: 'electronic', hasPaperOriginal: false, folder: '03-papers' },
  { key: 'sign_in_sheets', title: '签到表', retentionKind: 'electronic', hasPaperOriginal: true, folder: '04-sign-in-sheets' },
  { key: 'room_records', title: '考场记录', retentionKind: 'electronic', hasPaperOriginal: true, folder: '05-room-records' },
  { key: 'review_materials', title: '综合评审材料', retentionKind: 'electronic', hasPaperOriginal: true, folder: '06-review-materials' },
  { key: 'score_sheets', title: '评分记录表', retentionKind: 'electronic', hasPaperOriginal: true, folder: '07-score-sheets' },
  { key: 'result_summary', title: '成绩汇总表', retentionKind: 'electronic', hasPaperOriginal: false, folder: '08-result-summary' },
  { key: 'publication', title: '公示材料', retentionKind: 'electronic', hasPaperOriginal: false, folder: '09-publication' },
  { key: 'monitoring_video', title: '监控录像', retentionKind: 'video', hasPaperOriginal: false, folder: '10-monitoring-video' },
  { key: 'certificate_table', title: '证书发放登记表与证书台账', retentionKind: 'electronic', hasPaperOriginal: false, folder: '11-certificates' },
  { key: 'audit_excerpt', title: '审计日志摘录（含哈希链校验）', retentionKind: 'electronic', hasPaperOriginal: false, folder: '12-audit' },
] as const);

/** A collected file (path inside the zip). */
export interface CollectedFile {
  path: string;
  document: string;
  content: Buffer;
}

/** A document the archive lacks. */
export interface MissingDocument {
  document: string;
  reason: string;
}

/** What the collector found. */
export interface CollectedDocuments {
  files: CollectedFile[];
  missing: MissingDocument[];
  audit: { isIntact: boolean; checkedCount: number; lastSeq: number; lastHash: string | null; excerptCount: number; isExcerptConsistent: boolean };
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

function safeName(text: string): string {
  return text.replace(/[^\w.\-\u4e00-\u9fff]+/g, '_');
}

/** Reads a collection that another context writes, by name (empty when it does not exist yet). */
async function readCollectionByBatch(name: string, batchId: Types.ObjectId): Promise<Record<string, unknown>[]> {
  const database = mongoose.connection.db;
  if (!database) return [];
  const exists = await database.listCollections({ name }, { nameOnly: true }).hasNext();
  if (!exists) return [];
  return database.collection(name).find({ batchId }).sort({ _id: 1 }).toArray();
}

/** Renders a PDF, or records why it could not be (no browser). */
async function tryRender(
  renderPool: RenderPool | undefined,
  render: (pool: RenderPool) => Promise<Buffer>,
  onUnavailable: (reason: string) => void,
): Promise<Buffer | undefined> {
  if (!renderPool) {
    onUnavailable('no render pool was given to the archive build (PDF not rendered; the HTML/JSON is included)');
    return undefined;
  }
  try {
    return await render(renderPool);
  } catch (error) {
    if (error instanceof AppError && error.code === 'browser_unavailable') {
      onUnavailable(`PDF not rendered: ${error.message}; the HTML/JSON is included`);
      return undefined;
    }
    throw error;
  }
}

/**
 * Collects every document of `batch`'s archive (R16). PDFs are rendered with `renderPool` when
 * given (announcement, sign-in sheets, publication notice, certificate table).
 * @throws AppError from the readers (e.g. `browser_unavailable` never: it becomes a missing entry).
 */
export async function collectArchiveDocuments(options: { batch: BatchRecord; renderPool?: RenderPool }): Promise<CollectedDocuments> {
  const { batch, renderPool } = options;
  const organisationId = String(batch.organisationId);
  const batchId = String(batch._id);
  const folder = (key: string) => archiveCatalogue.find((spec) => spec.key === key)!.folder;
  const files: CollectedFile[] = [];
  const missing: MissingDocument[] = [];
  const add = (document: string, name: string, content: Buffer | string) =>
    files.push({ path: `${folder(document)}/${name}`, document, content: typeof content === 'string' ? Buffer.from(content, 'utf8') : content });
  const pdfMissing = (document: string) => (reason: string) => missing.push({ document, reason });
  const auditTargets: string[] = [];

  // 1. Announcement (R8).
  const announcement = await AnnouncementModel.findOne({ batchId: batch._id }).lean();
  if (!announcement) {
    missing.push({ document: 'announcement', reason: 'the batch has no announcement' });
  } else {
    auditTargets.push(String(announcement._id));
    if (announcement.status === 'published' && announcement.published) {
      add('announcement', 'announcement.json', json({ status: 'published', publishedAt: announcement.published.publishedAt, contentHash: announcement.published.contentHash, page: announcement.published.page }));
      add('announcement', 'announcement.html', announcement.published.html);
      const html = announcement.published.html;
      const pdf = await tryRender(renderPool, (pool) => pool.renderPdf({ html, pdfOptions: { ...announcementPdfOptions } }), pdfMissing('announcement'));
      if (pdf) add('announcement', 'announcement.pdf', pdf);
    } else {
      add('announcement', 'announcement.json', json({ status: announcement.status, fields: announcement.fields, note: 'never published' }));
    }
  }

  // 2. Roster and applications (R7, R9).
  const registrations = await RegistrationModel.find({ batchId: batch._id }).sort({ admissionTicketNumber: 1 }).lean();
  auditTargets.push(...registrations.map((registration) => String(registration._id)));
  const applications = await ApplicationModel.find({ batchId: batch._id }).sort({ _id: 1 }).lean();
  const applicationById = new Map(applications.map((application) => [String(application._id), application]));
  if (registrations.length === 0) {
    missing.push({ document: 'roster', reason: 'the batch has no registrations' });
  } else {
    const users = await UserModel.find({ _id: { $in: registrations.map((registration) => registration.candidateId) } }, { idType: 1, idNumber: 1 }).lean();
    const userById = new Map(users.map((user) => [String(user._id), user]));
    const rows = registrations.map((registration) => {
      const application = registration.applicationId ? applicationById.get(String(registration.applicationId)) : undefined;
      const user = userById.get(String(registration.candidateId));
      const scope = batch.scopes.find((candidate) => String(candidate.scopeId) === String(registration.scopeId));
      const room = batch.rooms.find((candidate) => String(candidate._id) === String(registration.roomId));
      return [
        registration.admissionTicketNumber,
        registration.candidateName,
        describeIdType(application?.idType ?? user?.idType),
        application?.idNumber ?? user?.idNumber ?? '',
        registration.department ?? application?.department ?? '',
        scope?.occupationCode ?? '',
        scope?.occupationName ?? '',
        scope?.workType ?? '',
        levelNames[registration.level] ?? String(registration.level),
        room?.name ?? '',
        registration.seatNumber,
        registration.workstationNumber ?? '',
      ];
    });
    add(
      'roster',
      'roster.csv',
      await writeCsv(['准考证号', '姓名', '证件类型', '证件号码', '部门', '职业编码', '职业名称', '工种', '等级', '考场', '座位号', '工位号'], rows),
    );
  }
  if (applications.length === 0) {
    missing.push({ document: 'applications', reason: 'no application records in the platform for this batch (roster-only or paper applications)' });
  } else {
    add('applications', 'applications.json', json(applications));
  }

  // 3. Papers used (R1-R3): libraries, papers, seeds and bank snapshot hashes, per-candidate assignment.
  const attempts = await AttemptModel.find({ batchId: batch._id }, { registrationId: 1, candidateId: 1, libraryId: 1, paperId: 1, paperIndex: 1, assignmentSeed: 1, seed: 1, status: 1 }).lean();
  const libraryIds = new Set<string>([
    ...batch.scopes.flatMap((scope) => [scope.theoryLibraryId, scope.practicalLibraryId].filter(Boolean).map(String)),
    ...attempts.map((attempt) => String(attempt.libraryId)),
  ]);
  if (libraryIds.size === 0) {
    missing.push({ document: 'papers', reason: 'the batch names no paper library and no attempt was taken' });
  } else {
    const libraries = await PaperLibraryModel.find({ _id: { $in: [...libraryIds].map((id) => new Types.ObjectId(id)) } }).lean();
    const usedPaperIds = new Set(attempts.map((attempt) => String(attempt.paperId)));
    const papers = await PaperModel.find({ libraryId: { $in: libraries.map((library) => library._id) } }, { slots: 0 }).sort({ libraryId: 1, index: 1 }).lean();
    const slotCounts = await PaperModel.aggregate<{ _id: Types.ObjectId; slotCount: number }>([
      { $match: { libraryId: { $in: libraries.map((library) => library._id) } } },
      { $project: { slotCount: { $size: '$slots' } } },
    ]);
    const slotCountById = new Map(slotCounts.map((entry) => [String(entry._id), entry.slotCount]));
    const paperCodeById = new Map(papers.map((paper) => [String(paper._id), paper.code]));
    add(
      'papers',
      'papers-used.json',
      json({
        libraries: libraries.map((library) => ({
          id: String(library._id),
          scopeId: String(library.scopeId),
          kind: library.kind,
          seed: library.seed,
          snapshotHash: library.snapshotHash,
          maxOverlap: library.maxOverlap,
          status: library.status,
          paperIds: library.paperIds.map(String),
          replacements: library.replacements ?? [],
        })),
        papers: papers.map((paper) => ({
          id: String(paper._id),
          libraryId: String(paper.libraryId),
          kind: paper.kind,
          index: paper.index,
          code: paper.code,
          slotCount: slotCountById.get(String(paper._id)) ?? 0,
          totalPoints: paper.totalPoints,
          status: paper.status,
          ...(paper.seed ? { seed: paper.seed } : {}),
          ...(paper.snapshotHash ? { snapshotHash: paper.snapshotHash } : {}),
          isUsedInBatch: usedPaperIds.has(String(paper._id)),
        })),
        assignments: attempts.map((attempt) => ({
          registrationId: String(attempt.registrationId),
          paperId: String(attempt.paperId),
          paperCode: paperCodeById.get(String(attempt.paperId)) ?? '',
          paperIndex: attempt.paperIndex,
          assignmentSeed: attempt.assignmentSeed,
          formSeed: attempt.seed,
          status: attempt.status,
        })),
      }),
    );
  }

  // 4. Sign-in sheets (R10): PDF per session and the attendance recorded.
  if (batch.sessions.length === 0) {
    missing.push({ document: 'sign_in_sheets', reason: 'the batch has no sessions' });
  } else {
    const attendance = [];
    for (const session of batch.sessions) {
      const sessionId = String(session._id);
      attendance.push(await getSessionAttendance({ organisationId, batchId, sessionId }));
      const room = batch.rooms.find((candidate) => String(candidate._id) === String(session.roomId));
      const pdf = await tryRender(
        renderPool,
        async (pool) => (await renderSignInSheetPdf({ organisationId, batchId, sessionId, renderPool: pool })).pdf,
        pdfMissing('sign_in_sheets'),
      );
      if (pdf) add('sign_in_sheets', safeName(`${sessionDate(session.startsAt)}-${sessionKindNames[session.kind]}-${room?.name ?? 'room'}-${sessionId}.pdf`), pdf);
    }
    add('sign_in_sheets', 'attendance.json', json(attendance));
  }

  // 5. Room records (R10): written by proctoring; no generator in the platform yet.
  const roomRecords = await readCollectionByBatch('room_records', batch._id);
  if (roomRecords.length > 0) add('room_records', 'room-records.json', json(roomRecords));
  else missing.push({ document: 'room_records', reason: 'no room record generator yet (proctoring): room conditions and irregularities are not stored in the platform' });

  // 6-7. Score sheets and comprehensive-review materials (R4, R5).
  const results = await loadBatchResults(batch._id);
  auditTargets.push(...results.map((result) => String(result._id)));
  const scoreCards = await readCollectionByBatch('score_cards', batch._id);
  const reviewCards = scoreCards.filter((card) => card.component === 'review');
  const needsReview = batch.scopes.some((scope) => scope.level <= 2) || batch.sessions.some((session) => session.kind === 'review');
  if (reviewCards.length > 0) add('review_materials', 'review-score-cards.json', json(reviewCards));
  missing.push({
    document: 'review_materials',
    reason: needsReview
      ? 'theses, achievement reports and defence records are not stored in the platform (only review score cards, when present)'
      : 'not applicable: no level 2 or 1 scope and no review session in this batch',
  });
  const theorySheets = await readCollectionByBatch('theory_score_sheets', batch._id);
  const directGrading = await readCollectionByBatch('direct_grading_records', batch._id);
  const signOffs = await readCollectionByBatch('scoring_sign_offs', batch._id);
  if (results.length === 0 && theorySheets.length === 0 && scoreCards.length === 0 && directGrading.length === 0) {
    missing.push({ document: 'score_sheets', reason: 'no score sheet or result in the platform for this batch' });
  } else {
    add('score_sheets', 'result-components.json', json(results.map((result) => ({ resultId: String(result._id), registrationId: String(result.registrationId), components: result.components, totalScore: result.totalScore, isPass: result.isPass, revisions: result.revisions }))));
    if (theorySheets.length > 0) add('score_sheets', 'theory-score-sheets.json', json(theorySheets));
    const practicalCards = scoreCards.filter((card) => card.component !== 'review');
    if (practicalCards.length > 0) add('score_sheets', 'practical-score-cards.json', json(practicalCards));
    if (directGrading.length > 0) add('score_sheets', 'direct-grading-records.json', json(directGrading));
    if (signOffs.length > 0) add('score_sheets', 'sign-offs.json', json(signOffs));
  }

  // 8. Result summary.
  if (results.length === 0) {
    missing.push({ document: 'result_summary', reason: 'the batch has no results' });
  } else {
    const holders = await loadResultHolders(results);
    const component = (result: (typeof results)[number], key: string) => result.components.find((entry) => entry.key === key)?.score ?? '';
    const summaryRows = results.map((result) => {
      const holder = holders.get(String(result._id));
      const scope = findResultScope(batch, result);
      return [
        holder?.admissionTicketNumber ?? '',
        holder?.candidateName ?? '',
        holder?.idNumber ?? '',
        scope?.occupationCode ?? '',
        scope?.occupationName ?? '',
        scope?.workType ?? '',
        levelNames[result.level] ?? String(result.level),
        component(result, 'theory'),
        component(result, 'practical'),
        component(result, 'review'),
        component(result, 'direct_grading'),
        result.totalScore,
        result.isPass ? '合格' : '不合格',
        result.status,
        result.assessmentDate,
      ];
    });
    add(
      'result_summary',
      'result-summary.csv',
      await writeCsv(['准考证号', '姓名', '证件号码', '职业编码', '职业名称', '工种', '等级', '理论', '操作技能', '综合评审', '直接认定', '总成绩', '结果', '状态', '考核日期'], summaryRows),
    );
  }

  // 9. Publication documents (R11).
  const publication = await PublicationModel.findOne({ batchId: batch._id }).lean();
  if (!publication) {
    missing.push({ document: 'publication', reason: 'the results were never published' });
  } else {
    auditTargets.push(String(publication._id));
    const isFrozen = publication.status === 'closed' && Boolean(publication.finalNotice);
    const rows = isFrozen ? publication.finalNotice!.rows : await buildPublicationNoticeRows(batch, results);
    const contentHash = isFrozen ? publication.finalNotice!.contentHash : hashNoticeRows(rows);
    const html = isFrozen ? publication.finalNotice!.html : await buildNoticeHtml(batch, publication, rows);
    add(
      'publication',
      'publication-notice.json',
      json({
        status: publication.status,
        startDate: publication.startDate,
        periodWorkingDays: publication.periodWorkingDays,
        earliestEndDate: publication.earliestEndDate,
        endDate: publication.endDate ?? null,
        channels: publication.channels,
        contentHash,
        rows,
      }),
    );
    add('publication', 'publication-notice.html', html);
    const pdf = await tryRender(renderPool, (pool) => pool.renderPdf({ html, pdfOptions: { ...publicationNoticePdfOptions } }), pdfMissing('publication'));
    if (pdf) add('publication', 'publication-notice.pdf', pdf);
    const objections = await ObjectionModel.find({ batchId: batch._id }).sort({ filedAt: 1 }).lean();
    auditTargets.push(...objections.map((objection) => String(objection._id)));
    add('publication', 'objections.json', json(objections));
  }

  // 10. Monitoring video (R10): kept by the video system, not by the platform.
  missing.push({ document: 'monitoring_video', reason: 'room recordings are kept by the video monitoring system, not stored in the platform; record their location in the destruction ledger' });

  // 11. Certificate table and ledger (R15).
  const certificates = await CertificateModel.find({ batchId: batch._id }).sort({ number: 1 }).lean<CertificateRecord[]>();
  auditTargets.push(...certificates.map((certificate) => String(certificate._id)));
  if (certificates.length === 0) {
    missing.push({ document: 'certificate_table', reason: 'no certificate issued for this batch' });
  } else {
    const organisation = await OrganisationModel.findById(batch.organisationId, { name: 1 }).lean();
    const producedOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const tableRows = certificates.map((certificate) => {
      const names = certificateLevelNames[certificate.level as CertificateLevelCode];
      return {
        number: certificate.number,
        candidateName: certificate.holder.candidateName,
        idTypeName: describeIdType(certificate.holder.idType),
        idNumber: certificate.holder.idNumber,
        occupationName: certificate.occupationName,
        workTypeName: certificate.workTypeName,
        levelName: names ? `${names.grade}/${names.title}` : String(certificate.level),
        assessmentDate: certificate.assessmentDate,
        issueDate: certificate.issueDate,
        issueVersion: certificate.issueVersion,
        statusText: certificate.status === 'issued' ? '有效' : '已撤销',
      };
    });
    const html = buildCertificateTableHtml({ organisationName: organisation?.name ?? '', batchCode: batch.code, batchName: batch.name, rows: tableRows, producedOn });
    add(
      'certificate_table',
      'certificate-table.csv',
      await writeCsv(
        ['证书编号', '姓名', '证件类型', '证件号码', '职业名称', '工种', '等级', '考核日期', '发证日期', '版本', '状态'],
        tableRows.map((row) => [row.number, row.candidateName, row.idTypeName, row.idNumber, row.occupationName, row.workTypeName, row.levelName, row.assessmentDate, row.issueDate, row.issueVersion, row.statusText]),
      ),
    );
    add('certificate_table', 'certificate-table.html', html);
    const pdf = await tryRender(renderPool, (pool) => pool.renderPdf({ html, pdfOptions: { ...certificateTablePdfOptions } }), pdfMissing('certificate_table'));
    if (pdf) add('certificate_table', 'certificate-table.pdf', pdf);
    add('certificate_table', 'certificate-ledger.json', json(await listBatchLedger(organisationId, batch._id)));
  }

  // 12. Audit excerpt with the chain verified (R10, R17).
  const excerpt = await buildAuditExcerpt({ organisationId, batchId, targetIds: auditTargets });
  add('audit_excerpt', 'audit-excerpt.json', json(excerpt));

  return {
    files,
    missing,
    audit: {
      isIntact: excerpt.chain.isIntact,
      checkedCount: excerpt.chain.checkedCount,
      lastSeq: excerpt.chain.lastSeq,
      lastHash: excerpt.chain.lastHash,
      excerptCount: excerpt.entries.length,
      isExcerptConsistent: excerpt.isExcerptConsistent,
    },
  };
}
