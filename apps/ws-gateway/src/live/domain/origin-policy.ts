/**
 * Which handshakes may open a socket, judged by their Origin header.
 * - An Origin on the allowlist: allowed.
 * - Any other Origin (a foreign web page): refused. An empty allowlist refuses every browser origin (fail closed).
 * - No Origin header: allowed. Browsers send Origin on every WebSocket handshake and cross-origin request, so
 *   its absence means a non-browser client (native app, service, test) or a same-origin polling request; those
 *   cannot be driven by a foreign page, and the JWT in `auth.token` is still required (no cookies are used, so
 *   there is no ambient credential for a cross-site page to ride on).
 */
export function isOriginAllowed(origin: string | undefined, allowlist: readonly string[]): boolean {
  if (origin === undefined || origin === '') return true;
  const normalized = normalizeOrigin(origin);
  return normalized !== null && allowlist.some((allowed) => normalizeOrigin(allowed) === normalized);
}

function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value.trim());
    return url.origin === 'null' ? null : url.origin.toLowerCase();
  } catch {
    return null;
  }
}
