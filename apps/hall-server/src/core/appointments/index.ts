export * from './policy.js';
export * from './appointment-state.js';
export * from './appointment-engine.js';
export { daySlots, type SlotDef, type SlotView } from './slots.js';
export { banText } from './credit.js';
export * from './appointment-alerts.js';
