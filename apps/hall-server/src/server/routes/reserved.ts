/**
 * Routes of the contract whose features are built in their own issues (ratings: #5/#6). They
 * exist so that the surface is complete and clients get a clear answer.
 */
import { HallError } from '@hall/shared';
import { route, type RouteSpec } from '../route-kit.js';

const later = (what: string) => () => {
  throw new HallError('NOT_IMPLEMENTED_YET', `${what}功能尚未开放`);
};

export function reservedRoutes(): RouteSpec<never, never, never>[] {
  return [
    route({ method: 'POST', url: '/api/ratings', summary: '评价（尚未开放）', tags: ['评价'], access: ['window-display'], returns: '501', handler: later('好差评') }),
    route({ method: 'GET', url: '/api/stats/ratings', summary: '评价统计（尚未开放）', tags: ['评价'], access: ['manager'], returns: '501', handler: later('评价统计') }),
  ];
}
