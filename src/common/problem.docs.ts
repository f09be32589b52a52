import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

class FieldErrorDto {
  @ApiProperty({ example: 'to' }) field: string;
  @ApiProperty({ example: 'harus tanggal YYYY-MM-DD yang ada' }) message: string;
}

/** RFC 9457 problem+json, as every refusal is answered. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:bakti:problem:validation' }) type: string;
  @ApiProperty({ example: 'Permintaan tidak valid' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiPropertyOptional({ example: 'to: harus tanggal YYYY-MM-DD yang ada' }) detail?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

const descriptions: Record<number, string> = {
  400: 'a malformed or out-of-range field, each named in `errors`',
  401: 'no or bad token',
  403: 'the role or the scope (R-26) does not allow it',
  404: 'no such thing (or not visible to you)',
  409: 'clashes with the current state',
};

/** Documents the problem+json answers an operation can give. */
export const ApiProblems = (...statuses: (400 | 401 | 403 | 404 | 409)[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: descriptions[status], content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } } }),
    ),
  );

/** The answer's texts follow Accept-Language: Indonesian unless English is asked for first. */
export const ApiLanguage = () => ApiHeader({ name: 'accept-language', required: false, description: '`id` (default) or `en`' });
