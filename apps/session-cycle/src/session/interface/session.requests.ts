import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';

export const TITLE_MAX = 500;
export const DESCRIPTION_MAX = 5000;

export class CreateSessionRequest {
  @ApiProperty({ minLength: 1, maxLength: TITLE_MAX, example: 'Which job offer should I take?' })
  @IsString() @Length(1, TITLE_MAX) title: string;
  @ApiProperty({ required: false, maxLength: DESCRIPTION_MAX, example: 'Two offers, one in Lisbon and one remote' })
  @IsOptional() @IsString() @MaxLength(DESCRIPTION_MAX) description?: string;
}

export class RenameSessionRequest {
  @ApiProperty({ minLength: 1, maxLength: TITLE_MAX, example: 'Lisbon or remote?' })
  @IsString() @Length(1, TITLE_MAX) title: string;
}
