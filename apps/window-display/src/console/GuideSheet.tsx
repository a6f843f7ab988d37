/**
 * 一次性告知单 [004 一次性告知制度]: the service's 办事指南 materials from GET
 * /api/services/{code}/guide as a checklist; the staff member ticks what the citizen still lacks
 * and prints it (window.print; the print stylesheet shows the sheet alone, on A4 or a receipt).
 */
import type { Ticket, WindowView } from '@hall/shared';
import { useEffect, useState } from 'react';
import { errorText } from './api.js';
import { Modal } from './Caller.js';
import { ErrorLine, serviceName, useConsole, useHallNow } from './common.js';
import { hallDate } from './format.js';

interface Guide {
  code: string;
  name: string;
  department: string;
  targetMinutes: number;
  guide: { conditions?: string[]; materials: string[]; timeLimit?: string; fees?: string };
}

export function GuideDialog({ serviceCodes, current, window: w, onClose }: { serviceCodes: string[]; current: Ticket | null; window: WindowView; onClose: () => void }) {
  const { api, setup, session, feed } = useConsole();
  const now = useHallNow(feed, 30_000);
  const [code, setCode] = useState(current?.serviceCode ?? serviceCodes[0] ?? '');
  const [guide, setGuide] = useState<Guide | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<Set<number>>(new Set());

  useEffect(() => {
    let live = true;
    setGuide(null);
    setMissing(new Set());
    api.get<Guide>(`/api/services/${encodeURIComponent(code)}/guide`).then(
      (g) => live && setGuide(g),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [api, code]);

  const toggle = (i: number) =>
    setMissing((prev) => {
      const next = new Set(prev);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });
  const staff = w.onDuty.find((p) => p.employeeNo === session.employeeNo);
  const date = hallDate(now);

  return (
    <Modal title="一次性告知单" onCancel={onClose} testId="guide-dialog" wide>
      <div className="row no-print">
        <label className="field inline">
          业务
          <select data-testid="guide-service" value={code} onChange={(e) => setCode(e.target.value)}>
            {[...new Set([...(current ? [current.serviceCode] : []), ...serviceCodes])].map((c) => (
              <option key={c} value={c}>
                {serviceName(setup, c)}
              </option>
            ))}
          </select>
        </label>
        <p className="muted">请勾选群众尚缺的材料，再打印交给群众。</p>
      </div>
      <ErrorLine text={error} />
      {guide && (
        <article className="guide-sheet" data-testid="guide-sheet">
          <h1>{setup.hallName}</h1>
          <h2>一次性告知单</h2>
          <p className="gs-meta">
            <span>办理事项：{guide.name}</span>
            {current && current.serviceCode === guide.code && <span>排队号码：{current.number}</span>}
            <span>告知日期：{date}</span>
          </p>
          <p>
            经窗口审核，您申请办理的“{guide.name}”尚需补齐下列标有“☑”的材料。材料备齐后请再来办理，本窗口将优先为您受理。
          </p>
          <table className="gs-table">
            <thead>
              <tr>
                <th>尚缺</th>
                <th>材料名称</th>
              </tr>
            </thead>
            <tbody>
              {guide.guide.materials.map((m, i) => (
                <tr key={m} className={missing.has(i) ? 'lacking' : ''}>
                  <td className="gs-check">
                    <input type="checkbox" className="no-print" data-testid={`material-${i}`} checked={missing.has(i)} onChange={() => toggle(i)} aria-label={`尚缺：${m}`} />
                    <span className="print-only">{missing.has(i) ? '☑' : '☐'}</span>
                  </td>
                  <td className="gs-name" onClick={() => toggle(i)}>
                    {m}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {guide.guide.conditions && guide.guide.conditions.length > 0 && <p>办理条件：{guide.guide.conditions.join('；')}</p>}
          <p>
            {guide.guide.timeLimit && <span>承诺时限：{guide.guide.timeLimit}{'\u3000'}</span>}
            {guide.guide.fees && <span>收费标准：{guide.guide.fees}</span>}
          </p>
          <p className="gs-sign">
            告知窗口：{w.no}号窗口（{w.name}）{'\u3000'}经办人：{staff ? `${staff.name}（工号 ${staff.employeeNo}）` : session.name}
          </p>
          <p className="gs-sign">群众签收：________________{'\u3000'}日期：____年__月__日</p>
          <p className="gs-foot">本告知单依据首问负责制和一次性告知制度出具，如有疑问请咨询大厅服务台。</p>
        </article>
      )}
      <div className="row end no-print">
        <span className="muted" data-testid="guide-missing-count">
          已勾选尚缺材料 {missing.size} 项
        </span>
        <button type="button" className="btn" onClick={onClose}>
          关闭（Esc）
        </button>
        <button type="button" className="btn primary" data-testid="guide-print" disabled={!guide} onClick={() => window.print()}>
          打印告知单
        </button>
      </div>
    </Modal>
  );
}
