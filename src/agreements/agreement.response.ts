import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '../common/openapi.js';
import type { AgreementView } from './agreements.service.js';

@ApiSchema({
  name: 'Agreement',
  description: 'A cooperation agreement (PKS): its sites are usable while it is valid (R-05)',
})
export class AgreementResponse implements AgreementView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '180/PKS/DLHP-AMB/2026' }) number: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) validFrom: string;
  @ApiProperty({ format: 'date' }) validTo: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true, description: 'the parties' }) agencyIds: string[];
}

export class AgreementPage extends PageOf(AgreementResponse) {}
