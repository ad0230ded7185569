import { ApiSchema } from '@nestjs/swagger';
import { IsEmpty } from 'class-validator';

/**
 * Body of a route that takes none: declared so the global ValidationPipe (whitelist, forbidNonWhitelisted) rejects
 * any field sent to it. The one decorated placeholder gives the class validation metadata, which
 * `forbidUnknownValues` requires; it accepts nothing but absence.
 */
@ApiSchema({ description: 'The route takes no body: send none, or `{}`' })
export class EmptyBody {
  @IsEmpty({ message: 'this route takes no body' }) readonly none?: never;
}
