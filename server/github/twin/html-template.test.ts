import { describe, expect, it } from "vitest";
import { escapeHtml, html, safeHttpUrl } from "./html-template";

describe("html templates", () => {
  it("escape every interpolated value, in text and in attributes, and nest templates unescaped", () => {
    const title = `<script>alert("x")</script> & 'y'`;
    const link = html`<a href="${`/p?q=${title}`}">${title}</a>`;
    expect(link.value).toBe(`<a href="/p?q=&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</a>`);
    expect(html`<p>${link}</p>`.value).toBe(`<p>${link.value}</p>`);
    expect(html`${["<a>", html`<b>`, 3]}`.value).toBe("&lt;a&gt;<b>3");
  });

  it("render nothing for null, undefined and booleans, so conditions read as they are", () => {
    const open = false;
    expect(html`[${null}${undefined}${open && html`<x>`}${true}]`.value).toBe("[]");
    expect(escapeHtml("plain")).toBe("plain");
  });

  it("link only http(s) URLs", () => {
    expect(safeHttpUrl("https://ci.example/runs/1")).toBe("https://ci.example/runs/1");
    expect(safeHttpUrl("http://127.0.0.1:3000/x")).toBe("http://127.0.0.1:3000/x");
    for (const bad of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>", "/relative", "", null, undefined]) expect(safeHttpUrl(bad)).toBeNull();
  });
});
