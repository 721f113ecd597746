/**
 * @strata/commerce: the commerce platform schema of design seed 003 — shared by its migrations,
 * seeds and tests, and by the services that use the schema.
 */
export * from './ids';
export * from './enums';
export * from './tables';
export * from './columns';
export * from './money';
export * from './stripe-checkout';
export * from './credentials';
export * from './support';
export * from './gdpr';
