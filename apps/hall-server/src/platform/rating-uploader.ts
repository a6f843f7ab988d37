/**
 * 好差评上报 [HALL-RULES §4]: each rating (with its 办件编号) goes to the province's 好差评
 * platform. Provinces differ in transport and field names, so each gets an adapter behind
 * `RatingUploader`; `generic-json` is the reference one (JSON over HTTPS POST, signed like the
 * webhooks). The record is built once, inside the rating's transaction, and stored in the
 * platform outbox, so every retry sends the same bytes with the same id and the province can drop
 * a repeat. A rating voided later (an upheld appeal, 申诉复核) is corrected with a second record
 * (`voidRecord`), sent through the same outbox after the first; one voided before it went up is
 * never sent as valid (the shell cancels its upload).
 */
import { RATING_UPLOAD_TARGET, type PlatformRating, type PlatformRatingVoid, type RatingUploadConfig } from '@hall/shared';
import { postSigned, type OutgoingDelivery } from './signed-post.js';

export interface RatingUploader {
  /** The outbox's receiver id and the status page's name for it. */
  readonly target: typeof RATING_UPLOAD_TARGET;
  readonly adapter: string;
  readonly url: string;
  /** What the province receives for one rating (pure). */
  record(rating: PlatformRating, hall: { code: string | null; name: string }): unknown;
  /**
   * What the province receives when a rating it may already hold is voided (pure): it must stop
   * counting that rating. Sent with the `rating.voided` event's id and kind (`upload.kind`).
   */
  voidRecord(rating: PlatformRating, voided: PlatformRatingVoid, hall: { code: string | null; name: string }): unknown;
  /** Sends one stored record (a rating or its correction, told apart by `upload.kind`); resolves once the province accepted it. */
  send(upload: OutgoingDelivery, stop?: AbortSignal): Promise<void>;
}

/** The generic record: the fields every provincial 好差评 interface asks for, under plain names. */
export interface GenericRatingRecord {
  /** 评价编号: the hall's id of the rating, unique, the same on every retry. */
  evaluationId: string;
  /** 'valid': count it; 'void': a correction — the rating is withdrawn (申诉成立), stop counting it. */
  status: 'valid' | 'void';
  /** 办件编号 entered at 办结. */
  caseNo: string | null;
  /** 事项编码 and its name. */
  itemCode: string | null;
  itemName: string;
  /** 部门（机构）编码 on the platform (mapped from the hall's department code). */
  departmentCode: string;
  hallCode: string | null;
  hallName: string;
  /** 5 非常满意 … 1 非常不满意. */
  satisfaction: number;
  satisfactionName: string;
  /** 评价渠道: the window's evaluation pad. */
  channel: '窗口评价器';
  channelCode: string | null;
  /** 差评 details with the platform's codes. */
  details: { code: string | null; text: string }[];
  text: string | null;
  /** 评价时间 and 办结时间, ISO 8601 with offset. */
  ratedAt: string;
  finishedAt: string;
  windowNo: string | null;
  /** 工号 of the staff member rated. */
  staffNo: string | null;
}

/** The generic correction: the rating's record again, `status: "void"`, and why and when it was voided. */
export interface GenericRatingVoidRecord extends Omit<GenericRatingRecord, 'status'> {
  status: 'void';
  /** 作废时间: when the appeal was upheld, ISO 8601 with offset. */
  voidedAt: string;
  /** 作废依据: 申诉复核 (an upheld appeal). */
  voidBasis: '申诉复核';
  /** The manager's 复核意见. */
  voidReason: string;
}

export class GenericJsonRatingUploader implements RatingUploader {
  readonly target = RATING_UPLOAD_TARGET;
  readonly adapter = 'generic-json';
  readonly url: string;

  constructor(
    private readonly cfg: RatingUploadConfig,
    private readonly timeoutMs: number,
    private readonly now: () => number,
  ) {
    this.url = cfg.url ?? '';
  }

  record(r: PlatformRating, hall: { code: string | null; name: string }): GenericRatingRecord {
    return {
      evaluationId: r.id,
      status: 'valid',
      caseNo: r.caseNo,
      itemCode: r.itemCode,
      itemName: r.serviceName,
      departmentCode: this.cfg.departmentCodes[r.department] ?? r.department,
      hallCode: hall.code,
      hallName: hall.name,
      satisfaction: r.level ?? 0,
      satisfactionName: r.levelName ?? '',
      channel: '窗口评价器',
      channelCode: this.cfg.channelCode ?? null,
      details: r.details.map((text) => ({ code: this.cfg.detailCodes[text] ?? null, text })),
      text: r.text,
      ratedAt: r.ratedAt,
      finishedAt: r.finishedAt,
      windowNo: r.windowNo,
      staffNo: r.staffNo,
    };
  }

  voidRecord(r: PlatformRating, voided: PlatformRatingVoid, hall: { code: string | null; name: string }): GenericRatingVoidRecord {
    return { ...this.record(r, hall), status: 'void', voidedAt: voided.at, voidBasis: '申诉复核', voidReason: voided.reason };
  }

  send(upload: OutgoingDelivery, stop?: AbortSignal): Promise<void> {
    return postSigned(upload, { url: this.url, secret: this.cfg.secret, token: this.cfg.token, timeoutMs: this.timeoutMs, now: this.now }, stop);
  }
}

/** One adapter per province; a hall picks it with `platform.ratingUpload.adapter`. */
export function ratingUploaderFor(cfg: RatingUploadConfig, timeoutMs: number, now: () => number): RatingUploader {
  switch (cfg.adapter) {
    case 'generic-json':
      return new GenericJsonRatingUploader(cfg, timeoutMs, now);
  }
}

/** Which ratings go up: answered ones (not the pad's time-outs), with a 办件编号 unless the hall says otherwise. */
export function shouldUpload(r: PlatformRating, cfg: RatingUploadConfig): boolean {
  return r.level !== null && (!cfg.onlyWithCaseNo || r.caseNo !== null);
}
