/**
 * The 帮办代办 paperwork [002 第二条(二)]: 《帮办服务登记台帐》 as a table (written by the hall's one
 * table writer, CSV or XLSX) and 《代办受理通知书》 as a printable HTML page (the console renders the
 * same notice from its JSON).
 */
import { PROXY_ACTION_NAMES, PROXY_MODE_NAMES, PROXY_STATUS_NAMES, maskIdNumber, type HallConfig } from '@hall/shared';
import type { ProxyNotice } from '@hall/shared';
import type { ProxyRequest } from '../core/assisted/index.js';
import type { FileTable } from '../appointments/register-export.js';

export const LEDGER_HEADERS = [
  '登记号',
  '登记时间',
  '类型',
  '申请人',
  '身份证号',
  '联系电话',
  '办理事项',
  '委托权限',
  '委托有效期',
  '交接材料',
  '帮办代办人员',
  '状态',
  '办结时间',
  '交还时间',
  '交还内容',
  '领取人',
  '登记人',
] as const;

const minute = (iso: string | null | undefined) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '');

export function ledgerTable(requests: readonly ProxyRequest[], config: HallConfig): FileTable {
  const name = (code: string) => config.services.find((s) => s.code === code)?.name ?? code;
  return {
    headers: LEDGER_HEADERS,
    rows: requests.map((r) => [
      r.no,
      minute(r.receivedAt),
      PROXY_MODE_NAMES[r.mode],
      r.organisation ? `${r.applicant.name}（${r.organisation}）` : r.applicant.name,
      maskIdNumber(r.applicant.idNumber),
      r.applicant.phone,
      r.services.map(name).join('、'),
      r.authorization ? r.authorization.actions.map((a) => PROXY_ACTION_NAMES[a]).join('、') : '',
      r.authorization ? `${r.authorization.validFrom} 至 ${r.authorization.validTo}` : '',
      r.materials.map((m) => (m.received ? m.name : `${m.name}（未交）`)).join('、'),
      r.agent ? `${r.agent.name}（${r.agent.employeeNo}）` : '',
      PROXY_STATUS_NAMES[r.status],
      minute(r.completion?.at),
      minute(r.handBack?.at),
      r.handBack ? r.handBack.items.join('、') : '',
      r.handBack ? `${r.handBack.to.name}${r.handBack.to.relation ? `（${r.handBack.to.relation}）` : ''}` : '',
      r.createdBy.name ?? r.createdBy.id,
    ]),
  };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** 《代办受理通知书》 as a plain, printable A4 page (no script, no external resources). */
export function noticeHtml(n: ProxyNotice): string {
  const row = (k: string, v: string) => `<tr><th>${escape(k)}</th><td>${escape(v)}</td></tr>`;
  const a = n.authorization;
  const rows = [
    row('登记号', n.no),
    row('受理时间', n.receivedAt),
    row('申请人', n.applicant.organisation ? `${n.applicant.name}（${n.applicant.organisation}）` : n.applicant.name),
    row('身份证号', n.applicant.idNumber),
    row('联系电话', n.applicant.phone),
    row(`${n.mode}事项`, n.services.join('、')),
    ...(a ? [row('授权事项', a.services.join('、')), row('授权权限', a.actions.join('、')), row('有效期限', `${a.validFrom} 至 ${a.validTo}`), row('委托书签署时间', a.signedAt)] : []),
    ...(n.materials.length > 0 ? [row('交接材料', n.materials.map((m) => (m.received ? `${m.name}（已交）` : `${m.name}（未交）`)).join('、'))] : []),
    row(`${n.mode}人员`, n.agent ? `${n.agent.name}（工号${n.agent.employeeNo}）` : '待分派'),
    row('当前状态', n.status),
  ];
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(n.title)} ${escape(n.no)}</title>
<style>
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:180mm;margin:10mm auto;color:#000}
h1{text-align:center;font-size:22px;margin:0 0 4px}h2{text-align:center;font-size:15px;font-weight:normal;margin:0 0 16px}
table{width:100%;border-collapse:collapse}th,td{border:1px solid #000;padding:6px 8px;font-size:14px;text-align:left}th{width:28%;background:#f2f2f2}
ol{font-size:13px;line-height:1.7}.sign{display:flex;justify-content:space-between;margin-top:28px;font-size:14px}
@media print{body{margin:0 auto}}
</style></head>
<body>
<h1>${escape(n.hallName)}</h1>
<h2>《${escape(n.title)}》</h2>
<table>${rows.join('')}</table>
<ol>${n.terms.map((t) => `<li>${escape(t)}</li>`).join('')}</ol>
<div class="sign"><span>申请人（签字）：</span><span>${escape(n.mode)}人员（签字）：</span><span>日期：</span></div>
</body></html>
`;
}
