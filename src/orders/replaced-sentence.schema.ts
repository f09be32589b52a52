import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';

export class ReplacedImprisonment {
  @ApiProperty({ enum: ['imprisonment'] }) kind: 'imprisonment';
  @ApiProperty({ type: 'integer', minimum: 1, example: 90 }) days: number;
}

export class ReplacedFine {
  @ApiProperty({ enum: ['fine'] }) kind: 'fine';
  @ApiProperty({ type: 'integer', minimum: 1, example: 5000000 }) amountRupiah: number;
}

/** The sentence the order replaces, in requests and answers: prison in days, or a fine in rupiah, by `kind`. */
export const ApiReplacedSentence = (): PropertyDecorator => (target, key) => {
  ApiExtraModels(ReplacedImprisonment, ReplacedFine)(target.constructor);
  ApiProperty({
    type: Object,
    description: 'the sentence the order replaces (R-01)',
    oneOf: [{ $ref: getSchemaPath(ReplacedImprisonment) }, { $ref: getSchemaPath(ReplacedFine) }],
    discriminator: {
      propertyName: 'kind',
      mapping: { imprisonment: getSchemaPath(ReplacedImprisonment), fine: getSchemaPath(ReplacedFine) },
    },
  })(target, key);
};
