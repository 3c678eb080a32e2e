/**
 * Domain events of the proctoring context (house rule 5), added to the bus's event map by
 * declaration merging. Use cases emit them after storing; the proctoring feed
 * (`attach-proctoring.ts`) turns them into dashboard updates and console notices.
 */
import type { IncidentHandledView, ProctorActionView, VoidRequestView } from '@skillcert/proctoring/protocol';
import '../events';
import type { AttemptEventBase } from '../events';

declare module '../events' {
  interface DomainEventMap {
    /** Attendance 签到 / absence marked from the proctor console (R10). */
    'proctoring.attendance_marked': AttemptEventBase & { attendance: 'present' | 'absent' };
    /** A proctor action was taken and recorded (R10). */
    'proctoring.action_recorded': { view: ProctorActionView };
    /** An incident's handling was recorded (R10). */
    'proctoring.incident_handled': { view: IncidentHandledView };
    /** A proctor asked a supervisor to void an attempt. */
    'proctoring.void_requested': { view: VoidRequestView };
    /** A supervisor confirmed or rejected a void request. */
    'proctoring.void_decided': { view: VoidRequestView };
    /** A webcam snapshot of an attempt was stored (R10 video monitoring). */
    'proctoring.webcam_snapshot_stored': AttemptEventBase & { snapshotId: string; takenAt: number };
    /** An organisation's proctoring settings changed. */
    'proctoring.settings_updated': { organisationId: string; at: number };
  }
}

export {};
