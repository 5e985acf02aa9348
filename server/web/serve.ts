// The web process: Next.js behind a thin Node server whose only job is to stamp each request with
// the client address it can vouch for (see client-address.ts). Run `tsx server/web/serve.ts`,
// with --dev for hot reload.
import { createServer } from "node:http";
import next from "next";
import { env } from "../env";
import { CLIENT_ADDRESS_HEADER, clientAddress, REQUEST_PATH_HEADER, REQUEST_SCHEME_HEADER, requestScheme } from "./client-address";

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
  req.headers[REQUEST_SCHEME_HEADER] = requestScheme(req.headers["x-forwarded-proto"], config.TRUSTED_PROXY_HOPS);
  void handle(req, res);
});
// Keep-alive connections outlive the clients' idea of them (Node's default is 5 s): a client reusing a
// socket just as the server closes it gets ECONNRESET. Longer than common proxies' and clients' idle
// timeouts; headers must be allowed a little longer than that.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(config.PORT, hostname, () => {
  console.log(`fleetgate web: listening on http://${hostname}:${config.PORT}${dev ? " (dev)" : ""}`);
});
