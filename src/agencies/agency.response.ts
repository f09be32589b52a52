import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '../common/openapi.js';
import { AGENCY_KINDS, type Agency, type AgencyKind } from './agency.entity.js';

@ApiSchema({ name: 'Agency', description: 'A Bapas, a Kejaksaan Negeri, an OPD (host of sites) or a Kanwil' })
export class AgencyResponse implements Agency {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'BAPAS-AMBON' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: AGENCY_KINDS }) kind: AgencyKind;
  @ApiProperty({ example: 'ID-MA', description: 'ISO 3166-2 province code' }) region: string;
  @ApiProperty({ example: 'Asia/Jayapura' }) timezone: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'told of changes to the accounts of its agency',
  })
  headUserId: string | null;
  @ApiProperty() createdAt: Date;
}

export class AgencyPage extends PageOf(AgencyResponse) {}
