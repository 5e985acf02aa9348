// Prisma 7 CLI configuration. Only `prisma generate` runs here: migrations are applied by
// server/db/migrate.ts because the CLI's schema engine cannot be downloaded on these machines.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
