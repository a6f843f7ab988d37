/**
 * Generates the default voice clip set for halls without a Chinese speech-synthesis voice:
 * one short WAV per word of the call phrase (请, 号, 到, 窗口, 办理, digits, 十/百/千, letters)
 * and a two-tone chime, into resources/voice/clips/, with manifest.json mapping each word to
 * its file. Uses Debian's espeak-ng (Mandarin voice `cmn`) and sox. A hall replaces any file
 * with its own recording of the same word (same name, WAV), or adds words to the manifest.
 *
 *   npx tsx apps/window-display/scripts/make-voice-clips.ts [--out DIR]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const WORDS: Record<string, string> = {
  请: 'qing',
  号: 'hao',
  到: 'dao',
  窗口: 'chuangkou',
  办理: 'banli',
  前往: 'qianwang',
  重呼: 'chonghu',
  零: 'ling',
  一: 'yi',
  二: 'er',
  三: 'san',
  四: 'si',
  五: 'wu',
  六: 'liu',
  七: 'qi',
  八: 'ba',
  九: 'jiu',
  十: 'shi',
  百: 'bai',
  千: 'qian',
};
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`找不到 ${cmd}：请先安装（apt-get install espeak-ng sox）`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} 失败：${r.stderr}`);
}

export function makeVoiceClips(outDir: string): Record<string, string> {
  mkdirSync(outDir, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'voice-'));
  const manifest: Record<string, string> = {};
  try {
    const entries: [string, string][] = [...Object.entries(WORDS), ...LETTERS.map((l): [string, string] => [l, `letter-${l.toLowerCase()}`])];
    for (const [word, name] of entries) {
      const raw = join(tmp, `${name}.wav`);
      run('espeak-ng', ['-v', 'cmn', '-s', '150', '-w', raw, word]);
      // 16 kHz mono, leading and trailing silence trimmed so that words join without gaps.
      run('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', join(outDir, `${name}.wav`), 'silence', '1', '0.02', '0.5%', 'reverse', 'silence', '1', '0.02', '0.5%', 'reverse', 'pad', '0', '0.04']);
      manifest[word] = `${name}.wav`;
    }
    // 叮咚: two soft sine tones.
    run('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', join(outDir, 'chime.wav'), 'synth', '0.35', 'sine', '880', 'fade', 'q', '0.01', '0.35', '0.3', ':', 'synth', '0.5', 'sine', '659', 'fade', 'q', '0.01', '0.5', '0.45', 'vol', '0.5', 'pad', '0', '0.2']);
    writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify({ chime: 'chime.wav', words: manifest }, null, 2)}\n`);
    return manifest;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const outArg = process.argv.indexOf('--out');
const out = resolve(outArg > 0 ? process.argv[outArg + 1]! : join(import.meta.dirname, '../../../resources/voice/clips'));
const words = makeVoiceClips(out);
process.stdout.write(`已生成 ${Object.keys(words).length} 个语音片段和提示音：${out}\n`);
