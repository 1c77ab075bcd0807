/**
 * What the web process hands every loader and action (ADR 021): the client's address (after
 * TRUST_PROXY), the page's CSP nonce, and a flag the error handler sets when a route failed because
 * a backing service (the database) could not be reached — the web layer then answers 503.
 * `answeredOnLead`: set by an action posted on a page of a lead closed as a duplicate, to the lead it
 * worked on instead (its first lead, ADR 116); the same request's loaders then draw that lead with the
 * action's answer (a refusal kept with what was typed) instead of redirecting (docs/decisions/120).
 */
export type WebLoadContext = {
  clientIp: string;
  cspNonce: string;
  unavailable: boolean;
  answeredOnLead?: string;
  /**
   * Set by /login's action when it refused the post (a wrong password, a limit): the same request's loader then
   * draws the form with the refusal, also for a browser already signed in — not its desk without a word (ADR 191).
   */
  loginRefused?: boolean;
  /** A JSON body as the request gate parsed and checked it (GatePass.json): a route need not parse it again. */
  json?: { value: unknown };
};
