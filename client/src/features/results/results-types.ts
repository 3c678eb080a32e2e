/**
 * JSON shapes of the publication 公示 routes (R11-R13) as the client reads them: the server's own
 * view types (server/src/domain/publication/publication.contracts.ts and publication.model.ts),
 * imported as types only so no server code reaches the bundle.
 */
import type { ObjectionView } from '@skillcert/server/domain/publication/publication.contracts';

export type {
  ObjectionView,
  PublicationDeadlineRow,
  PublicationDeadlineWarning,
  PublicationView,
} from '@skillcert/server/domain/publication/publication.contracts';
export type { PublicationContact, PublicationNoticeRow } from '@skillcert/server/domain/publication/publication.model';

/** Kinds of objection (R11): a complaint about the process or a re-scoring request 成绩复核. */
export type ObjectionKind = ObjectionView['kind'];
