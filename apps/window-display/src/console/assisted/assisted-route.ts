/**
 * Addresses of the assisted-service pages under /console/assisted (pure): 帮办代办 (its ledger,
 * one request, its printable notice), 上门服务, 特事特办, 投诉, each with an optional record id.
 */
export type AssistedTab = 'proxy' | 'home-visits' | 'urgent' | 'complaints';
export interface AssistedRoute {
  page: 'assisted';
  tab: AssistedTab;
  /** One record (id or 登记号); null: the list and the registration form. */
  id: string | null;
  /** The printable 《代办受理通知书》 of the record. */
  notice?: boolean;
}

export const ASSISTED_TABS: readonly AssistedTab[] = ['proxy', 'home-visits', 'urgent', 'complaints'];
export const ASSISTED_TAB_NAMES: Record<AssistedTab, string> = { proxy: '帮办代办', 'home-visits': '上门服务', urgent: '特事特办', complaints: '投诉' };

/** `parts` is the path split on "/" without empties: ['console', 'assisted', tab?, id?, 'notice'?]. */
export function parseAssisted(parts: readonly string[]): AssistedRoute {
  const tab = ASSISTED_TABS.find((t) => t === parts[2]) ?? 'proxy';
  const id = parts[3] ? decodeURIComponent(parts[3]) : null;
  return { page: 'assisted', tab, id, ...(id && tab === 'proxy' && parts[4] === 'notice' ? { notice: true } : {}) };
}

export function assistedPath(base: string, r: AssistedRoute): string {
  const head = `${base}/assisted/${r.tab}`;
  if (!r.id) return head;
  return `${head}/${encodeURIComponent(r.id)}${r.notice && r.tab === 'proxy' ? '/notice' : ''}`;
}
