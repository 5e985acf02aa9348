// Configuration for Prisma 6.19's CLI, used only for `migrate diff` between schema files: its
// WebAssembly schema engine works offline where Prisma 7's native engine cannot be downloaded.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma6/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaPg({ connectionString: "postgresql://postgres@127.0.0.1:5432/postgres" }),
});
