import { createRoot } from 'react-dom/client';
import { readBoot } from '../device/boot.js';
import './console.css';
import { ConsoleApp } from './ConsoleApp.js';

// Served at /console and its sub-paths: 叫号台 for window staff, 大厅实况 and records for managers.
const boot = readBoot();
document.title = `控制台 · ${boot.hallName}`;

createRoot(document.getElementById('root')!).render(<ConsoleApp hallName={boot.hallName} />);
