import { createRoot } from 'react-dom/client';
import { readBoot } from '../device/boot.js';
import './book.css';
import { BookPage } from './BookPage.js';

// Public page at /book: 群众在手机上预约、查看和取消自己的预约. No device key.
const boot = readBoot();
document.title = `网上预约 · ${boot.hallName}`;

createRoot(document.getElementById('root')!).render(<BookPage hallName={boot.hallName} />);
