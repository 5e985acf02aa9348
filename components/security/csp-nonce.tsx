"use client";

import { setNonce } from "get-nonce";
import { documentNonce } from "./document-nonce";

// Radix dialogs lock scrolling with react-remove-scroll, which adds a <style> element; get-nonce gives
// it the document's nonce, or the page's Content-Security-Policy would refuse it. Set as this module
// loads, with the page's first scripts, before anything can open a dialog.
const nonce = documentNonce();
if (nonce) setNonce(nonce);

/** Rendered once by the root layout so that the module above loads on every page. */
export function CspNonce() {
  return null;
}
