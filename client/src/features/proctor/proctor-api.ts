/** HTTP side of the proctor console (TanStack Query keys under `['proctor', …]`): rooms, timelines, room records. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  AttemptTimelineView,
  GenerateRoomRecordRequest,
  ProctorRoomEntry,
  RoomRecordView,
} from '@skillcert/server/domain/proctoring/proctoring.contracts';

export type { AttemptTimelineView, ProctorRoomEntry, RoomRecordView };

/** GET /api/proctoring/rooms: rooms the user may open (open sessions first). */
export function useProctorRooms() {
  return useQuery({ queryKey: ['proctor', 'rooms'], queryFn: () => api.get<ProctorRoomEntry[]>('/api/proctoring/rooms') });
}

/** GET the timeline of an attempt; refreshed every 10 s while shown. */
export function useAttemptTimeline(attemptId: string | null) {
  return useQuery({
    queryKey: ['proctor', 'timeline', attemptId],
    queryFn: () => api.get<AttemptTimelineView>(`/api/proctoring/attempts/${attemptId}/timeline`),
    enabled: attemptId !== null,
    refetchInterval: 10_000,
  });
}

/** GET the stored room record (null when none was generated yet). */
export function useRoomRecord(params: { batchId: string; sessionId: string; roomId: string } | null) {
  return useQuery({
    queryKey: ['proctor', 'room-record', params?.batchId, params?.sessionId, params?.roomId],
    queryFn: async () => {
      try {
        return await api.get<RoomRecordView>(`/api/proctoring/room-records/${params!.batchId}/${params!.sessionId}/${params!.roomId}`);
      } catch (error) {
        if ((error as { status?: number }).status === 404) return null;
        throw error;
      }
    },
    enabled: params !== null,
  });
}

/** POST /api/proctoring/room-records (generate or regenerate). */
export function useGenerateRoomRecord() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: GenerateRoomRecordRequest) => api.post<RoomRecordView>('/api/proctoring/room-records', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['proctor', 'room-record'] }),
  });
}

/** URL of the stored room record PDF. */
export function roomRecordPdfUrl(params: { batchId: string; sessionId: string; roomId: string }): string {
  return `/api/proctoring/room-records/${params.batchId}/${params.sessionId}/${params.roomId}/pdf`;
}

/** URL of a webcam snapshot (JPEG). */
export function snapshotUrl(snapshotId: string): string {
  return `/api/proctoring/webcam/snapshots/${snapshotId}`;
}
