/**
 * The composition root of the kiosk's Node side, shared by `kiosk:web` (cli.ts) and the Electron
 * main: printer, scanner and ID reader from their specs, the hall client, the kiosk, and its local
 * web server on 127.0.0.1.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openIdReader } from '../id-reader/index.js';
import { openPrinter } from '../printer/index.js';
import { openScanner } from '../scanner/index.js';
import { HallClient } from './hall-client.js';
import { Kiosk, type KioskOptions } from './kiosk.js';
import type { AgentConfig } from './options.js';
import { buildAgentServer } from './server.js';

/** The built page when running from the repository (apps/kiosk/dist/ui). */
export const REPO_UI_DIR = resolve(fileURLToPath(import.meta.url), '../../../dist/ui');

export interface RunningAgent {
  /** e.g. `http://127.0.0.1:8090` */
  url: string;
  kiosk: Kiosk;
  close(): Promise<void>;
}

export interface StartAgentOptions {
  uiDir?: string;
  log?: (message: string, data?: Record<string, unknown>) => void;
  /** Polling and retry timings (tests shorten them). */
  timings?: Pick<KioskOptions, 'printerPollMs' | 'hallPollMs' | 'reportEveryMs' | 'retryDelayMs' | 'rescanIgnoreMs'>;
}

export async function startAgent(config: AgentConfig, opts: StartAgentOptions = {}): Promise<RunningAgent> {
  const log = opts.log ?? (() => {});
  const printer = openPrinter(config.printer, { log: (text) => log(text) });
  const scanner = openScanner(config.scanner);
  const idReader = openIdReader(config.idReader, { log });
  const kiosk = new Kiosk({
    hall: new HallClient({ server: config.server, deviceKey: config.deviceKey }),
    printer,
    scanner,
    idReader,
    statusBase: config.publicUrl,
    idleSeconds: config.idleSeconds,
    resultSeconds: config.resultSeconds,
    ticketMaterials: config.ticketMaterials,
    log,
    ...opts.timings,
  });
  await kiosk.start();
  const app = await buildAgentServer({ kiosk, uiDir: opts.uiDir ?? REPO_UI_DIR, wedge: scanner.kind === 'wedge', simulatedIdReader: idReader.kind === 'simulated' });
  try {
    await app.listen({ port: config.port, host: '127.0.0.1' });
  } catch (err) {
    await kiosk.stop();
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(code === 'EADDRINUSE' ? `端口 ${config.port} 已被占用，请换一个 --port` : `无法在 127.0.0.1:${config.port} 上启动：${(err as Error).message}`);
  }
  const port = (app.server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    kiosk,
    async close() {
      await app.close();
      await kiosk.stop();
    },
  };
}
