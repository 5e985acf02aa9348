import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { cache } from "react";
import type { RecipeTemplate } from "@/components/runs/types";

// The demo recipes (prisma/demo/recipes) as starting points for the task form. Each file's header
// comments name the repositories it is for and its task class; the metadata names and describes it.
const DIR = path.join(process.cwd(), "prisma", "demo", "recipes");

export const loadRecipeTemplates = cache(async (): Promise<RecipeTemplate[]> => {
  let files: string[];
  try {
    files = (await readdir(DIR)).filter((f) => f.endsWith(".yaml")).sort();
  } catch {
    return []; // a deployment without the demo files offers no templates
  }
  return Promise.all(files.map(async (f) => {
    const content = await readFile(path.join(DIR, f), "utf8");
    const header = (key: string) => new RegExp(`^# ${key}:\\s*(.+)$`, "m").exec(content)?.[1]?.trim() ?? "";
    const description = /description:\s*([^}\n]+?)\s*}?\s*$/m.exec(content)?.[1]?.trim() ?? "";
    return {
      name: f.replace(/\.yaml$/, ""),
      description,
      taskClass: header("task-class"),
      repositories: header("repositories").split(",").map((s) => s.trim()).filter(Boolean),
      content,
    };
  }));
});
