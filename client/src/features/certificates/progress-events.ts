/**
 * Progress of long server jobs over socket.io (namespace `/progress`, see
 * server/src/realtime/progress-forwarding.ts): the bank import (`bank:import_progress`, to the
 * uploading user) and the certificate batch render (`certificates:render_progress`, to the
 * organisation's certificate staff). Shared by the bank import and the certificate screens.
 */
import { useEffect, useRef } from 'react';
import { io, type Socket } from 'socket.io-client';

/** `bank:import_progress`: `done` of `total` rows parsed (`parse`) or items written (`write`). */
export interface BankImportProgressMessage {
  importId: string;
  scopeId: string;
  phase: 'parse' | 'write';
  done: number;
  total: number;
}

/** `certificates:render_progress`: `completed` of `total` PDFs of render run `jobId`. */
export interface CertificateRenderProgressMessage {
  batchId: string;
  jobId: string;
  completed: number;
  total: number;
  /** ms epoch */
  at: number;
}

/** Server → client events of `/progress` and their payloads. */
export interface ProgressEventMap {
  'bank:import_progress': BankImportProgressMessage;
  'certificates:render_progress': CertificateRenderProgressMessage;
}

/** Opens a `/progress` connection (websocket only, session cookie). */
export function connectProgressSocket(): Socket {
  return io('/progress', { transports: ['websocket'], withCredentials: true, reconnectionDelay: 1000, reconnectionDelayMax: 5000 });
}

/**
 * Calls `onMessage` for every `event` while the component is mounted and `isEnabled` is true; the
 * connection opens with the first enabled render and closes on unmount. A refused connection
 * (signed out, candidate) simply delivers nothing: the screens fall back to an indeterminate bar.
 */
export function useProgressEvents<Name extends keyof ProgressEventMap>(event: Name, onMessage: (message: ProgressEventMap[Name]) => void, isEnabled = true): void {
  const handler = useRef(onMessage);
  handler.current = onMessage;
  useEffect(() => {
    if (!isEnabled) return undefined;
    const socket = connectProgressSocket();
    const listener = (message: ProgressEventMap[Name]) => handler.current(message);
    socket.on(event as string, listener as (...args: unknown[]) => void);
    // A refusal (signed out, candidate: `data.code`) or a server without the namespace: stop
    // retrying; network errors retry.
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      if (error.data?.code || error.message === 'Invalid namespace') socket.disconnect();
    });
    return () => {
      socket.off(event as string, listener as (...args: unknown[]) => void);
      socket.disconnect();
    };
  }, [event, isEnabled]);
}
