import type { NextConfig } from "next";

const config: NextConfig = {
  poweredByHeader: false,
  // The worker, CLI and migrations import server/ through tsx; Next bundles only what the app imports.
  serverExternalPackages: ["pg", "bcryptjs", "bullmq", "ioredis"],
  typedRoutes: false,
};

export default config;
