/**
 * The nonce this document's Content-Security-Policy allows, read from Next's own nonce'd scripts.
 * The browser hides the attribute's value once the page loads but keeps the `nonce` property.
 * Read from the document, never from a later server answer: the policy is the one the page was
 * loaded with, and a refetched layout would carry another request's nonce.
 */
export function documentNonce(): string | undefined {
  if (typeof document === "undefined") return undefined;
  return document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce || undefined;
}
