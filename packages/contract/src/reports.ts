// Schemas and routes of the reports feature.
export {};
