import type { NextConfig } from "next";

const config: NextConfig = {
  poweredByHeader: false,
  // The worker, CLI and migrations import server/ through tsx; Next bundles only what the app imports.
  // The shell parser loads its WebAssembly files from node_modules at run time (server/policy/shell-parser.ts).
  serverExternalPackages: ["pg", "bcryptjs", "bullmq", "ioredis", "web-tree-sitter", "tree-sitter-bash"],
  typedRoutes: false,
  // `npm test` type-checks the whole project (tsc --noEmit) before it builds; checking again inside the
  // build would spend half a minute of the suite's time on the same answer. Every other build checks.
  typescript: { ignoreBuildErrors: process.env.FLEETGATE_TYPECHECKED === "1" },
};

export default config;
