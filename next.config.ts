import type { NextConfig } from "next";

const config: NextConfig = {
  poweredByHeader: false,
  // The worker, CLI and migrations import server/ through tsx; Next bundles only what the app imports.
  // The shell parser loads its WebAssembly files from node_modules at run time (server/policy/shell-parser.ts).
  serverExternalPackages: ["pg", "bcryptjs", "bullmq", "ioredis", "web-tree-sitter", "tree-sitter-bash"],
  typedRoutes: false,
};

export default config;
