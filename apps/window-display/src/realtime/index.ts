/**
 * The realtime client every hall UI uses (window screen, hall screen, and later the kiosk and the
 * console): import from `@hall/window-display/realtime`.
 */
export { RECENT_CALLS, fromSnapshot, receive, type HallEvent, type HallView } from './hall-view.js';
export { HallFeed, type Connection, type FeedEvent, type FeedState, type HallFeedOptions } from './hall-feed.js';
export { useFeed } from './use-feed.js';
export { useConfigReload } from './use-config-reload.js';
