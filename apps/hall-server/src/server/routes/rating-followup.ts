/**
 * 好差评 follow-up (issue #6 item 3, HALL-RULES §4): the manager's ratings list (the rater's ID
 * number and phone masked — managers and admins only, never the staff rated), 差评 cases
 * (当场解决 / 整改 / 回访), appeals (申诉复核: staff file their own, managers decide), and the
 * monthly 服务之星 / 红旗窗口 with the parts managers enter. Staff see their own ratings and
 * appeals without anything that says or leads to who rated (no ticket, 办件编号 or time of day).
 */
import {
  AppealBody,
  AppealDecisionBody,
  AppealListQuery,
  AwardEntryBody,
  AwardEntryParams,
  AwardQuery,
  CaseCallbackBody,
  CaseNoteBody,
  MyRatingsQuery,
  RatingCaseListQuery,
  RatingListQuery,
} from '@hall/shared';
import type { RatingService } from '../../ratings/rating-service.js';
import { IdParams, route, type RouteSpec } from '../route-kit.js';

const RATING_ROW = '{"id","ticketNumber","serviceName","windowId","windowName","staffNo","staffName","department","caseNo","level","levelName","score","details","text","ratedAt","businessDate","status":"valid"|"void"}';
/** What the staff member rated sees [004 第七条]: no ticket id or number, no 办件编号, no time of day. */
const MY_RATING_ROW = '{"id","serviceCode","serviceName","windowId","windowName","staffNo","staffName","department","departmentName","level","levelName","score","details","text","businessDate","status":"valid"|"void"}';
const MY_APPEAL = '{"id","ratingId","windowId","windowName","staffNo","staffName","level","levelName","reason","filedAt","status","statusName","decision":{"upheld","reason","at","by","byName"}|null}';
const CASE_ROW = '{"id","ratingId","ticketNumber","windowName","staffName","level","levelName","details","text","openedAt","dueDate","status","statusName","resolution","settlement","rectification","callback","overdue","late","rater":{"idNumber","phone"}}';

export function ratingFollowUpRoutes(ratings: RatingService): RouteSpec<never, never, never>[] {
  const caseAction = (action: 'settle' | 'rectify', summary: string) =>
    route({
      method: 'POST',
      url: `/api/rating-cases/:id/${action}`,
      summary,
      tags: ['评价'],
      access: ['manager'],
      params: IdParams,
      body: CaseNoteBody,
      returns: CASE_ROW,
      handler: ({ params, body, actor }) => ratings.caseAction(params.id, action, { note: body.note }, actor),
    });
  return [
    route({
      method: 'GET',
      url: '/api/ratings',
      summary: '评价列表（负责人）：按时段（from/to 或 period+date，缺省本月）、窗口、工作人员、部门、等级、仅差评、有无办件编号、是否作废筛选；评价人（取号时的身份证号、手机号）已脱敏，仅负责人和管理员可见',
      tags: ['评价'],
      access: ['manager'],
      query: RatingListQuery,
      returns: `{"from","to","truncated","ratings":[${RATING_ROW} + "rater":{"idNumber","phone"},"case":{"id","status","overdue"}|null,"appeal":{"id","status"}|null]}`,
      handler: ({ query }) => ratings.list(query),
    }),
    route({
      method: 'GET',
      url: '/api/ratings/mine',
      summary:
        '我收到的评价（工作人员本人；缺省本月）及其申诉情况：日期、业务、等级、问题与意见、申诉状态，按评价 id 申诉；不含评价人信息，也不含可据以查到评价人的号码、票据 id、办件编号和具体时刻（同一天内按等级排列）',
      tags: ['评价'],
      access: ['staff'],
      query: MyRatingsQuery,
      returns: `{"from","to","ratings":[${MY_RATING_ROW} + "appealable","appeal":${MY_APPEAL}|null]}`,
      handler: ({ query, actor }) => ratings.mine(actor.employeeNo ?? null, query),
    }),
    route({
      method: 'GET',
      url: '/api/rating-cases',
      summary: '差评处理（负责人）：status=active（缺省，未办结）、open（待整改）、rectified（待回访）、closed、overdue（超期）、all；整改期限为评价次日起 5 个工作日',
      tags: ['评价'],
      access: ['manager'],
      query: RatingCaseListQuery,
      returns: `[${CASE_ROW}]`,
      handler: ({ query }) => ratings.cases(query),
    }),
    caseAction('settle', '差评当场解决（情况简单、事实清楚：解释说明、当场裁定），填写说明后即办结'),
    caseAction('rectify', '登记差评整改情况（限期 5 个工作日；确实无法解决的写明解释说明情况），之后进行回访'),
    route({
      method: 'POST',
      url: '/api/rating-cases/:id/callback',
      summary: '登记回访（电话、短信、微信、上门见面）及结果（满意、基本满意、不满意），办结该差评',
      tags: ['评价'],
      access: ['manager'],
      params: IdParams,
      body: CaseCallbackBody,
      returns: CASE_ROW,
      handler: ({ params, body, actor }) => ratings.caseAction(params.id, 'callback', body, actor),
    }),
    route({
      method: 'POST',
      url: '/api/rating-cases/:id/contact',
      summary: '回访用：查看办事人完整手机号（留痕）',
      tags: ['评价'],
      access: ['manager'],
      params: IdParams,
      returns: '{"caseId","phone","ticketNumber"}',
      handler: ({ params, actor }) => ratings.contact(params.id, actor),
    }),
    route({
      method: 'POST',
      url: '/api/rating-appeals',
      summary: '工作人员对本人收到的评价（基本满意及以下）提出申诉，写明理由；每条评价只能申诉一次',
      tags: ['评价'],
      access: ['staff'],
      body: AppealBody,
      status: 201,
      returns: MY_APPEAL,
      handler: ({ body, actor }) => ratings.fileAppeal(body.ratingId, body.reason, actor),
    }),
    route({
      method: 'GET',
      url: '/api/rating-appeals',
      summary: '申诉列表：负责人看全部（含号码与评价详情），工作人员只看本人的（同“我收到的评价”，不含号码）；待复核在前；不含评价人信息',
      tags: ['评价'],
      access: ['staff'],
      query: AppealListQuery,
      returns: `负责人：[{"id","ratingId","ticketNumber","staffNo","staffName","level","reason","filedAt","status","statusName","decision":{"upheld","reason","at","byName"}|null,"rating":${RATING_ROW}}]；工作人员：[${MY_APPEAL} + "rating":${MY_RATING_ROW}]`,
      handler: ({ query, principal }) => {
        const user = principal?.kind === 'user' ? principal : null;
        return ratings.appeals(query, { manager: user?.role === 'manager' || user?.role === 'admin', employeeNo: user?.employeeNo ?? null });
      },
    }),
    route({
      method: 'POST',
      url: '/api/rating-appeals/:id/decide',
      summary: '负责人复核申诉：upheld=true 申诉成立（该评价作废，不再计入任何得分，其差评处理随之办结），false 不成立；须写复核意见',
      tags: ['评价'],
      access: ['manager'],
      params: IdParams,
      body: AppealDecisionBody,
      returns: '{"id","status","decision","rating"}',
      handler: ({ params, body, actor }) => ratings.decideAppeal(params.id, body, actor),
    }),
    route({
      method: 'GET',
      url: '/api/awards',
      summary: '服务之星与红旗窗口（某月，缺省本月）：好差评得分（非常满意15、满意10、基本满意5，上限30）与负责人录入的职业形象、职业素养、职业能力（各15分）合计排名',
      tags: ['评价'],
      access: ['manager'],
      query: AwardQuery,
      returns: '{"month","stars":[{"staffNo","name","departmentName","counts","ratingPart","image","conduct","ability","entered","total","rank","star"}],"departments":[{"department","name","staff","average","rank","redFlag"}]}',
      handler: ({ query }) => ratings.awards(query.month),
    }),
    route({
      method: 'PUT',
      url: '/api/awards/:month/staff/:staffNo',
      summary: '录入某月某工作人员的评选分：职业形象、职业素养、职业能力（各 0—15 分），留痕',
      tags: ['评价'],
      access: ['manager'],
      params: AwardEntryParams,
      body: AwardEntryBody,
      returns: '同 GET /api/awards',
      handler: ({ params, body, actor }) => ratings.saveAward(params.month, params.staffNo, body, actor),
    }),
  ];
}
