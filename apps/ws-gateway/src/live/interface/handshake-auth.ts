import type { LoggerService } from '@nestjs/common';
import { decodeJwt } from 'jose';
import type { Socket } from 'socket.io';
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
}

type HandshakeError = Error & { data?: { code: string } };

const MAX_TOKEN_LENGTH = 8_192;

function unauthorized(message: string): HandshakeError {
  const error: HandshakeError = new Error(message);
  error.data = { code: 'UNAUTHORIZED' };
  return error;
}

/** Namespace middleware: no socket exists in /live without a verified token in `auth.token`. */
export function handshakeAuthenticator(verifier: HandshakeVerifier, logger: LoggerService) {
  return (socket: Socket, next: (error?: HandshakeError) => void): void => {
    const token: unknown = socket.handshake.auth?.token;
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      logger.log({ msg: 'handshake refused', reason: 'missing_token' });
      handshakesRefused.inc({ reason: 'missing_token' });
      return next(unauthorized('authentication required'));
    }
    verifier.verify(token).then(
      (user) => {
        const identity: SocketIdentity = { userId: user.userId, expiresAt: expiryOf(token) };
        socket.data.identity = identity;
        next();
      },
      () => {
        // The reason stays generic for the client; the token itself is never logged.
        logger.log({ msg: 'handshake refused', reason: 'invalid_token' });
        handshakesRefused.inc({ reason: 'invalid_token' });
        next(unauthorized('invalid token'));
      },
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
