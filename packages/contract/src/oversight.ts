// Schemas and routes of the oversight feature.
export {};
