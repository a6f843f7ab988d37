export * from './platform-events.js';
