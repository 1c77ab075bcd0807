/**
 * What the web process hands every loader and action (ADR 021): the client's address (after
 * TRUST_PROXY), the page's CSP nonce, and a flag the error handler sets when a route failed because
 * a backing service (the database) could not be reached — the web layer then answers 503.
 */
export type WebLoadContext = { clientIp: string; cspNonce: string; unavailable: boolean };
