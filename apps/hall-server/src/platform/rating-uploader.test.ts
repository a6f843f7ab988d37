/** The generic 好差评 record: the fields the provincial platform files a rating by. */
import { RatingUploadSchema, type PlatformRating } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { GenericJsonRatingUploader, shouldUpload } from './rating-uploader.js';

const cfg = RatingUploadSchema.parse({
  enabled: true,
  url: 'https://hcp.example.gov.cn/api/evaluations',
  departmentCodes: { BDC: '11411624MB0000000X' },
  detailCodes: { 等候时间太长: '0102', 服务态度不好: '0101' },
  channelCode: '3',
});
const rating: PlatformRating = {
  id: 'r-1',
  ticketId: 't-1',
  ticketNumber: 'A001',
  serviceCode: 'BDC',
  serviceName: '不动产登记',
  itemCode: '000154023000',
  department: 'BDC',
  windowId: 'W01',
  windowNo: '1',
  staffNo: '1001',
  caseNo: 'BDC-2026-0001',
  level: 2,
  levelName: '不满意',
  details: ['等候时间太长', '服务态度不好'],
  text: '等了一个多小时',
  finishedAt: '2026-11-23T10:00:00.000+08:00',
  ratedAt: '2026-11-23T10:00:20.000+08:00',
};

describe('generic JSON 好差评 record', () => {
  it('carries 办件编号, 事项编码, the platform’s department code, satisfaction 1–5, channel 窗口评价器, coded details, text and time', () => {
    const up = new GenericJsonRatingUploader(cfg, 10_000, () => 0);
    expect(up.record(rating, { code: '411624-ZWFW', name: '示范县政务服务中心' })).toEqual({
      evaluationId: 'r-1',
      status: 'valid',
      caseNo: 'BDC-2026-0001',
      itemCode: '000154023000',
      itemName: '不动产登记',
      departmentCode: '11411624MB0000000X',
      hallCode: '411624-ZWFW',
      hallName: '示范县政务服务中心',
      satisfaction: 2,
      satisfactionName: '不满意',
      channel: '窗口评价器',
      channelCode: '3',
      details: [
        { code: '0102', text: '等候时间太长' },
        { code: '0101', text: '服务态度不好' },
      ],
      text: '等了一个多小时',
      ratedAt: '2026-11-23T10:00:20.000+08:00',
      finishedAt: '2026-11-23T10:00:00.000+08:00',
      windowNo: '1',
      staffNo: '1001',
    });
  });

  it('a voided rating’s correction is the same record with status void, when and why', () => {
    const up = new GenericJsonRatingUploader(cfg, 10_000, () => 0);
    const hall = { code: '411624-ZWFW', name: '示范县政务服务中心' };
    const correction = up.voidRecord(rating, { at: '2026-11-25T15:00:00.000+08:00', basis: 'appeal-upheld', appealId: 'ap-1', reason: '确属误按' }, hall);
    expect(correction).toEqual({
      ...up.record(rating, hall),
      status: 'void',
      voidedAt: '2026-11-25T15:00:00.000+08:00',
      voidBasis: '申诉复核',
      voidReason: '确属误按',
    });
    expect(correction.evaluationId).toBe('r-1');
  });

  it('a department without a mapping keeps the hall’s code', () => {
    const up = new GenericJsonRatingUploader(cfg, 10_000, () => 0);
    expect(up.record({ ...rating, department: 'SWJ' }, { code: null, name: '大厅' })).toMatchObject({ departmentCode: 'SWJ', hallCode: null });
  });

  it('uploads answers with a 办件编号; not the pad’s time-outs; without a 办件编号 only when the hall allows it', () => {
    expect(shouldUpload(rating, cfg)).toBe(true);
    expect(shouldUpload({ ...rating, level: null, levelName: null }, cfg)).toBe(false);
    expect(shouldUpload({ ...rating, caseNo: null }, cfg)).toBe(false);
    expect(shouldUpload({ ...rating, caseNo: null }, { ...cfg, onlyWithCaseNo: false })).toBe(true);
  });
});
