/**
 * Domain events of the bank context. `bank.import_progress` is added to the bus's event map by
 * module augmentation, so the realtime layer can forward it (socket event `bank:import_progress`
 * to the uploading user) without the bank knowing about sockets (house rule 5).
 */
import { domainEvents } from '../events';

/** Progress of a bank import: rows parsed (dry run) or items written (confirm). */
export interface BankImportProgressEvent {
  /** Import id = confirmation token of the dry run. */
  importId: string;
  organisationId: string;
  scopeId: string;
  /** User who uploaded or confirmed; the realtime layer sends the event to this user only. */
  userId: string;
  /** `parse`: reading the file (dry run); `write`: storing items (confirm). */
  phase: 'parse' | 'write';
  done: number;
  total: number;
}

declare module '../events' {
  interface DomainEventMap {
    /** Progress of a bank import (R1); `done` of `total` rows or items. */
    'bank.import_progress': BankImportProgressEvent;
  }
}

/** Emits `bank.import_progress` on the domain event bus. */
export function emitImportProgress(event: BankImportProgressEvent): void {
  domainEvents.emit('bank.import_progress', event);
}
