import { createContext, useContext } from "react";

// The response's CSP nonce for the inline scripts Remix renders (ADR 021). Set on the server by
// app/entry.server.tsx; empty in the browser, which hides nonces from the page anyway.
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
