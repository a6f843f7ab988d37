import { describe, expect, it } from 'vitest';
import { clipsFor, type ClipManifest } from './clip-words.js';

const manifest: ClipManifest = {
  chime: 'chime.wav',
  words: { 请: 'qing.wav', 号: 'hao.wav', 到: 'dao.wav', 窗口: 'chuangkou.wav', 窗: 'chuang.wav', 办理: 'banli.wav', 零: 'ling.wav', 一: 'yi.wav', 三: 'san.wav', 十: 'shi.wav', 二: 'er.wav', A: 'letter-a.wav', Y: 'letter-y.wav' },
};

describe('clips for a phrase', () => {
  it('says 请A零零一号到十二号窗口办理 word by word, longest word first', () => {
    expect(clipsFor('请A零零一号到十二号窗口办理', manifest)).toEqual({
      files: ['qing.wav', 'letter-a.wav', 'ling.wav', 'ling.wav', 'yi.wav', 'hao.wav', 'dao.wav', 'shi.wav', 'er.wav', 'hao.wav', 'chuangkou.wav', 'banli.wav'],
      missing: [],
    });
  });

  it('reads stray digits one by one and reports what no clip can say', () => {
    const r = clipsFor('请YA3号到窗口，谢谢', manifest);
    expect(r.files).toEqual(['qing.wav', 'letter-y.wav', 'letter-a.wav', 'san.wav', 'hao.wav', 'dao.wav', 'chuangkou.wav']);
    expect(r.missing).toEqual(['谢', '谢']);
  });
});
