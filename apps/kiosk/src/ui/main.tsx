import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import './kiosk.css';

// A page error in the Electron shell goes to the kiosk's log (nobody reads a kiosk's console).
window.addEventListener('error', (e) => window.kioskShell?.logError(String(e.message)));
window.addEventListener('unhandledrejection', (e) => window.kioskShell?.logError(String(e.reason)));

createRoot(document.getElementById('root')!).render(<App />);
