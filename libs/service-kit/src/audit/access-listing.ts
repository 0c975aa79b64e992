import { ForbiddenException } from '@nestjs/common';
import { mayReadAccessAudit } from '@app/access';
import type { Actor } from '@app/contracts';
import type { Filter } from '@app/readmodel';
import type { AccessOutcome } from './access-record';
import type { AccessRecordView } from './access-records.projection';
import { NewestFirstQuery, collectionSource, newestFirstPage } from './newest-first-page';
import type { AccessAudit } from './access-audit';

export interface AccessQuery extends NewestFirstQuery {
  nhsNumber?: string;
  /** The caller's organisation. */
  organisation?: string;
  outcome?: AccessOutcome;
}

export function requireAuditor(actor: Actor): void {
  if (!mayReadAccessAudit(actor)) throw new ForbiddenException('the access audit is for auditors');
}

/** Recorded requests, newest first, a page at a time: for auditors only. */
export async function listAccess(audit: AccessAudit, query: AccessQuery, actor: Actor): Promise<{ items: AccessRecordView[]; next?: string }> {
  requireAuditor(actor);
  await audit.caughtUp();
  const filter: Filter = {};
  if (query.nhsNumber) filter.nhsNumber = query.nhsNumber;
  if (query.organisation) filter.organisation = query.organisation;
  if (query.outcome) filter.outcome = query.outcome;
  return newestFirstPage([collectionSource(audit.records, filter)], query);
}
