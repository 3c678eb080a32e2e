/**
 * Proctoring settings of an organisation (R10): overrides of the incident thresholds, webcam
 * snapshots (off by default, with the consent text) and whether a batch's exam administrators may
 * act in rooms they do not proctor. Absent document = defaults.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { IncidentThresholdsPatch, WebcamSettings } from './proctoring.contracts';

/** Consent text shown before webcam snapshots are taken (the organisation may replace it). */
export const defaultWebcamConsentText =
  '本场考试开启摄像头抽帧监考：考试期间系统每隔一段时间通过摄像头拍摄一张照片，仅用于考务监督和评价档案留存（按规定保存不少于 5 年，期满经销毁台账处理），不作其他用途。' +
  '点击“同意”即表示您已知悉并同意；不同意的，请向监考人员说明。';

/** Defaults: webcam snapshots off, one frame per minute. */
export const defaultWebcamSettings: WebcamSettings = Object.freeze({ isEnabled: false, intervalMs: 60_000, consentText: defaultWebcamConsentText });

/** Stored shape of the proctoring settings (one per organisation). */
export interface ProctoringSettingsRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  incidentThresholds: IncidentThresholdsPatch;
  webcam: WebcamSettings;
  batchExamAdminsMayAct: boolean;
  updatedBy?: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

const proctoringSettingsSchema = new Schema<ProctoringSettingsRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    incidentThresholds: { type: Schema.Types.Mixed, default: () => ({}) },
    webcam: { type: Schema.Types.Mixed, default: () => ({ ...defaultWebcamSettings }) },
    batchExamAdminsMayAct: { type: Boolean, default: false },
    updatedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true, collection: 'proctoring_settings', minimize: false },
);

proctoringSettingsSchema.index({ organisationId: 1 }, { unique: true });

/** Proctoring settings model (collection `proctoring_settings`). */
export const ProctoringSettingsModel: Model<ProctoringSettingsRecord> =
  (mongoose.models.ProctoringSettings as Model<ProctoringSettingsRecord> | undefined) ??
  model<ProctoringSettingsRecord>('ProctoringSettings', proctoringSettingsSchema);
