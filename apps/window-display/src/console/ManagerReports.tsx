/**
 * 统计报表 for the hall manager: a day, a week (Monday–Sunday) or a month, stepped with 前一/后一;
 * the hall's totals, a table per service or per window (GET /api/reports), two charts (ECharts on a
 * canvas), and the downloads — the report as Excel or CSV, the period's 《延时服务登记表》 and
 * 《预约登记表》. The figures are re-read when a ticket is finished or issued anywhere in the hall.
 */
import { REPORT_PERIOD_NAMES, reportRange, type Report, type ReportBy, type ReportPeriod, type ReportRow } from '@hall/shared';
import { Suspense, lazy, useMemo, useState } from 'react';
import type { HallView } from '../realtime/index.js';
import { errorText } from './api.js';
import { Empty, ErrorLine, Panel, useConsole, useHallNow, useLoad } from './common.js';
import { downloadFile } from './download.js';
import type { ChartOption } from './EChart.js';
import { hallDate } from './format.js';
import './reports.css';

// ECharts is big: its chunk loads with the first chart, not with the console.
const EChart = lazy(() => import('./EChart.js'));

const minutes = (s: number | null) => (s === null ? '—' : (s / 60).toFixed(1));
const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const STEP_NAMES: Record<ReportPeriod, string> = { day: '天', week: '周', month: '月' };

export function ManagerReports({ view }: { view: HallView }) {
  const { api, feed, session } = useConsole();
  const now = useHallNow(feed, 60_000);
  const [period, setPeriodState] = useState<ReportPeriod>('day');
  const [date, setDateState] = useState(() => hallDate(now));
  const [by, setByState] = useState<ReportBy>('service');
  const [downloadNote, setDownloadNote] = useState<{ ok: boolean; text: string } | null>(null);
  // A note about the last download belongs to the period it was for.
  const setPeriod = (p: ReportPeriod) => {
    setPeriodState(p);
    setDownloadNote(null);
  };
  const setDate = (d: string) => {
    setDateState(d);
    setDownloadNote(null);
  };
  const setBy = (b: ReportBy) => {
    setByState(b);
    setDownloadNote(null);
  };
  const range = reportRange(period, date);
  // A ticket finished or issued anywhere moves today's figures.
  const moved = [Object.values(view.finished).map((t) => t.id), view.services.map((s) => s.waiting)];
  const report = useLoad(() => api.get<Report>(`/api/reports?period=${period}&date=${date}&by=${by}`), [period, date, by, moved]);
  const r = report.data && report.data.from === range.from && report.data.period === period && report.data.by === by ? report.data : null;

  const download = async (path: string, fallback: string) => {
    setDownloadNote(null);
    try {
      const name = await downloadFile(path, session.token, fallback);
      setDownloadNote({ ok: true, text: `已下载：${name}` });
    } catch (e) {
      setDownloadNote({ ok: false, text: errorText(e) });
    }
  };
  const q = `period=${period}&date=${date}`;

  return (
    <div className="reports" data-testid="manager-reports">
      <section className="report-bar" aria-label="统计周期与下载">
        <div className="seg" role="group" aria-label="统计周期">
          {(['day', 'week', 'month'] as const).map((p) => (
            <button key={p} type="button" className={period === p ? 'seg-btn on' : 'seg-btn'} aria-pressed={period === p} data-testid={`period-${p}`} onClick={() => setPeriod(p)}>
              按{REPORT_PERIOD_NAMES[p]}
            </button>
          ))}
        </div>
        <span className="day-picker">
          <button type="button" className="btn small" data-testid="report-prev" onClick={() => setDate(range.prev)}>
            前一{STEP_NAMES[period]}
          </button>
          <b className="report-label" data-testid="report-label" aria-live="polite">
            {range.label}
          </b>
          <button type="button" className="btn small" data-testid="report-next" onClick={() => setDate(range.next)}>
            后一{STEP_NAMES[period]}
          </button>
        </span>
        <div className="seg" role="group" aria-label="分组方式">
          <button type="button" className={by === 'service' ? 'seg-btn on' : 'seg-btn'} aria-pressed={by === 'service'} data-testid="by-service" onClick={() => setBy('service')}>
            按业务
          </button>
          <button type="button" className={by === 'window' ? 'seg-btn on' : 'seg-btn'} aria-pressed={by === 'window'} data-testid="by-window" onClick={() => setBy('window')}>
            按窗口
          </button>
        </div>
        <div className="downloads">
          <span className="dl-group">
            <span className="dl-name">统计报表</span>
            <button type="button" className="btn small" data-testid="download-report-xlsx" onClick={() => void download(`/api/reports?${q}&by=${by}&format=xlsx`, 'report.xlsx')}>
              Excel
            </button>
            <button type="button" className="btn small" data-testid="download-report-csv" onClick={() => void download(`/api/reports?${q}&by=${by}&format=csv`, 'report.csv')}>
              CSV
            </button>
          </span>
          <span className="dl-group">
            <span className="dl-name">延时服务登记表</span>
            <button type="button" className="btn small" data-testid="download-overtime-xlsx" onClick={() => void download(`/api/overtime?${q}&format=xlsx`, 'overtime.xlsx')}>
              Excel
            </button>
            <button type="button" className="btn small" data-testid="download-overtime-csv" onClick={() => void download(`/api/overtime?${q}&format=csv`, 'overtime.csv')}>
              CSV
            </button>
          </span>
          <span className="dl-group">
            <span className="dl-name">预约登记表</span>
            <button type="button" className="btn small" data-testid="download-register-xlsx" onClick={() => void download(`/api/appointments?from=${range.from}&to=${range.to}&format=xlsx`, 'register.xlsx')}>
              Excel
            </button>
            <button type="button" className="btn small" data-testid="download-register-csv" onClick={() => void download(`/api/appointments?from=${range.from}&to=${range.to}&format=csv`, 'register.csv')}>
              CSV
            </button>
          </span>
        </div>
      </section>
      {downloadNote && (
        <p className={downloadNote.ok ? 'note-line report-note' : 'error-line report-note'} role={downloadNote.ok ? 'status' : 'alert'} data-testid="download-note">
          {downloadNote.text}
        </p>
      )}
      <ErrorLine text={report.error} testId="report-error" />
      <Totals total={r?.total ?? null} />
      <div className="report-main">
        <Panel title={by === 'service' ? '各业务' : '各窗口'} className="report-table-panel" testId="report-table" extra={<small>时长单位：分钟 · 限时办结率低于90%标红</small>}>
          {!r ? <p className="empty">正在读取……</p> : <ReportTable report={r} />}
        </Panel>
        <Panel title="图表" className="report-chart-panel" testId="report-charts">
          {r ? <Charts report={r} /> : <p className="empty">正在读取……</p>}
        </Panel>
      </div>
    </div>
  );
}

function Totals({ total }: { total: ReportRow | null }) {
  const items: [string, string, string][] = total
    ? [
        ['issued', '取号', String(total.issued ?? 0)],
        ['served', '办结', String(total.served)],
        ['skipped', '过号', String(total.skipped)],
        ['avg-wait', '平均等候（分钟）', minutes(total.avgWaitSeconds)],
        ['p90-wait', 'P90 等候（分钟）', minutes(total.p90WaitSeconds)],
        ['avg-service', '平均办理（分钟）', minutes(total.avgServiceSeconds)],
        ['compliance', '限时办结率', percent(total.compliance)],
      ]
    : [];
  return (
    <dl className="report-totals" data-testid="report-totals" aria-label="全厅合计">
      {items.map(([key, label, value]) => (
        <div key={key} className="rt">
          <dt>{label}</dt>
          <dd data-testid={`total-${key}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ReportTable({ report }: { report: Report }) {
  const bySvc = report.by === 'service';
  const cells = (x: ReportRow) => (
    <>
      {bySvc && <td className="n">{x.issued ?? 0}</td>}
      <td className="n">{x.called}</td>
      <td className="n">{x.served}</td>
      <td className="n">{x.skipped}</td>
      <td className="n">{minutes(x.avgWaitSeconds)}</td>
      <td className="n">{minutes(x.p90WaitSeconds)}</td>
      <td className="n">{minutes(x.avgServiceSeconds)}</td>
      <td className={x.compliance !== null && x.compliance < 0.9 ? 'n low' : 'n'}>{percent(x.compliance)}</td>
    </>
  );
  return (
    <table className="grid report-grid">
      <caption className="sr-only">
        {report.label}
        {bySvc ? '各业务' : '各窗口'}统计。等候为取号到叫号；办理为开始办理（未按开始则为叫号）到办结；限时办结率为限时内办结占办结的比例。
      </caption>
      <thead>
        <tr>
          <th scope="col">{bySvc ? '业务' : '窗口'}</th>
          {bySvc && <th scope="col">取号</th>}
          <th scope="col">叫号</th>
          <th scope="col">办结</th>
          <th scope="col">过号</th>
          <th scope="col" title="取号到叫号">
            平均等候
          </th>
          <th scope="col" title="九成群众的等候不超过此值">
            P90等候
          </th>
          <th scope="col" title="开始办理（未按开始则为叫号）到办结">
            平均办理
          </th>
          <th scope="col">限时办结率</th>
        </tr>
      </thead>
      <tbody>
        {report.rows.map((x) => (
          <tr key={x.key} data-testid={`report-row-${x.key}`} className={x.called === 0 && !x.issued ? 'idle' : ''}>
            <th scope="row">{x.name}</th>
            {cells(x)}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-testid="report-row-total">
          <th scope="row">合计</th>
          {cells(report.total)}
        </tr>
      </tfoot>
    </table>
  );
}

function Charts({ report }: { report: Report }) {
  const active = useMemo(() => report.rows.filter((x) => x.called > 0 || (x.issued ?? 0) > 0), [report]);
  const bySvc = report.by === 'service';
  const rowsOption = useMemo((): ChartOption => {
    const names = active.map((x) => x.name);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, itemGap: 14 },
      grid: { left: 8, right: 8, top: 30, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, fontSize: 11, rotate: names.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        ...(bySvc ? [{ type: 'bar' as const, name: '取号', data: active.map((x) => x.issued ?? 0) }] : [{ type: 'bar' as const, name: '叫号', data: active.map((x) => x.called) }]),
        { type: 'bar', name: '办结', data: active.map((x) => x.served) },
        { type: 'bar', name: '过号', data: active.map((x) => x.skipped) },
      ],
    };
  }, [active, bySvc]);
  const secondOption = useMemo((): ChartOption => {
    if (report.period === 'day') {
      const names = active.map((x) => x.name);
      const m = (s: number | null) => (s === null ? null : Math.round(s / 6) / 10);
      return {
        tooltip: { trigger: 'axis' },
        legend: { top: 0, itemGap: 14 },
        grid: { left: 8, right: 8, top: 30, bottom: 4, containLabel: true },
        xAxis: { type: 'category', data: names, axisLabel: { interval: 0, fontSize: 11, rotate: names.length > 6 ? 30 : 0 } },
        yAxis: { type: 'value', name: '分钟', nameTextStyle: { align: 'left' } },
        // Durations, not good/bad counts: no red.
        color: ['#1d5fc4', '#b25e00', '#6a3fb5'],
        series: [
          { type: 'bar', name: '平均等候', data: active.map((x) => m(x.avgWaitSeconds)) },
          { type: 'bar', name: 'P90等候', data: active.map((x) => m(x.p90WaitSeconds)) },
          { type: 'bar', name: '平均办理', data: active.map((x) => m(x.avgServiceSeconds)) },
        ],
      };
    }
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, itemGap: 14 },
      grid: { left: 8, right: 8, top: 30, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: report.days.map((d) => `${Number(d.date.slice(5, 7))}/${Number(d.date.slice(8, 10))}`), axisLabel: { fontSize: 11 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'line', name: '取号', data: report.days.map((d) => d.issued), symbolSize: 6, showSymbol: report.days.length <= 10 },
        { type: 'line', name: '办结', data: report.days.map((d) => d.served), symbolSize: 6, showSymbol: report.days.length <= 10 },
        { type: 'line', name: '过号', data: report.days.map((d) => d.skipped), symbolSize: 6, showSymbol: report.days.length <= 10 },
      ],
    };
  }, [report, active]);
  if (active.length === 0) return <Empty>该期间没有取号、叫号记录</Empty>;
  const what = bySvc ? '各业务' : '各窗口';
  return (
    <Suspense fallback={<p className="empty">正在加载图表……</p>}>
      <div className="charts">
        <h3 className="chart-title">{bySvc ? '各业务取号、办结与过号' : '各窗口叫号、办结与过号'}</h3>
        <EChart option={rowsOption} height={200} testId="chart-counts" label={`${what}${bySvc ? '取号' : '叫号'}、办结与过号柱状图，数字见左侧表格`} />
        <h3 className="chart-title">{report.period === 'day' ? `${what}等候与办理时长（分钟）` : '每日取号、办结与过号'}</h3>
        <EChart
          option={secondOption}
          height={200}
          testId="chart-second"
          label={report.period === 'day' ? `${what}平均等候、P90等候与平均办理时长柱状图，数字见左侧表格` : '本期每日取号、办结与过号折线图'}
        />
      </div>
    </Suspense>
  );
}
