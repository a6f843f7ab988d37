export * from './clock.js';
export * from './calendar.js';
export * from './hall-hours.js';
export * from './hall-state.js';
export * from './queue-order.js';
export * from './queue-engine.js';
export * from './views.js';
export * from './alerts.js';
