import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '../common/openapi.js';
import { LocationDto } from '../sites/dto.js';
import { UnavailableWindowDto } from './dto.js';
import { RELIGIONS, type Religion } from './person.entity.js';
import type { PersonView } from './persons.service.js';

@ApiSchema({
  name: 'Person',
  description: 'A sentenced person (terpidana / klien), owned by the Bapas that registered them',
})
export class PersonResponse implements PersonView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) bapasId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ example: '8171012345670001' }) nik: string;
  @ApiProperty({ format: 'date' }) birthDate: string;
  @ApiProperty({ enum: ['M', 'F'] }) sex: 'M' | 'F';
  @ApiProperty({ type: 'string', enum: [...RELIGIONS, null], nullable: true }) religion: Religion | null;
  @ApiProperty({ description: 'the default worship windows of R-24 apply' }) worshipDefaults: boolean;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: LocationDto, nullable: true }) home: LocationDto | null;
  @ApiProperty({ type: [UnavailableWindowDto] }) unavailable: UnavailableWindowDto[];
  @ApiProperty() inSchool: boolean;
  @ApiProperty({ enum: ['id', 'en'] }) locale: 'id' | 'en';
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when the retention period ended and the personal data was anonymised (R-30)',
  })
  anonymisedAt: Date | null;
}

export class PersonPage extends PageOf(PersonResponse) {}

@ApiSchema({ name: 'PersonUpdated' })
export class PersonUpdatedResponse extends PersonResponse {
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    isArray: true,
    description: 'the bookings ahead that the new windows would refuse, for the supervisor to move',
  })
  bookingsToReview: string[];
}

@ApiSchema({ name: 'Conflict', description: "R-27: the user may not confirm or sign off the person's hours" })
export class ConflictResponse {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() relation: string;
}
