export * from './platform-events.js';
export * from './journal-retention.js';
