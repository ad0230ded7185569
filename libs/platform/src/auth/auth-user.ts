/** The authenticated caller: `sub` is the user id, `roles` the token's roles claim (empty when absent). */
export interface AuthUser {
  userId: string;
  email?: string;
  roles: string[];
}
