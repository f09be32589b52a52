import { Injectable } from '@nestjs/common';
import { LedgerService } from '../ledger/ledger.service.js';
import { AuditService, ChainVerdict } from './audit.service.js';

export interface TrailVerdict extends ChainVerdict {
  ledger: { ordersOutOfBalance: string[] };
}

/** is the record what it was? The chains against their checkpoints, and every order against its ledger. */
@Injectable()
export class TrailVerification {
  constructor(
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
  ) {}

  async verify(fromLatestCheckpoint: boolean): Promise<TrailVerdict> {
    const verdict = await this.audit.verifyChain({ fromLatestCheckpoint });
    const ordersOutOfBalance = await this.ledger.ordersOutOfBalance();
    const problems = [
      ...verdict.problems,
      ...ordersOutOfBalance.map((id) => `order ${id}: credited minutes differ from its ledger`),
    ];
    return { ...verdict, intact: problems.length === 0, problems, ledger: { ordersOutOfBalance } };
  }
}
