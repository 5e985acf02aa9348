// The web process: Next.js behind a thin Node server that stamps each request with the client
// address and the scheme it can vouch for (see client-address.ts) and gives every answer its
// security headers (see harden-request.ts). Run `tsx server/web/serve.ts`, with --dev for hot reload.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import next from "next";
import { env } from "../env";
import { CLIENT_ADDRESS_HEADER, clientAddress, REQUEST_PATH_HEADER, REQUEST_SCHEME_HEADER, requestScheme } from "./client-address";
import { hardenRequest } from "./harden-request";

const dev = process.argv.includes("--dev");
const config = env();
const hostname = config.BIND_ADDRESS;
const app = next({ dev, hostname, port: config.PORT });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  const address = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], config.TRUSTED_PROXY_HOPS);
  // Whatever the client sent under these names is replaced, never trusted.
  delete req.headers[CLIENT_ADDRESS_HEADER];
  if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
  req.headers[REQUEST_PATH_HEADER] = req.url ?? "/";
  const scheme = requestScheme(req.headers["x-forwarded-proto"], config.TRUSTED_PROXY_HOPS);
  req.headers[REQUEST_SCHEME_HEADER] = scheme;
  const hardening = hardenRequest(
    { method: req.method ?? "GET", url: req.url ?? "/", headers: webHeaders(req.headers) },
    { dev, https: scheme === "https" },
  );
  for (const [name, value] of hardening.headers) res.setHeader(name, value);
  if (hardening.requestPolicy) req.headers["content-security-policy"] = hardening.requestPolicy;
  else delete req.headers["content-security-policy"];
  if (hardening.answer) void send(res, hardening.answer);
  else void handle(req, res);
});


function webHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  return headers;
}

async function send(res: ServerResponse, answer: Response): Promise<void> {
  const body = await answer.text();
  answer.headers.forEach((value, name) => res.setHeader(name, value));
  res.writeHead(answer.status).end(body);
}

// Keep-alive connections outlive the clients' idea of them (Node's default is 5 s): a client reusing a
// socket just as the server closes it gets ECONNRESET. Longer than common proxies' and clients' idle
// timeouts; headers must be allowed a little longer than that.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(config.PORT, hostname, () => {
  console.log(`fleetgate web: listening on http://${hostname}:${config.PORT}${dev ? " (dev)" : ""}`);
});
