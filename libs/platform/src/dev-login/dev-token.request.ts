import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class DevTokenRequest {
  /** The token's `sub`: any id the developer picks (letters, digits, `-`, `_`, `.`, `@`). */
  @ApiProperty({ description: "The token's `sub`", example: 'alice', maxLength: 200, pattern: '^[A-Za-z0-9._@-]+$' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9._@-]+$/, { message: 'user_id may contain letters, digits, ".", "_", "-" and "@" only' })
  user_id!: string;

  @ApiProperty({ required: false, format: 'email', example: 'alice@example.com', maxLength: 254 })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

export class DevTokenResponse {
  @ApiProperty({ description: 'A bearer JWT for 12 hours', example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl' })
  token!: string;
}
