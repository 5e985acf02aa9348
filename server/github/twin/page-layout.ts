// The frame of every twin page: its one stylesheet (inline, no external assets, no script), the
// bar naming the twin, an optional notice, and the footer saying who may act here. Sent with a
// policy that allows no script at all and forms only to the twin itself.
import type { ServerResponse } from "node:http";
import { html, Html, type HtmlValue } from "./html-template";

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;color:#1f2328;background:#f6f8fa}
a{color:#0969da;text-decoration:none}a:hover{text-decoration:underline}
code,pre,.sha{font-family:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;font-size:12px}
header.bar{background:#24292f;color:#fff;padding:10px 24px;display:flex;gap:16px;align-items:baseline}
header.bar a{color:#fff;font-weight:600}header.bar span{color:#9198a1}
main{max-width:1120px;margin:0 auto;padding:20px 24px 8px}
h1{font-size:24px;font-weight:400;margin:4px 0 8px;overflow-wrap:anywhere}h1 .num{color:#59636e}
h2{font-size:16px;margin:0 0 10px}
.crumbs{color:#59636e;margin-bottom:4px}
.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:14px 16px;margin-bottom:16px}
.grid{display:grid;grid-template-columns:minmax(0,1fr) 300px;gap:20px;align-items:start}
@media (max-width:860px){.grid{grid-template-columns:1fr}}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:6px 8px;border-top:1px solid #d8dee4;vertical-align:top}
th{font-weight:600;color:#59636e;font-size:12px;border-top:0}
.tight td{white-space:nowrap}.tight td.grow{width:100%;white-space:normal;overflow-wrap:anywhere}
.muted{color:#59636e}.small{font-size:12px}
.badge{display:inline-block;padding:1px 10px;border-radius:2em;font-size:12px;font-weight:600;color:#fff;background:#59636e;white-space:nowrap}
.open,.success,.APPROVED{background:#1a7f37}.merged{background:#8250df}.closed,.failure,.CHANGES_REQUESTED,.timed_out{background:#cf222e}
.draft,.neutral,.skipped,.cancelled,.COMMENTED,.pending,.queued,.in_progress{background:#59636e}.action_required,.error{background:#bc4c00}
.label{display:inline-block;padding:0 8px;border-radius:2em;font-size:12px;font-weight:500;border:1px solid rgba(31,35,40,.15);margin:0 4px 4px 0;background:#ededed;color:#1f2328}
.meta{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-bottom:16px}
.branch{background:#ddf4ff;color:#0969da;border-radius:6px;padding:0 6px;font-family:ui-monospace,monospace;font-size:12px;overflow-wrap:anywhere}
pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:0;background:#f6f8fa;border:1px solid #d8dee4;border-radius:6px;padding:10px 12px;font-size:13px}
.item{border-top:1px solid #d8dee4;padding:10px 0}.item:first-of-type{border-top:0;padding-top:0}
.item .who{margin-bottom:6px}
.notice{border-radius:6px;padding:10px 14px;margin-bottom:16px;border:1px solid #4ac26b;background:#dafbe1}
.notice.error{border-color:#ff8182;background:#ffebe9}
.side h3{font-size:12px;color:#59636e;margin:0 0 6px;font-weight:600}
.side section{border-bottom:1px solid #d8dee4;padding-bottom:12px;margin-bottom:12px}.side section:last-child{border:0;margin:0;padding:0}
form{margin:0}
form.act{display:grid;gap:8px}
label{font-size:12px;font-weight:600;color:#59636e;display:grid;gap:3px}
input,select,textarea{font:inherit;font-size:14px;font-weight:400;padding:5px 8px;border:1px solid #d0d7de;border-radius:6px;background:#fff;color:inherit;width:100%}
textarea{min-height:80px;resize:vertical}
.row{display:flex;gap:8px;flex-wrap:wrap}.row>*{flex:1 1 auto}
button{font:inherit;font-size:14px;font-weight:500;padding:5px 14px;border-radius:6px;border:1px solid #d0d7de;background:#f6f8fa;color:#1f2328;cursor:pointer}
button:hover{background:#eef1f4}
button.primary{background:#1f883d;border-color:#1a7f37;color:#fff}button.primary:hover{background:#1a7f37}
button.danger{color:#cf222e}button.merge{background:#8250df;border-color:#6f42c1;color:#fff}
footer{max-width:1120px;margin:0 auto;padding:8px 24px 24px;color:#59636e;font-size:12px}
`;

// The stylesheet is this file's own constant, the one Html not made by a template.
const STYLE = new Html(CSS);

export type PageNotice = { kind: "ok" | "error"; text: HtmlValue };

export function renderPage(page: { title: string; crumbs?: Html; notice?: PageNotice | null; body: Html }): string {
  const notice = page.notice ? html`<div class="notice ${page.notice.kind === "error" ? "error" : ""}" role="status">${page.notice.text}</div>` : null;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${page.title} · GitHub twin</title>
<style>${STYLE}</style>
</head>
<body>
<header class="bar"><a href="/">GitHub twin</a><span>Fleetgate's stand-in for github.com</span></header>
<main>
${page.crumbs ? html`<div class="crumbs">${page.crumbs}</div>` : null}
${notice}
${page.body}
</main>
<footer>This twin has no sign-in: anyone who reaches it can act as anyone, on these pages and on <code>/_twin/</code>. It listens on the loopback address only; keep it there.</footer>
</body>
</html>
`.value;
}


/** Answers a page, with headers that keep it to itself: no script, no framing, forms only to the twin. */
export function sendHtml(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  if (res.destroyed) return;
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "x-content-type-options": "nosniff",
    // Not no-referrer: with it a browser posts forms with `Origin: null`, which the forms' check refuses.
    "referrer-policy": "same-origin",
    "cache-control": "no-store",
    ...headers,
  });
  res.end(body);
}
