import { Injectable, PipeTransform } from '@nestjs/common';
import { badRequest } from '@choice-sherpa/platform';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE = 200;

/** `GET /admin/dead-letters?limit=&offset=`; anything else is 400. */
export class DeadLetterListQuery {
  @ApiProperty({ required: false, type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 50, example: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE) limit?: number;
  @ApiProperty({ required: false, type: 'integer', minimum: 0, default: 0, example: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) offset?: number;
}

const BIGINT_MAX = 2n ** 63n - 1n;

/**
 * A dead letter's `:id` (a PostgreSQL bigserial): decimal digits without a sign or leading zero, at most 2^63 - 1,
 * kept as a string (a JavaScript number loses precision past 2^53). Anything else is 400 naming `id`, never a
 * database error.
 */
@Injectable()
export class DeadLetterIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !/^[1-9][0-9]{0,18}$/.test(value) || BigInt(value) > BIGINT_MAX) {
      throw badRequest('invalid request: id', [{ field: 'id', problems: ['id must be a dead letter id (a positive integer below 2^63)'] }]);
    }
    return value;
  }
}
