export * from './auth';
export * from './common';
export * from './communities';
export * from './funds';
export * from './oversight';
export * from './register';
export * from './reports';
