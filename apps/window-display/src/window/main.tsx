import { createRoot } from 'react-dom/client';
import '../common/base.css';
import { Notice } from '../common/FeedFrame.js';
import { readBoot } from '../device/boot.js';
import { takeDeviceKey } from '../device/device-key.js';
import { HallFeed } from '../realtime/index.js';
import './window.css';
import { WindowScreen } from './WindowScreen.js';

// The page is served at /window/{windowId}.
const windowId = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const key = takeDeviceKey();
const boot = readBoot();

createRoot(document.getElementById('root')!).render(
  key ? (
    <WindowScreen feed={new HallFeed({ token: key })} windowId={windowId} boot={boot} deviceKey={key} />
  ) : (
    <Notice title="本设备尚未登记" detail="请用 ?key=设备密钥 打开一次本页，密钥会保存在本机" />
  ),
);
