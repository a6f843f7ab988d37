/** Tickets as the hall issues them, for the golden files, tests and demos. */
import type { PrintableTicket } from './types.js';

const TIPS = ['请留意大厅叫号屏和语音提示，过号请重新取号。', '办理业务请携带本人身份证原件。'];

export const SAMPLE_TICKETS = {
  ordinary: {
    hallName: '城关县政务服务中心',
    number: 'A001',
    serviceName: '社保医保业务',
    peopleAhead: 3,
    estimatedWaitMinutes: 12,
    issuedAt: '2026-11-23T09:30:00+08:00',
    statusUrl: 'http://10.0.0.2:8080/t/01JD3KQ7Z8',
    tips: TIPS,
  },
  appointment: {
    hallName: '城关县政务服务中心',
    number: 'YA003',
    serviceName: '不动产登记',
    priorityLabel: '预约',
    peopleAhead: 0,
    estimatedWaitMinutes: 2,
    issuedAt: '2026-11-23T01:45:00Z',
    statusUrl: 'http://10.0.0.2:8080/t/01JD3M0B4C',
    tips: TIPS,
  },
  noEstimate: {
    hallName: '城关县政务服务中心',
    number: 'C015',
    serviceName: '户籍办理',
    peopleAhead: 14,
    estimatedWaitMinutes: null,
    issuedAt: '2026-11-23T08:05:00+08:00',
    statusUrl: 'http://10.0.0.2:8080/t/01JD3M9XYZ',
    tips: ['暂无窗口开放，开放后将按取号顺序叫号。'],
  },
  /** 一次告知 on paper: the first three items of a five-item list. */
  materials: {
    hallName: '城关县政务服务中心',
    number: 'A002',
    serviceName: '不动产登记',
    peopleAhead: 4,
    estimatedWaitMinutes: 18,
    issuedAt: '2026-11-23T09:32:00+08:00',
    statusUrl: 'http://10.0.0.2:8080/t/01JD3KR2M4',
    materials: ['不动产登记申请书', '申请人身份证明', '不动产权属来源证明（购房合同、继承公证书等）'],
    materialsLeftOff: 2,
    tips: TIPS,
  },
} satisfies Record<string, PrintableTicket>;
