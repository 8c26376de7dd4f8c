// Schemas and routes of the register feature.
export {};
