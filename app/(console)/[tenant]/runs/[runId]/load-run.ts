import { notFound } from "next/navigation";
import { cache } from "react";
import { ZId } from "@/server/http/define-route";
import { AppError } from "@/server/core/app-error";
import { readContext } from "@/server/core/read-context";
import { getRun } from "@/server/runs/get-run";
import { pageScope } from "../../../_lib/page-scope";

/** One run as the signed-in person may see it, once per render (the layout and the page both ask); otherwise 404. */
export const loadRun = cache(async (tenant: string, runId: string) => {
  const { scope } = await pageScope(tenant, "run.read");
  if (!ZId.safeParse(runId).success) notFound();
  try {
    return { scope, detail: await getRun(readContext(scope), runId) };
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  }
});
