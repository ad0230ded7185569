import { IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class DevTokenRequest {
  /** The token's `sub`: any id the developer picks (letters, digits, `-`, `_`, `.`, `@`). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9._@-]+$/, { message: 'user_id may contain letters, digits, ".", "_", "-" and "@" only' })
  user_id!: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}
