/** 好差评: the evaluation pad's answer and the statistics (HALL-RULES §4); the follow-up routes beside them. */
import { RatingBody, RatingStatsQuery } from '@hall/shared';
import type { RatingService } from '../../ratings/rating-service.js';
import { route, type RouteSpec } from '../route-kit.js';
import { ratingFollowUpRoutes } from './rating-followup.js';

export function ratingRoutes(ratings: RatingService): RouteSpec<never, never, never>[] {
  return [
    route({
      method: 'POST',
      url: '/api/ratings',
      summary: '评价器提交评价（一次服务一次评价；差评须说明问题；超时记为未评价）',
      tags: ['评价'],
      access: ['window-display'],
      body: RatingBody,
      status: 201,
      returns: 'rating',
      handler: ({ body, principal }) => {
        const padWindowId = principal?.kind === 'device' ? principal.windowId : null;
        const answer = 'notRated' in body ? { notRated: true as const } : { level: body.level, ...(body.details ? { details: body.details } : {}), ...(body.text ? { text: body.text } : {}) };
        const r = ratings.rate(body.ticketId, answer, padWindowId);
        // The pad needs only the outcome; the record stays with authorised roles.
        return { id: r.id, ticketId: r.ticketId, ticketNumber: r.ticketNumber, level: r.level, ratedAt: r.ratedAt };
      },
    }),
    route({
      method: 'GET',
      url: '/api/stats/ratings',
      summary: '好差评统计：按工作人员、窗口或部门，各等级数量、得分（10/8/6/0/−5）与未评价数；period=week|month|quarter&date= 取该日所在的周（周一至周日）、月或季度；申诉成立的评价不计入',
      tags: ['评价'],
      access: ['manager'],
      query: RatingStatsQuery,
      returns: '[{"key","name","served","rated","notRated","counts":{"1".."5"},"bad","score","averageScore"}]',
      handler: ({ query }) => ratings.statsFor(query, query.by),
    }),
    ...ratingFollowUpRoutes(ratings),
  ];
}
