// Schemas and routes of the register feature: street offices, community changes, the asset register,
// partners, companies and shareholdings, operator agreements, ventures and the district's settings.
export * from './register-agreements';
export * from './register-assets';
export * from './register-communities';
export * from './register-companies';
export * from './register-district';
export * from './register-partners';
export * from './register-street-offices';
export * from './register-ventures';
