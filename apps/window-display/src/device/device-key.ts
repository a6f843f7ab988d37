/**
 * A device page is opened once as `…?key=<device key>`: the key is kept in localStorage (one per
 * page path, so one PC may drive a window screen and the hall screen) and removed from the
 * address bar, so that it is not left on screen or in the history.
 */
export function takeDeviceKey(): string | null {
  const storageKey = `hall.deviceKey:${location.pathname}`;
  const url = new URL(location.href);
  const given = url.searchParams.get('key');
  if (given) {
    url.searchParams.delete('key');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    try {
      localStorage.setItem(storageKey, given);
    } catch {
      // Storage disabled: the key works for this visit only.
    }
    return given;
  }
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}
