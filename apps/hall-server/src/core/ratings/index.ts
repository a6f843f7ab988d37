export * from './rate-episode.js';
export * from './rating-stats.js';
export * from './follow-up.js';
export * from './appeals.js';
export * from './awards.js';
export * from './periods.js';
