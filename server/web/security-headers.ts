// The browser-facing security headers of every answer (set by serve.ts). Pure: the nonce, the
// mode and the scheme come in, the headers go out, so the policy is tested as data.

export type HeaderContext = {
  /** This response's script/style nonce (pages only; an API answer runs nothing). */
  nonce?: string;
  /** next dev: React reconstructs server error stacks with eval and Next injects styles without a nonce. */
  dev: boolean;
  /** The browser reached us over https (see requestScheme in client-address.ts). */
  https: boolean;
};

/** A fresh, unguessable nonce for one response (128 bits, base64). */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

// Powerful features the console never uses; a page (or anything injected into one) cannot ask for them.
// Only names Chromium knows: an unknown one is logged as an error on every page.
const PERMISSIONS_POLICY = [
  "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen", "geolocation",
  "gyroscope", "hid", "idle-detection", "magnetometer", "microphone", "midi", "payment", "picture-in-picture",
  "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
].map((f) => `${f}=()`).concat(
  // The copy buttons (components/ui/copy-button.tsx) write to the clipboard; nothing reads it.
  "clipboard-read=()", "clipboard-write=(self)",
).join(", ");

/**
 * The page policy. Scripts run only with this response's nonce; 'strict-dynamic' lets Next's nonce'd
 * bootstrap load its own chunks ('self' is the fallback for browsers without CSP 3). Styles: the
 * stylesheet Tailwind builds ('self') and <style> elements carrying the nonce (Next's, CodeMirror's
 * through EditorView.cspNonce, react-remove-scroll's through get-nonce); no inline style attributes,
 * so the console draws proportions with SVG, not style="width: ...". data: images are CodeMirror's
 * lint markers.
 */
export function pagePolicy({ nonce, dev, https }: HeaderContext): string {
  if (!nonce) throw new Error("a page policy needs a nonce");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Development only: Next's dev server injects CSS (hot reload) in <style> elements without a nonce.
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** An API answer is data: it may load nothing, run nothing and be framed by no one. */
export const API_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Every header for one answer: the page policy when a nonce is given, the API policy otherwise. */
export function securityHeaders(ctx: HeaderContext): [string, string][] {
  return [
    ["content-security-policy", ctx.nonce ? pagePolicy(ctx) : API_POLICY],
    // frame-ancestors for browsers that predate it.
    ["x-frame-options", "DENY"],
    ["x-content-type-options", "nosniff"],
    ["referrer-policy", "strict-origin-when-cross-origin"],
    ["permissions-policy", PERMISSIONS_POLICY],
    ["cross-origin-opener-policy", "same-origin"],
    // Only over https: a browser ignores it on http, and it must never pin a console reached on plain http.
    ...(ctx.https ? [["strict-transport-security", "max-age=31536000; includeSubDomains"] as [string, string]] : []),
  ];
}
