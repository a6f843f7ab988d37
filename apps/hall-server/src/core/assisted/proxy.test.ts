import { describe, expect, it } from 'vitest';
import {
  assignAgent,
  cancelProxy,
  completeProxy,
  handBack,
  proxyNotice,
  reassignAgent,
  receiveMaterials,
  recordStep,
  registerProxy,
  startProxy,
} from './proxy.js';
import { AssistedHall, idNumber, iso } from './test-support.js';
import type { ProxyRegisterInput } from '@hall/shared';

const APPLICANT = { name: '王大爷', idNumber: idNumber('1950-03-04'), phone: '13800000001' };

/** 代办 of 不动产登记, authorised to submit and collect, valid Monday 23 – Tuesday 24 November 2026. */
function proxyInput(more: Partial<ProxyRegisterInput> = {}): ProxyRegisterInput {
  return {
    mode: 'proxy',
    applicant: APPLICANT,
    services: ['BDC'],
    authorization: { services: ['BDC'], actions: ['submit', 'collect'], validFrom: '2026-11-23', validTo: '2026-11-24', signedAt: '2026-11-23T08:55:00+08:00' },
    materials: [
      { name: '身份证复印件', received: true },
      { name: '不动产权证书', received: false },
    ],
    ...more,
  };
}

/** Registered by 1003, materials complete, assigned to 1001 by the manager, started. */
function started(h: AssistedHall) {
  const r = h.run(h.staff('1003'), (s, c) => registerProxy(s, c, proxyInput())).value;
  h.run(h.staff('1003'), (s, c) => receiveMaterials(s, c, r.id, ['不动产权证书']));
  h.run(h.manager, (s, c) => assignAgent(s, c, r.id, '1001'));
  return h.run(h.staff('1001'), (s, c) => startProxy(s, c, r.id)).value;
}

describe('帮办代办: registration', () => {
  it('a 代办 keeps its authorisation (scope, validity, signed-at) and the materials handed over, with a 登记号 per day', () => {
    const h = new AssistedHall();
    const r = h.run(h.staff('1003'), (s, c) => registerProxy(s, c, proxyInput())).value;
    expect(r).toMatchObject({
      no: 'DB20261123001',
      status: 'registered',
      mode: 'proxy',
      authorization: { services: ['BDC'], actions: ['submit', 'collect'], validFrom: '2026-11-23', validTo: '2026-11-24', signedAt: iso('08:55') },
      materials: [
        { name: '身份证复印件', received: true, receivedAt: iso('09:00') },
        { name: '不动产权证书', received: false, receivedAt: null },
      ],
      agent: null,
      createdBy: { employeeNo: '1003' },
    });
    const second = h.run(h.staff('1003'), (s, c) => registerProxy(s, c, { mode: 'help', applicant: APPLICANT, services: ['SB', 'YB'] })).value;
    expect(second).toMatchObject({ no: 'DB20261123002', mode: 'help', authorization: null, materials: [] });
    // The audit entry carries the record after, and never the full ID number in its input.
    expect(h.committed[0]!.log!.after.assisted[0]!.id).toBe(r.id);
    expect(JSON.stringify(h.committed[0]!.log!.input)).not.toContain(APPLICANT.idNumber);
  });

  it('refuses a 代办 without an authorisation, one whose scope misses a requested service, an expired one, and a 帮办 with one', () => {
    const h = new AssistedHall();
    const staff = h.staff('1003');
    const noAuth = proxyInput();
    delete noAuth.authorization;
    expect(h.refuse(staff, (s, c) => registerProxy(s, c, noAuth)).message).toMatch(/须由申请人签署委托书/);
    const outside = h.refuse(staff, (s, c) => registerProxy(s, c, proxyInput({ services: ['BDC', 'SW'] })));
    expect(outside.code).toBe('OUT_OF_SCOPE');
    expect(outside.message).toMatch(/委托书未授权代办“税务办理”/);
    const old = proxyInput({ authorization: { ...proxyInput().authorization!, validFrom: '2026-11-01', validTo: '2026-11-20' } });
    expect(h.refuse(staff, (s, c) => registerProxy(s, c, old))).toMatchObject({ code: 'AUTHORIZATION_EXPIRED' });
    const backwards = proxyInput({ authorization: { ...proxyInput().authorization!, validFrom: '2026-11-25', validTo: '2026-11-24' } });
    expect(h.refuse(staff, (s, c) => registerProxy(s, c, backwards)).message).toMatch(/不能早于开始日期/);
    expect(h.refuse(staff, (s, c) => registerProxy(s, c, { ...proxyInput(), mode: 'help' })).message).toMatch(/帮办.*无需委托书/);
    expect(h.refuse(staff, (s, c) => registerProxy(s, c, proxyInput({ materials: [] }))).message).toMatch(/材料交接/);
    expect(h.refuse(staff, (s, c) => registerProxy(s, c, proxyInput({ applicant: { ...APPLICANT, idNumber: '110101195003041234' } })))).toMatchObject({ code: 'INVALID_ID_NUMBER' });
    expect(h.refuse({ kind: 'device', id: 'k1' }, (s, c) => registerProxy(s, c, proxyInput()))).toMatchObject({ code: 'FORBIDDEN' });
    expect(h.state.cases.size).toBe(0);
  });
});

describe('帮办代办: agents', () => {
  it('the department head assigns; staff cannot assign; only the agent (or a manager) acts', () => {
    const h = new AssistedHall();
    const r = h.run(h.staff('1003'), (s, c) => registerProxy(s, c, proxyInput({ materials: [{ name: '身份证复印件', received: true }] }))).value;
    expect(h.refuse(h.staff('1003'), (s, c) => assignAgent(s, c, r.id, '1001'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(h.refuse(h.staff('1001'), (s, c) => startProxy(s, c, r.id)).message).toMatch(/尚未分派/);
    const assigned = h.run(h.manager, (s, c) => assignAgent(s, c, r.id, '1001')).value;
    expect(assigned).toMatchObject({ status: 'assigned', agent: { employeeNo: '1001', name: '王建国' }, assignedAt: iso('09:00') });
    const other = h.refuse(h.staff('1002'), (s, c) => startProxy(s, c, r.id));
    expect(other.code).toBe('FORBIDDEN');
    expect(other.message).toMatch(/由王建国（工号1001）代办，其他人员不能代为操作/);
    expect(h.refuse(h.manager, (s, c) => assignAgent(s, c, r.id, '1002')).message).toMatch(/改派/);
  });

  it('reassignment without the department head’s approval is refused; with it, the approval is on the record', () => {
    const h = new AssistedHall();
    const r = started(h);
    const own = h.refuse(h.staff('1001'), (s, c) => reassignAgent(s, c, r.id, '1002', '出差'));
    expect(own.code).toBe('APPROVAL_REQUIRED');
    expect(own.message).toMatch(/须报部门负责人批准/);
    expect(h.state.cases.get(r.id)!.kind === 'proxy' && h.state.cases.get(r.id)).toMatchObject({ agent: { employeeNo: '1001' }, approvals: [] });

    h.setTime('10:15');
    const moved = h.run(h.manager, (s, c) => reassignAgent(s, c, r.id, '1002', '王建国外出培训')).value;
    expect(moved.agent).toEqual({ employeeNo: '1002', name: '李丽华' });
    expect(moved.status).toBe('in-progress');
    expect(moved.approvals).toEqual([
      {
        kind: 'reassign',
        at: iso('10:15'),
        by: { kind: 'manager', id: 'u9001', name: '周主任', employeeNo: '9001' },
        reason: '王建国外出培训',
        from: { employeeNo: '1001', name: '王建国' },
        to: { employeeNo: '1002', name: '李丽华' },
      },
    ]);
    // The previous agent no longer acts; the new one does.
    expect(h.refuse(h.staff('1001'), (s, c) => recordStep(s, c, r.id, { serviceCode: 'BDC', action: 'submit' }))).toMatchObject({ code: 'FORBIDDEN' });
    h.run(h.staff('1002'), (s, c) => recordStep(s, c, r.id, { serviceCode: 'BDC', action: 'submit' }));
    expect(h.refuse(h.manager, (s, c) => reassignAgent(s, c, r.id, '1002', '再改')).message).toMatch(/无需改派/);
  });

  it('is not cancelled at will: staff are refused; a manager cancels with a reason, recorded as an approval', () => {
    const h = new AssistedHall();
    const r = started(h);
    expect(h.refuse(h.staff('1001'), (s, c) => cancelProxy(s, c, r.id, '不想办了'))).toMatchObject({ code: 'APPROVAL_REQUIRED' });
    const c1 = h.run(h.manager, (s, c) => cancelProxy(s, c, r.id, '申请人撤回申请（书面）')).value;
    expect(c1).toMatchObject({ status: 'cancelled', cancellation: { reason: '申请人撤回申请（书面）', by: { employeeNo: '9001' } } });
    expect(c1.approvals.at(-1)).toMatchObject({ kind: 'cancel', reason: '申请人撤回申请（书面）' });
    expect(h.refuse(h.manager, (s, c) => cancelProxy(s, c, r.id, '再取消')).code).toBe('INVALID_STATE');
    expect(h.refuse(h.staff('1001'), (s, c) => recordStep(s, c, r.id, { serviceCode: 'BDC', action: 'submit' })).code).toBe('INVALID_STATE');
  });
});

describe('帮办代办: the authorised scope and period', () => {
  it('a 代办 does not start until every material is handed over (一次性告知 of what is missing)', () => {
    const h = new AssistedHall();
    const r = h.run(h.staff('1003'), (s, c) => registerProxy(s, c, proxyInput())).value;
    h.run(h.manager, (s, c) => assignAgent(s, c, r.id, '1001'));
    const e = h.refuse(h.staff('1001'), (s, c) => startProxy(s, c, r.id));
    expect(e.code).toBe('INVALID_STATE');
    expect(e.message).toMatch(/缺：不动产权证书/);
    h.run(h.staff('1001'), (s, c) => receiveMaterials(s, c, r.id, ['不动产权证书']));
    expect(h.run(h.staff('1001'), (s, c) => startProxy(s, c, r.id)).value.status).toBe('in-progress');
  });

  it('refuses a service outside the authorisation, and an action it does not grant', () => {
    const h = new AssistedHall();
    const r = started(h);
    const agent = h.staff('1001');
    const svc = h.refuse(agent, (s, c) => recordStep(s, c, r.id, { serviceCode: 'SW', action: 'submit' }));
    expect(svc.code).toBe('OUT_OF_SCOPE');
    expect(svc.message).toBe('委托书未授权代办“税务办理”（授权事项：不动产登记），不能代为办理');
    const act = h.refuse(agent, (s, c) => recordStep(s, c, r.id, { serviceCode: 'BDC', action: 'pay' }));
    expect(act.code).toBe('OUT_OF_SCOPE');
    expect(act.message).toMatch(/委托书未授权代为“缴纳费用”（授权权限：递交申请材料、领取办理结果）/);
    const ok = h.run(agent, (s, c) => recordStep(s, c, r.id, { serviceCode: 'BDC', action: 'submit', note: '已递交1号窗口' })).value;
    expect(ok.steps).toEqual([{ at: iso('09:00'), by: expect.objectContaining({ employeeNo: '1001' }), serviceCode: 'BDC', action: 'submit', note: '已递交1号窗口' }]);
  });

  it('refuses an action the day after the authorisation expired (valid to Tuesday; Wednesday is refused)', () => {
    const h = new AssistedHall();
    const r = started(h);
    const agent = h.staff('1001');
    h.setTime('16:59', '2026-11-24');
    h.run(agent, (s, c) => recordStep(s, c, r.id, { serviceCode: 'BDC', action: 'submit' }));
    h.setTime('09:00', '2026-11-25');
    const e = h.refuse(agent, (s, c) => recordStep(s, c, r.id, { serviceCode: 'BDC', action: 'collect' }));
    expect(e.code).toBe('AUTHORIZATION_EXPIRED');
    expect(e.message).toBe('委托书有效期至2026-11-24，已过期，不能再代为领取办理结果；请申请人重新签署委托书');
  });

  it('refuses to start before the authorisation’s first day', () => {
    const h = new AssistedHall();
    const r = h.run(h.staff('1003'), (s, c) =>
      registerProxy(s, c, proxyInput({ authorization: { ...proxyInput().authorization!, validFrom: '2026-11-24', validTo: '2026-11-30' }, materials: [{ name: '身份证复印件', received: true }] })),
    ).value;
    h.run(h.manager, (s, c) => assignAgent(s, c, r.id, '1001'));
    expect(h.refuse(h.staff('1001'), (s, c) => startProxy(s, c, r.id)).message).toMatch(/尚未生效/);
    h.setTime('09:00', '2026-11-24');
    expect(h.run(h.staff('1001'), (s, c) => startProxy(s, c, r.id)).value.status).toBe('in-progress');
  });

  it('a 帮办 needs no authorisation but stays within the services registered', () => {
    const h = new AssistedHall();
    const r = h.run(h.staff('1003'), (s, c) => registerProxy(s, c, { mode: 'help', applicant: APPLICANT, services: ['SB'] })).value;
    h.run(h.manager, (s, c) => assignAgent(s, c, r.id, '1011'));
    h.run(h.staff('1011'), (s, c) => startProxy(s, c, r.id));
    expect(h.refuse(h.staff('1011'), (s, c) => recordStep(s, c, r.id, { serviceCode: 'BDC', action: 'consult' })).message).toMatch(/不在本次帮办的事项中/);
    h.run(h.staff('1011'), (s, c) => recordStep(s, c, r.id, { serviceCode: 'SB', action: 'pay' }));
  });
});

describe('帮办代办: completion and hand-back', () => {
  it('registered → assigned → in progress → completed → handed back, with what was returned and to whom', () => {
    const h = new AssistedHall();
    const r = started(h);
    const agent = h.staff('1001');
    expect(h.refuse(agent, (s, c) => handBack(s, c, r.id, { items: ['不动产权证书'], to: { name: '王大爷' } })).message).toMatch(/请先办结/);
    h.setTime('15:00');
    h.run(agent, (s, c) => completeProxy(s, c, r.id, '登簿完成'));
    h.setTime('16:00');
    const back = h.run(agent, (s, c) =>
      handBack(s, c, r.id, { items: ['不动产权证书（新）', '身份证复印件'], to: { name: '王小明', idNumber: idNumber('1978-05-06'), relation: '儿子' }, note: '当面点交' }),
    ).value;
    expect(back.status).toBe('handed-back');
    expect(back.completion).toMatchObject({ at: iso('15:00'), note: '登簿完成' });
    expect(back.handBack).toMatchObject({ at: iso('16:00'), items: ['不动产权证书（新）', '身份证复印件'], to: { name: '王小明', relation: '儿子' }, note: '当面点交' });
    expect(back.history.map((x) => x.action)).toEqual([
      '登记代办',
      '材料交接',
      '分派给王建国（1001）',
      '开始办理',
      '办结',
      '交还王小明：不动产权证书（新）、身份证复印件',
    ]);
    expect(h.refuse(agent, (s, c) => completeProxy(s, c, r.id)).code).toBe('INVALID_STATE');
  });

  it('《代办受理通知书》: the applicant (ID masked), scope, validity, materials and what is still missing', () => {
    const h = new AssistedHall();
    const r = h.run(h.staff('1003'), (s, c) => registerProxy(s, c, proxyInput())).value;
    const n = proxyNotice(h.ctx(), r);
    expect(n).toMatchObject({
      title: '代办受理通知书',
      no: 'DB20261123001',
      receivedAt: '2026-11-23 09:00',
      applicant: { name: '王大爷', idNumber: expect.stringMatching(/^110101\*+\d{3}[\dX]$|\*/) },
      services: ['不动产登记'],
      authorization: { services: ['不动产登记'], actions: ['递交申请材料', '领取办理结果'], validFrom: '2026-11-23', validTo: '2026-11-24', signedAt: '2026-11-23 08:55' },
      missing: ['不动产权证书'],
      agent: null,
    });
    expect(n.applicant.idNumber).not.toBe(APPLICANT.idNumber);
    expect(n.terms.join('')).toMatch(/超出范围或期限的一律不予办理/);
  });
});
