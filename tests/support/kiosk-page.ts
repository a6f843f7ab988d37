/** Checks of the kiosk page a citizen would notice: English words, buttons off screen, overlapping or cut. */
import type { Page } from 'playwright-core';

/** Latin words on screen, once the ticket numbers and booking codes it shows are taken out: none may show. */
export async function englishOnScreen(page: Page, shown: string[] = []): Promise<string[]> {
  let text = await page.locator('body').innerText();
  for (const s of shown) text = text.split(s).join(' ');
  return text.match(/[A-Za-z]{2,}/g) ?? [];
}

/** Buttons that leave the screen, overlap another button, or cut their own text. */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const buttons = Array.from(document.querySelectorAll('button')).filter((b) => b.offsetParent !== null);
    const boxes = buttons.map((b) => ({ b, r: b.getBoundingClientRect(), name: b.dataset.testid ?? b.textContent?.trim() ?? '' }));
    for (const { b, r, name } of boxes) {
      if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) problems.push(`${name} 超出屏幕`);
      if (b.scrollHeight > b.clientHeight + 2 || b.scrollWidth > b.clientWidth + 2) problems.push(`${name} 文字被截断`);
      if (r.height < 60 || r.width < 60) problems.push(`${name} 太小（${Math.round(r.width)}×${Math.round(r.height)}）`);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r;
        const c = boxes[j]!.r;
        if (a.left < c.right - 1 && c.left < a.right - 1 && a.top < c.bottom - 1 && c.top < a.bottom - 1) problems.push(`${boxes[i]!.name} 与 ${boxes[j]!.name} 重叠`);
      }
    }
    return problems;
  });
}
