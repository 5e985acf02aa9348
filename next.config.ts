import type { NextConfig } from "next";
import { MAX_BODY_BYTES } from "./server/http/parse-input";

const config: NextConfig = {
  poweredByHeader: false,
  // The worker, CLI and migrations import server/ through tsx; Next bundles only what the app imports.
  // The shell parser loads its WebAssembly files from node_modules at run time (server/policy/shell-parser.ts).
  serverExternalPackages: ["pg", "bcryptjs", "bullmq", "ioredis", "web-tree-sitter", "tree-sitter-bash"],
  typedRoutes: false,
  experimental: {
    // With proxy.ts, Next reads a request's whole body into memory (10 MB by default) before the route
    // sees it. One byte over the API's own limit is enough for readJsonBody to answer 413.
    proxyClientMaxBodySize: MAX_BODY_BYTES + 1,
  },
};

export default config;
