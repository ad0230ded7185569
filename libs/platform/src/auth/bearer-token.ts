/** The token of an `Authorization: Bearer <JWT>` header (JWS compact characters only), else undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer ([A-Za-z0-9\-_.]+)$/.exec(header ?? '')?.[1];
}
