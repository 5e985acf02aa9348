import { createServer } from "node:http";
import { loadConfig } from "./config.js";
import { ProjectStore } from "./projects.js";
import { handle } from "./routes.js";

const environment = process.env.APP_ENV;
const file = new URL(environment ? `../config/environments/${environment}.yaml` : "../config/app.yaml", import.meta.url);
const config = loadConfig(file);
const store = new ProjectStore();

const server = createServer(async (req, res) => {
  let body;
  try {
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
      size += chunk.length;
      if (size > config.server.max_body_bytes) throw new RangeError("body too large");
      chunks.push(chunk);
    }
    body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
  } catch {
    res.writeHead(400, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "bad_request", message: "body must be JSON within the size limit" } }));
    return;
  }
  const answer = handle({ method: req.method, path: new URL(req.url, "http://localhost").pathname, body }, store);
  res.writeHead(answer.status, { "content-type": "application/json" });
  res.end(JSON.stringify(answer.body));
});

server.requestTimeout = config.server.timeout_ms;
server.listen(config.server.port, config.server.host, () => {
  console.log(`platform-api listening on ${config.server.host}:${config.server.port}`);
});
