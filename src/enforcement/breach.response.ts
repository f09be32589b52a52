import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '../common/openapi.js';
import { BREACH_GROUNDS, BREACH_OUTCOMES, type BreachGrounds, type DecisionView } from './breach.rules.js';
import type { BreachView } from './breaches.service.js';
import { BREACH_STATUSES } from './dto.js';

@ApiSchema({
  name: 'BreachDecision',
  description: "The prosecutor's decision under Art. 85(7), never changed; a correction is a new decision naming it",
})
export class BreachDecisionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: BREACH_OUTCOMES }) outcome: string;
  @ApiProperty() decisionNumber: string;
  @ApiProperty({ format: 'date' }) decisionDate: string;
  @ApiProperty() note: string;
  @ApiProperty({ type: 'integer', nullable: true, description: '(a) minutes of work to repeat' }) repeatMinutes:
    number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '(a) the new end date' }) newEndDate:
    string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: '(b) days of prison to serve' }) imprisonmentDays:
    number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: '(c) rupiah of the fine to pay' }) fineRupiah:
    number | null;
  @ApiProperty({ format: 'uuid' }) decidedBy: string;
  @ApiProperty({ format: 'date-time' }) decidedAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the decision this one corrects' })
  correctsId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why the corrected decision was wrong' })
  correctionReason: string | null;
}

@ApiSchema({ name: 'Breach', description: 'A breach report (R-08) and, once decided, its decision' })
export class BreachResponse implements BreachView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ enum: BREACH_STATUSES }) status: BreachView['status'];
  @ApiProperty({ enum: BREACH_GROUNDS }) grounds: BreachGrounds;
  @ApiProperty({ type: String, nullable: true, description: "the supervisor's reason, when reported by hand" }) reason:
    string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'as recorded when the report opened: absences with both records, warnings sent, progress (and the bound, for cannot_finish)',
  })
  evidence: Record<string, unknown>;
  @ApiProperty() openedAt: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null when the service opened it' })
  openedBy: string | null;
  @ApiProperty({
    type: BreachDecisionResponse,
    nullable: true,
    description: 'the decision in force (the last correction)',
  })
  decision: DecisionView | null;
  @ApiProperty({
    type: [BreachDecisionResponse],
    description: 'every decision, the first one first, then its corrections',
  })
  decisions: DecisionView[];
}

export class BreachPage extends PageOf(BreachResponse) {}
