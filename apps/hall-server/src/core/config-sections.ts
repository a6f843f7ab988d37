/** The hall config's top-level sections as the admin page names them, and which of them a new version changes. */
import type { HallConfig } from '@hall/shared';

export const SECTION_NAMES: Record<keyof HallConfig, string> = {
  hall: '大厅信息',
  hours: '办公时间',
  calendar: '节假日调整',
  queue: '排队规则',
  departments: '部门',
  services: '业务',
  windows: '窗口',
  staff: '工作人员',
  devices: '设备',
  appointments: '预约政策',
  voice: '语音播报',
  ratings: '好差评',
  platform: '平台对接',
};

/** Top-level sections whose content differs. */
export function changedSections(before: HallConfig | null, after: HallConfig): (keyof HallConfig)[] {
  return (Object.keys(SECTION_NAMES) as (keyof HallConfig)[]).filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after[k] ?? null));
}
