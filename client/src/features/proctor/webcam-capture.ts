/**
 * Webcam snapshots from the candidate's browser (issue 8, R10; off unless the organisation enables
 * them): reads the settings and consent text, records the candidate's consent, then uploads a small
 * JPEG (320 × 240, quality 0.6) every `intervalMs` as the raw body of
 * `POST /api/proctoring/webcam/attempts/:attemptId/snapshots`. For the exam page to call after the
 * candidate agreed; failures are reported, never block the exam.
 */
import { api } from '../../api/client';

/** What the exam page shows before asking. */
export interface WebcamSettings {
  isEnabled: boolean;
  intervalMs: number;
  consentText: string;
  consentTextSha256: string;
}

/** GET /api/proctoring/webcam/settings. */
export function loadWebcamSettings(): Promise<WebcamSettings> {
  return api.get<WebcamSettings>('/api/proctoring/webcam/settings');
}

/** Records the candidate's answer to the consent text shown (its hash proves which text). */
export function recordWebcamConsent(attemptId: string, settings: Pick<WebcamSettings, 'consentTextSha256'>, isGiven: boolean): Promise<unknown> {
  return api.post(`/api/proctoring/webcam/attempts/${attemptId}/consent`, { isGiven, consentTextSha256: settings.consentTextSha256 });
}

/**
 * Starts periodic capture for `attemptId` (asks for the camera once).
 * @returns a function that stops capture and releases the camera
 * @throws DOMException when the camera is refused or missing
 */
export async function startWebcamCapture(options: { attemptId: string; intervalMs: number; onError?: (error: unknown) => void }): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 }, audio: false });
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  await video.play();
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 240;
  const capture = async () => {
    try {
      canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.6));
      if (!blob) return;
      const response = await fetch(`/api/proctoring/webcam/attempts/${options.attemptId}/snapshots`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'image/jpeg' },
        body: blob,
      });
      if (!response.ok && response.status !== 429) options.onError?.(new Error(`snapshot upload failed with HTTP ${response.status}`));
    } catch (error) {
      options.onError?.(error);
    }
  };
  void capture();
  const timer = setInterval(() => void capture(), options.intervalMs);
  return () => {
    clearInterval(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
}
