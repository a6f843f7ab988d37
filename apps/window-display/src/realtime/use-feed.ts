import { useSyncExternalStore } from 'react';
import type { FeedState, HallFeed } from './hall-feed.js';

/** The feed's current state; re-renders on every change. */
export function useFeed(feed: HallFeed): FeedState {
  return useSyncExternalStore(feed.subscribe, feed.getState);
}
