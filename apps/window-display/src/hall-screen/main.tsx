import { createRoot } from 'react-dom/client';
import '../common/base.css';
import { Notice } from '../common/FeedFrame.js';
import { readBoot } from '../device/boot.js';
import { takeDeviceKey } from '../device/device-key.js';
import { HallFeed } from '../realtime/index.js';
import './hall-screen.css';
import { HallScreen } from './HallScreen.js';

// /hall-screen for a 1920×1080 screen; /hall-screen?layout=led for a wide LED board (1920×360).
const key = takeDeviceKey();
const boot = readBoot();
const layout = new URLSearchParams(location.search).get('layout') === 'led' ? 'led' : 'full';

const feed = key ? new HallFeed({ token: key }) : null;

createRoot(document.getElementById('root')!).render(
  feed ? (
    <HallScreen feed={feed} boot={boot} layout={layout} voiceOverride={new URLSearchParams(location.search).get('voice')} />
  ) : (
    <Notice title="本设备尚未登记" detail="请用 ?key=设备密钥 打开一次本页，密钥会保存在本机" />
  ),
);
