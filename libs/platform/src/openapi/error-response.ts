import { ApiProperty } from '@nestjs/swagger';

/** The body inside every error answer (API.md "Errors"). */
export class ErrorBody {
  @ApiProperty({ description: 'Stable code, e.g. VALIDATION_FAILED, UNAUTHORIZED, NOT_FOUND, TIER_LIMIT', example: 'VALIDATION_FAILED' })
  code!: string;

  @ApiProperty({ description: 'What went wrong, for people; never internals', example: 'invalid request: title' })
  message!: string;

  @ApiProperty({
    description: 'Field problems `{field, problems}` for validation, the limit for TIER_LIMIT, else empty',
    type: 'array',
    items: { type: 'object' },
    example: [{ field: 'title', problems: ['must not be blank'] }],
  })
  details!: unknown[];
}

/** One error shape everywhere: `{"error": {"code", "message", "details"}}`. */
export class ErrorResponse {
  @ApiProperty({ type: ErrorBody })
  error!: ErrorBody;
}
