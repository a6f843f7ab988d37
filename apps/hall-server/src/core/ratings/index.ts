export * from './rate-episode.js';
export * from './rating-stats.js';
