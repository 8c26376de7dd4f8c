export * from './auth';
export * from './common';
export * from './communities';
export * from './funds';
export * from './kpis';
export * from './oversight';
export * from './register';
export * from './reports';
