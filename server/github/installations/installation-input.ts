// What the installation routes accept. Schemas only.
import { z } from "zod";

export const ZGithubInstallationId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const ZBindInstallation = z.object({
  installationId: ZGithubInstallationId.describe("GitHub's installation id (the number in the installation's settings URL)"),
}).strict();
export type BindInstallationInput = z.infer<typeof ZBindInstallation>;
