import type { Actor } from '@app/contracts';
import { compareGlobalPositions } from '@app/eventstore';
import type { AccessAudit } from './access-audit';
import { requireAuditor } from './access-listing';
import type { AccessRecordView } from './access-records.projection';
import type { TimelineItem } from './timeline.projection';

export type TimelineQuery = { correlationId: string; appointmentId?: undefined } | { appointmentId: string; correlationId?: undefined };

/** A rebook chain is short; this bounds the walk should links ever loop. */
const longestChain = 20;

/** The appointment and every one linked to it by a rebook (supersedes / supersededBy), with their steps. */
async function stepsOfChain(audit: AccessAudit, appointmentId: string): Promise<TimelineItem[]> {
  const ids = new Set([appointmentId]);
  let steps: TimelineItem[] = [];
  for (let round = 0; round < longestChain; round++) {
    steps = await audit.timeline.find({ appointmentIds: { $in: [...ids] } });
    const before = ids.size;
    for (const step of steps) for (const id of step.appointmentIds) ids.add(id);
    if (ids.size === before) break;
  }
  return steps;
}

const requestStep = (record: AccessRecordView): TimelineItem => ({
  id: `${record.recordedBy}:${record.id}`,
  at: record.at,
  service: record.recordedBy,
  type: 'AccessRecorded',
  actor: record.actor,
  reason: record.purpose,
  correlationId: record.correlationId,
  causationId: null,
  appointmentIds: [],
  position: record.sequence,
  request: { method: record.method, route: record.route, status: record.status, outcome: record.outcome },
});

const isRequest = (item: TimelineItem): boolean => item.request !== undefined;

/** By time; at the same instant a request before events (it causes them), then by position within one service, then by service. */
function inOrder(a: TimelineItem, b: TimelineItem): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (isRequest(a) !== isRequest(b)) return isRequest(a) ? -1 : 1;
  if (a.service === b.service) return compareGlobalPositions(a.position, b.position);
  return a.service < b.service ? -1 : 1;
}

/**
 * One ordered story across services: the requests (access audit) and every event of the booking, its slot
 * reservation or refusal, its registry entry and its notifications. By appointment, a rebook shows both.
 */
export async function timeline(audit: AccessAudit, query: TimelineQuery, actor: Actor): Promise<TimelineItem[]> {
  requireAuditor(actor);
  await audit.caughtUp();
  const steps = query.correlationId !== undefined ? await audit.timeline.find({ correlationId: query.correlationId }) : await stepsOfChain(audit, query.appointmentId);
  const requests =
    query.correlationId !== undefined
      ? await audit.records.find({ correlationId: query.correlationId })
      : [
          ...(await audit.records.find({ correlationId: { $in: [...new Set(steps.map((step) => step.correlationId))] } })),
          // Reads of the appointments, each with a correlation id of its own.
          ...(await audit.records.find({ resourceValues: { $in: [...new Set([query.appointmentId, ...steps.flatMap((step) => step.appointmentIds)])] } })),
        ];
  const unique = new Map(requests.map((record) => [record.id, requestStep(record)]));
  return [...steps, ...unique.values()].sort(inOrder);
}
