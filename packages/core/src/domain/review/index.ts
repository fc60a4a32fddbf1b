export * from './candidate.js';
export * from './checks.js';
export * from './feedback-files.js';
export * from './fence.js';
export * from './sources.js';
export * from './sync-plan.js';
export * from './trust.js';
