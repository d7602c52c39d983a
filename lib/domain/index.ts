/**
 * Backup Bridge's business rules: pure functions of their arguments (no I/O, no clock, no
 * browser). Results are plain data, ready to cross the messaging boundary as view models.
 */
export * from './dates';
export type * from './records';
export * from './links';
export * from './lifecycle';
export * from './seats';
export * from './health';
export * from './tickets';
export * from './fix-plan';
export * from './idempotency';
