/**
 * Reading what a certificate's QR code encodes (R15): `https://<host>/verify/<number>?t=<token>`.
 * Pure; the public page itself is served by the server at that URL.
 */

/** Certificate number and token of a verification link. */
export interface VerificationLink {
  number: string;
  token: string;
}

/**
 * Parses a scanned or pasted verification URL (any origin), or `number token` typed apart.
 * @returns the number and token, or null when the text holds neither form
 */
export function parseVerificationLink(text: string): VerificationLink | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(trimmed);
    const match = /\/verify\/([^/?#]+)\/?$/.exec(url.pathname);
    const token = url.searchParams.get('t');
    if (match && token) return { number: decodeURIComponent(match[1]), token };
    return null;
  } catch {
    const parts = trimmed.split(/\s+/);
    return parts.length === 2 && parts[0] && parts[1] ? { number: parts[0], token: parts[1] } : null;
  }
}

/** The public verification page of a link (same origin as the app). */
export function verificationPagePath(link: VerificationLink): string {
  return `/verify/${encodeURIComponent(link.number)}?t=${encodeURIComponent(link.token)}`;
}
