import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '../common/openapi.js';
import { LocationDto } from './dto.js';
import type { UncoveredBooking } from './site.repository.js';
import type { SiteCorrectionView, SiteView } from './sites.service.js';

@ApiSchema({ name: 'Site', description: 'A work site of an OPD, usable by the parties of its agreement' })
export class SiteResponse implements SiteView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid', description: 'the host agency (an OPD)' }) agencyId: string;
  @ApiProperty({ format: 'uuid' }) agreementId: string;
  @ApiProperty({ example: 'street_cleaning' }) workType: string;
  @ApiProperty() address: string;
  @ApiProperty({ type: LocationDto }) location: LocationDto;
  @ApiProperty({ type: 'integer' }) radiusMeters: number;
  @ApiProperty({ example: 'Asia/Jayapura' }) timezone: string;
  @ApiProperty({ type: 'integer' }) defaultCapacity: number;
  @ApiProperty() minorsAllowed: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true }) coordinatorIds: string[];
}

export class SitePage extends PageOf(SiteResponse) {}

@ApiSchema({ name: 'UncoveredBooking', description: "A booking on a date the site's agreement does not cover (R-05)" })
export class UncoveredBookingResponse implements UncoveredBooking {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ format: 'uuid' }) shiftId: string;
  @ApiProperty({ format: 'date', description: "the shift's local date" }) date: string;
  @ApiProperty() startsAt: Date;
  @ApiProperty({ enum: ['scheduled', 'checked_in'] }) status: 'scheduled' | 'checked_in';
}

@ApiSchema({
  name: 'SiteCorrection',
  description:
    'The corrected site, with the bookings there, not over, on a date its agreement does not cover (R-05): a renewed PKS that ends sooner leaves them to their supervisors to move (they are not cancelled)',
})
export class SiteCorrectionResponse extends SiteResponse implements SiteCorrectionView {
  @ApiProperty({
    type: UncoveredBookingResponse,
    isArray: true,
    description: 'soonest first; empty when all are covered',
  })
  uncoveredBookings: UncoveredBookingResponse[];
}

@ApiSchema({ name: 'OpenDate', description: 'A holiday opened for one site (R-23)' })
export class OpenDateResponse {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() reason: string;
}

/** A holiday opened for one site: by whom and when. */
export class OpenedDateResponse extends OpenDateResponse {
  @ApiProperty({ format: 'uuid' }) openedBy: string;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
}

export class OpenedDatePage extends PageOf(OpenedDateResponse) {}
