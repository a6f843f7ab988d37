/** The versions of the hall config: who saved which sections when, which one runs, which waits for 立即生效 or a restart. */
import { ErrorLine, Panel, useConsole, useLoad } from '../common.js';

interface Version {
  version: number;
  source: string;
  savedAt: string;
  by: string | null;
  sections: string[] | null;
  inForce: boolean;
  pending: boolean;
}

const when = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

export function VersionHistory() {
  const { api } = useConsole();
  const { data, error } = useLoad(() => api.get<{ inForceVersion: number; versions: Version[] }>('/api/admin/config/versions'), 'versions');
  return (
    <Panel title="版本历史" testId="admin-versions" extra={<small>每次保存或导入存为新的一版；点「立即生效」或重启大厅服务时启用最新的一版</small>}>
      <ErrorLine text={error} />
      {!data ? (
        <p className="muted">正在读取……</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>版本</th>
              <th>保存时间</th>
              <th>来源</th>
              <th>保存人</th>
              <th>改动</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {data.versions.map((v) => (
              <tr key={v.version} data-testid={`version-${v.version}`}>
                <td className="num">第 {v.version} 版</td>
                <td>{when(v.savedAt)}</td>
                <td className="why">{v.source}</td>
                <td>{v.by ?? '—'}</td>
                <td className="why">{v.sections ? v.sections.join('、') || '—' : '启动时载入的配置文件'}</td>
                <td>{v.inForce ? <span className="tag on-now">运行中</span> : v.pending ? <span className="tag pending">待生效</span> : <span className="muted">历史</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
