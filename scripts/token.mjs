#!/usr/bin/env node
// Prints a development JWT (HS256, 1 hour) for a user id, signed with JWT_SECRET from the environment or
// config/local.env, with the issuer and audience the services expect (JWT_ISSUER / JWT_AUDIENCE).
//
//   npm run token -- <user_id> [--admin] [--email <address>] [--ttl <seconds>]
//   curl -H "Authorization: Bearer $(npm run -s token -- alice)" http://127.0.0.1:3001/api/sessions
import { SignJWT } from 'jose';
import { localEnv } from './env-file.mjs';

function usage(message) {
  if (message) process.stderr.write(`token: ${message}\n`);
  process.stderr.write('usage: npm run token -- <user_id> [--admin] [--email <address>] [--ttl <seconds>]\n');
  process.exit(2);
}

export function parseArgs(argv) {
  const options = { admin: false, ttl: 3600 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--admin') options.admin = true;
    else if (arg === '--email') options.email = argv[++i] ?? usage('--email needs an address');
    else if (arg === '--ttl') options.ttl = Number.parseInt(argv[++i] ?? '', 10);
    else if (arg === '--help' || arg === '-h') usage();
    else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
    else if (options.userId === undefined) options.userId = arg;
    else usage(`unexpected argument ${arg}`);
  }
  if (!options.userId) usage('a user id is required');
  if (!Number.isInteger(options.ttl) || options.ttl <= 0) usage('--ttl must be a positive number of seconds');
  return options;
}

export async function mintToken(env, { userId, admin, email, ttl }) {
  if (!env.JWT_SECRET) throw new Error('JWT_SECRET is not set (environment or config/local.env)');
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ roles: admin ? ['admin'] : [], ...(email ? { email } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuedAt(now)
    .setExpirationTime(now + ttl);
  if (env.JWT_ISSUER) jwt.setIssuer(env.JWT_ISSUER);
  if (env.JWT_AUDIENCE) jwt.setAudience(env.JWT_AUDIENCE);
  return jwt.sign(new TextEncoder().encode(env.JWT_SECRET));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const options = parseArgs(process.argv.slice(2));
  mintToken(localEnv(), options).then(
    (token) => process.stdout.write(`${token}\n`),
    (error) => {
      process.stderr.write(`token: ${error.message}\n`);
      process.exit(1);
    },
  );
}
