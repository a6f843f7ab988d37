/** The sub-pages of 管理（大厅配置）, as addresses /console/admin/{tab}. */
export const ADMIN_TABS = ['services', 'windows', 'staff', 'devices', 'hours', 'calendar', 'policies', 'versions'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];
export const ADMIN_TAB_NAMES: Record<AdminTab, string> = {
  services: '业务',
  windows: '窗口',
  staff: '工作人员',
  devices: '设备',
  hours: '办公时间',
  calendar: '节假日调整',
  policies: '政策',
  versions: '版本历史',
};
