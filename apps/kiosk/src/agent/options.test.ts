import { describe, expect, it } from 'vitest';
import { DEMO_KIOSK_KEY, parseAgentArgs } from './options.js';

const refusal = (argv: string[], file?: string): string => {
  try {
    parseAgentArgs(argv, {}, () => {
      if (file === undefined) throw new Error('ENOENT: no such file');
      return file;
    });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('应被拒绝');
};

describe('kiosk:web flags', () => {
  it('takes the contract’s flags, with defaults for the rest', () => {
    const c = parseAgentArgs(['--server', 'http://10.0.0.2:8080/', '--printer', 'serial:/dev/ttyS0:19200', '--port', '8091'], {});
    expect(c).toMatchObject({
      server: 'http://10.0.0.2:8080',
      printer: 'serial:/dev/ttyS0:19200',
      port: 8091,
      deviceKey: DEMO_KIOSK_KEY,
      usingDemoKey: true,
      scanner: 'wedge',
      idReader: 'none',
      publicUrl: 'http://10.0.0.2:8080',
      idleSeconds: 30,
      resultSeconds: 10,
      ticketMaterials: 3,
    });
  });

  it('takes how many materials the ticket lists, none with 0, also from a --config file', () => {
    const base = ['--server', 'http://h:1', '--printer', 'preview'];
    expect(parseAgentArgs([...base, '--ticket-materials', '0'], {}).ticketMaterials).toBe(0);
    expect(parseAgentArgs(['--config', 'kiosk.json'], {}, () => '{"server":"http://h:1","printer":"preview","ticket-materials":5}').ticketMaterials).toBe(5);
    expect(refusal([...base, '--ticket-materials', '全部'])).toBe('--ticket-materials 应为 0–20 之间的整数，收到“全部”');
  });

  it('takes the key from the environment, a flag over the environment', () => {
    expect(parseAgentArgs(['--server', 'http://h:1', '--printer', 'preview'], { HALL_KIOSK_KEY: 'env-key-0001' }).deviceKey).toBe('env-key-0001');
    expect(parseAgentArgs(['--server', 'http://h:1', '--printer', 'preview', '--key', 'flag-key-0001'], { HALL_KIOSK_KEY: 'env-key-0001' }).deviceKey).toBe('flag-key-0001');
  });

  it('writes a Chinese host name the ASCII way the ticket’s QR code needs', () => {
    expect(parseAgentArgs(['--server', 'http://大厅:8080', '--printer', 'preview'], {}).publicUrl).toBe('http://xn--imrx4k:8080');
  });

  it('reads a --config file, flags winning', () => {
    const file = JSON.stringify({ server: 'http://10.0.0.9:8080', printer: 'tcp://10.0.0.50', port: 8095, scanner: 'serial:COM3', 'id-reader': 'simulated' });
    const c = parseAgentArgs(['--config', 'kiosk.json', '--port', '8096'], {}, () => file);
    expect(c).toMatchObject({ server: 'http://10.0.0.9:8080', printer: 'tcp://10.0.0.50', port: 8096, scanner: 'serial:COM3', idReader: 'simulated' });
  });

  it('takes a serial SAM reader or a vendor bridge as the ID card reader', () => {
    const base = ['--server', 'http://h:1', '--printer', 'preview'];
    expect(parseAgentArgs([...base, '--id-reader', 'serial:/dev/ttyUSB1'], {}).idReader).toBe('serial:/dev/ttyUSB1');
    expect(parseAgentArgs([...base, '--id-reader', 'serial:COM5:115200'], {}).idReader).toBe('serial:COM5:115200');
    expect(parseAgentArgs([...base, '--id-reader', 'bridge:http://127.0.0.1:9000/api/readcard#idNumber=data.certNumber'], {}).idReader).toBe('bridge:http://127.0.0.1:9000/api/readcard#idNumber=data.certNumber');
  });

  it('refuses every mistake with a Chinese sentence', () => {
    expect(refusal(['--printer', 'preview'])).toBe('缺少 --server（大厅服务器地址）');
    expect(refusal(['--server', 'http://h:1'])).toBe('缺少 --printer（打印机）');
    expect(refusal(['--server', 'ftp://h', '--printer', 'preview'])).toContain('应以 http:// 或 https:// 开头');
    expect(refusal(['--server', 'http://h:1', '--printer', 'lpt1'])).toContain('打印机设置“lpt1”无法识别');
    expect(refusal(['--server', 'http://h:1', '--printer', 'preview', '--port', '70000'])).toBe('--port 应为 0–65535 之间的整数，收到“70000”');
    expect(refusal(['--server', 'http://h:1', '--printer', 'preview', '--scanner', 'bluetooth'])).toContain('扫码器设置“bluetooth”无法识别');
    expect(refusal(['--server', 'http://h:1', '--printer', 'preview', '--id-reader', 'usb'])).toMatch(/^身份证阅读器设置“usb”无法识别：应为 serial:串口.*bridge:http:\/\/127\.0\.0\.1:端口\/路径.*simulated.*none/);
    expect(refusal(['--server', 'http://h:1', '--printer', 'preview', '--id-reader', 'bridge:ftp://h/x'])).toContain('应以 http:// 或 https:// 开头');
    expect(refusal(['--server', 'http://h:1', '--printer', 'preview', '--id-reader', 'bridge:http://127.0.0.1:9000/read#photo=x'])).toContain('只能设置 name 和 idNumber');
    expect(refusal(['--server', 'http://h:1', '--printer', 'preview', '--colour', 'red'])).toBe('不认识的参数或缺少取值：--colour');
    expect(refusal(['--config', 'kiosk.json'])).toContain('无法读取配置文件 kiosk.json');
    expect(refusal(['--config', 'kiosk.json'], '[1]')).toBe('配置文件 kiosk.json 应为一个 JSON 对象');
    expect(refusal(['--config', 'kiosk.json'], '{"sever":"http://h:1"}')).toBe('配置文件 kiosk.json 中有不认识的设置：sever');
  });
});
