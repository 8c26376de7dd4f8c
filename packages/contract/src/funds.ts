// Schemas and routes of the funds feature.
export {};
