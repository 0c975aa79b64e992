import type { ProjectionFactory } from '@app/service-kit';
import { SlotViewProjection, holdDeadlines, slotViews } from './slot-view.projection';

/** The slot-service's read models. */
export const slotProjections = (): ProjectionFactory[] => [(documents) => new SlotViewProjection(slotViews(documents), holdDeadlines(documents))];
