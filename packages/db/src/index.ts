export * from './connect';
export * from './migrate';
export * as audit from './repositories/audit';
export * as communities from './repositories/communities';
export * as identity from './repositories/identity';
export * from './schema';
export * from './seed/demo';
export { deterministicId } from './seed/deterministic-id';
export * from './tenant';
