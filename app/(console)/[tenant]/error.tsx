"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

/** Inside the console the header and navigation stay; only the page area shows the error. */
export default function ConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel error={error} retry={retry} />;
}
