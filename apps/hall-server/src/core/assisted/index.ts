export * from './assisted-state.js';
export { replyDeadline, workingDaysDeadline } from './assisted-draft.js';
export * from './proxy.js';
export * from './home-visit.js';
export * from './urgent.js';
export * from './complaint.js';

import type { Alert } from '@hall/shared';
import type { AssistedContext, AssistedState } from './assisted-state.js';
import { complaintAlerts } from './complaint.js';
import { homeVisitAlerts } from './home-visit.js';

/** The manager alerts of assisted services: 上门 not answered the same day, 投诉 feedback late. */
export function assistedAlerts(state: AssistedState, ctx: Pick<AssistedContext, 'now' | 'config' | 'hours'>): Alert[] {
  return [...homeVisitAlerts(state, ctx), ...complaintAlerts(state, ctx)];
}
