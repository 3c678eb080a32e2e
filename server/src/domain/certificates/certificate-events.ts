/**
 * Domain events of the certificates context (house rule 5). The event map lives in
 * `server/src/domain/events.ts`; this module adds the certificate events to it by declaration
 * merging, so `domainEvents.emit('certificates.render_progress', …)` is typed like every other event.
 */
import '../events';

/** Progress of a batch render of certificate PDFs (R15): emitted after each finished PDF. */
export interface CertificateRenderProgressEvent {
  organisationId: string;
  batchId: string;
  /** Id of this render run (answered in the `X-Render-Job-Id` header). */
  jobId: string;
  completed: number;
  total: number;
  /** ms epoch. */
  at: number;
}

declare module '../events' {
  interface DomainEventMap {
    /** A batch render of certificate PDFs advanced (R15). */
    'certificates.render_progress': CertificateRenderProgressEvent;
  }
}
