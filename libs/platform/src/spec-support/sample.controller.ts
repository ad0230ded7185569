import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Public, RequireRole } from '../auth/auth.decorators';
import { currentCorrelationId } from '../correlation/correlation-context';
import { AcceptBodyTypes } from '../validation/request-body.guard';

class RatingDto {
  @IsString()
  @MaxLength(50)
  name: string;

  @IsInt()
  @Min(1)
  @Max(5)
  score: number;
}

export class CreateThingDto {
  @IsString()
  @MaxLength(200)
  title: string;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RatingDto)
  ratings?: RatingDto[];
}

export class SearchThingsDto {
  @IsOptional()
  @IsString()
  @MaxLength(20)
  q?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class FormDto {
  @IsString() @MaxLength(20) 'List-Unsubscribe': string;
}

/** A controller exercising the platform the way a service does. */
@Controller('api/things')
export class SampleController {
  @Get('me')
  me(@CurrentUser() user: AuthUser): AuthUser & { correlation_id: string } {
    return { ...user, correlation_id: currentCorrelationId() };
  }

  @Get('admin')
  @RequireRole('admin')
  admin(): { ok: true } {
    return { ok: true };
  }

  @Post()
  create(@Body() body: CreateThingDto): { title: string; ratings: number; is_dto: boolean } {
    return { title: body.title, ratings: body.ratings?.length ?? 0, is_dto: body instanceof CreateThingDto };
  }

  @Get('search')
  search(@Query() query: SearchThingsDto): { q: string | null; limit: number | null } {
    return { q: query.q ?? null, limit: query.limit ?? null };
  }

  /** A route that takes no body. */
  @Post(':id/archive')
  @HttpCode(200)
  archive(@Param('id') id: string): { archived: string } {
    return { archived: id };
  }

  /** A form post (like an RFC 8058 one-click unsubscribe). */
  @Post('form')
  @Public()
  @HttpCode(200)
  @AcceptBodyTypes('application/x-www-form-urlencoded')
  form(@Body() body: FormDto): { one_click: boolean } {
    return { one_click: body['List-Unsubscribe'] === 'One-Click' };
  }

  @Get('boom')
  @Public()
  boom(): never {
    throw new Error('secret internal detail: password=hunter2');
  }

  @Get('open')
  @Public()
  open(): { correlation_id: string } {
    return { correlation_id: currentCorrelationId() };
  }
}
