/**
 * A hall with more windows (or services) than the screen holds shows them a page at a time,
 * turning every few seconds, with "第 n/m 页" so nobody waits for a page that never comes.
 */
import { useEffect, useState } from 'react';

export function pageOf<T>(items: readonly T[], perPage: number, page: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const p = ((page % pages) + pages) % pages;
  return { items: items.slice(p * perPage, (p + 1) * perPage), page: p, pages };
}

/** The page to show now; advances every `intervalMs` while there is more than one. */
export function usePage(count: number, perPage: number, intervalMs: number): number {
  const pages = Math.max(1, Math.ceil(count / perPage));
  const [page, setPage] = useState(0);
  useEffect(() => {
    if (pages <= 1) return;
    const timer = setInterval(() => setPage((p) => (p + 1) % pages), intervalMs);
    return () => clearInterval(timer);
  }, [pages, intervalMs]);
  return page % pages;
}
