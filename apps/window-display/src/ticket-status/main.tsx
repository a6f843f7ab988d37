import { createRoot } from 'react-dom/client';
import { readBoot } from '../device/boot.js';
import { TicketStatusPage } from './TicketStatusPage.js';
import { ticketIdFromPath } from './ticket-status.js';
import './ticket-status.css';

// Public page at /t/{ticketId}: what the QR code on a printed ticket opens. No device key.
const boot = readBoot();
document.title = `号码状态 · ${boot.hallName}`;

createRoot(document.getElementById('root')!).render(<TicketStatusPage hallName={boot.hallName} ticketId={ticketIdFromPath(location.pathname)} />);
