import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Deeper than any list will ever be, and within PostgreSQL's integer range. */
export const MAX_OFFSET = 1_000_000_000;

export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 50;

  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0, maximum: MAX_OFFSET })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset = 0;
}

/** A list's search text `q`: part of what `description` names (matched by `containing`), at most 100 characters. */
export function SearchText(description: string, example: string) {
  return applyDecorators(ApiPropertyOptional({ example, description }), IsOptional(), IsString(), MaxLength(100));
}

/** An ILIKE pattern for text containing `q` (its `%`, `_` and `\\` taken literally). */
export function containing(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface Page<T> {
  items: T[];
  total: number;
}
