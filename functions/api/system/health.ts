import { ok, publicApi } from '../../commons/http';

/** Liveness for load balancers and the local stack's readiness check; touches no table. */
export const handler = publicApi('system/health', {}, async ({ now }) => ok({ status: 'ok', time: now.toISOString() }));
