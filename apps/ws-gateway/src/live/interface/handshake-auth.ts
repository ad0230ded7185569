import type { LoggerService } from '@nestjs/common';
import { clientAddress, TrustFunction } from '@choice-sherpa/platform';
import { decodeJwt } from 'jose';
import type { Socket } from 'socket.io';
import type { ConnectionQuota, SocketLease } from '../domain/connection-quota';
import { handshakesRefused } from '../infrastructure/live.metrics';

/** The platform's TokenVerifier as the handshake needs it (bound in the app module). */
export interface HandshakeVerifier {
  verify(token: string): Promise<{ userId: string }>;
}
export const HANDSHAKE_VERIFIER = Symbol('HandshakeVerifier');

export interface SocketIdentity {
  userId: string;
  /** ms since epoch; the socket is disconnected then. Undefined when the token carries no exp. */
  expiresAt?: number;
  /** The socket's place in its user's and address's quota, released when the connection closes. */
  lease: SocketLease;
}

type HandshakeError = Error & { data?: { code: string } };

const MAX_TOKEN_LENGTH = 8_192;

function refusal(code: string, message: string): HandshakeError {
  const error: HandshakeError = new Error(message);
  error.data = { code };
  return error;
}

export interface HandshakeOptions {
  verifier: HandshakeVerifier;
  quota: ConnectionQuota;
  trust: TrustFunction;
  logger: LoggerService;
  now?: () => number;
}

/**
 * Namespace middleware: no socket exists in /live without a verified, unexpired token in `auth.token`, and without
 * a free place in its user's and its client address's socket quota.
 */
export function handshakeAuthenticator({ verifier, quota, trust, logger, now = Date.now }: HandshakeOptions) {
  const refuse = (next: (error?: HandshakeError) => void, reason: string, code: string, message: string) => {
    logger.log({ msg: 'handshake refused', reason });
    handshakesRefused.inc({ reason });
    next(refusal(code, message));
  };
  return (socket: Socket, next: (error?: HandshakeError) => void): void => {
    const token: unknown = socket.handshake.auth?.token;
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      return refuse(next, 'missing_token', 'UNAUTHORIZED', 'authentication required');
    }
    verifier.verify(token).then(
      (user) => {
        const expiresAt = expiryOf(token);
        // The verifier allows a few seconds of clock skew; a socket whose token is already past exp here would be
        // dropped the moment it connected.
        if (expiresAt !== undefined && expiresAt <= now()) return refuse(next, 'token_expired', 'UNAUTHORIZED', 'invalid token');
        const place = quota.acquire(user.userId, clientAddress(socket.request, trust));
        if (!place.ok) return refuse(next, place.reason, 'TOO_MANY_SOCKETS', 'too many open connections; close some and retry');
        // Released however the connection ends, also when it closes before the socket is connected.
        socket.conn.once('close', place.lease.release);
        const identity: SocketIdentity = { userId: user.userId, expiresAt, lease: place.lease };
        socket.data.identity = identity;
        next();
      },
      // The reason stays generic for the client; the token itself is never logged.
      () => refuse(next, 'invalid_token', 'UNAUTHORIZED', 'invalid token'),
    );
  };
}

/** `exp` of a token the verifier already accepted (decoding only; the signature was checked). */
function expiryOf(token: string): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
