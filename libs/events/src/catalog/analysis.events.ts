// class-transformer's @Type reads design-time metadata; the lib must load without an app having imported it first.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsIntegerRecord, IsRfc3339 } from './payload-validators';
import { EventPayload } from './event-payload';

/** An alternative dominated by another, with the objective ids where the dominator is strictly better. */
export class DominatedAlternative {
  @IsString() @Length(1, 200) alternative_id: string;
  @IsString() @Length(1, 200) dominated_by_id: string;
  @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) @Length(1, 200, { each: true }) objective_ids: string[];
}

export class AnalysisPughComputedPayload extends EventPayload {
  @IsUUID() cycle_id: string;
  @IsUUID() session_id: string;
  /** alternative_id -> Pugh score */
  @IsIntegerRecord() scores: Record<string, number>;
  @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => DominatedAlternative)
  dominated_alternatives: DominatedAlternative[];
  /** objective ids on which every alternative has the same rating */
  @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) @Length(1, 200, { each: true }) irrelevant_objectives: string[];
  @IsRfc3339() computed_at: string;
  // Added after v1 (additive, so no version bump): absent from events written before them.
  /** alternative_id -> rank: 1 + the number of alternatives scoring strictly higher (ties share a rank) */
  @IsOptional() @IsIntegerRecord() ranks?: Record<string, number>;
  /** the single top scorer; null on a tie for the top */
  @IsOptional() @IsString() @Length(1, 200) best_alternative_id?: string | null;
}

export const IMPROVEMENT_PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type ImprovementPriority = (typeof IMPROVEMENT_PRIORITIES)[number];

export class DqElementScore {
  @IsString() @Length(1, 200) name: string;
  @IsInt() @Min(0) @Max(100) score: number;
  /** by score: 0-30 critical, 31-50 high, 51-70 medium, 71+ low (added after v1, absent from older events) */
  @IsOptional() @IsIn(IMPROVEMENT_PRIORITIES) improvement_priority?: ImprovementPriority;
}

export class AnalysisDqComputedPayload extends EventPayload {
  @IsUUID() cycle_id: string;
  @IsUUID() session_id: string;
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => DqElementScore) element_scores: DqElementScore[];
  @IsInt() @Min(0) @Max(100) overall_score: number;
  @IsRfc3339() computed_at: string;
  /** every element at least 80 (added after v1, absent from older events) */
  @IsOptional() @IsBoolean() acceptable?: boolean;
}
