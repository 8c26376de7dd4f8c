export * from './api-token';
export * from './change-password';
export * from './initial-password';
export * from './login';
export * from './password';
export * from './session';
export * from './throttle';
