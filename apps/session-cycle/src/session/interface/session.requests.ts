import { IsOptional, IsString, Length, MaxLength } from 'class-validator';

export const TITLE_MAX = 500;
export const DESCRIPTION_MAX = 5000;

export class CreateSessionRequest {
  @IsString() @Length(1, TITLE_MAX) title: string;
  @IsOptional() @IsString() @MaxLength(DESCRIPTION_MAX) description?: string;
}

export class RenameSessionRequest {
  @IsString() @Length(1, TITLE_MAX) title: string;
}
