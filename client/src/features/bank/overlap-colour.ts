/**
 * Colour scale of the overlap-matrix heat map (R2): white at 0, deepening blue up to the limit, red
 * above it, so a pair over the limit stands out. Text colour keeps contrast >= 4.5:1.
 */

/** Background and text colour of one cell with overlap `value` (fraction 0..1) under `limit`. */
export function overlapCellColours(value: number, limit: number): { background: string; text: string; isOverLimit: boolean } {
  const isOverLimit = value > limit + 1e-9;
  if (isOverLimit) return { background: '#b3261e', text: '#ffffff', isOverLimit };
  const share = limit > 0 ? Math.min(1, Math.max(0, value / limit)) : 0;
  // Interpolate white (255,255,255) → #0b5cad (11,92,173).
  const channel = (from: number, to: number) => Math.round(from + (to - from) * share);
  const background = `rgb(${channel(255, 11)}, ${channel(255, 92)}, ${channel(255, 173)})`;
  return { background, text: share > 0.55 ? '#ffffff' : '#1d2733', isOverLimit };
}
