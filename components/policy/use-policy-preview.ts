"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { api, tenantPath } from "../api/api-client";
import { policyKeys } from "./policy-keys";
import type { Preview } from "./types";
import { useDebounced } from "./use-debounced";

export const PREVIEW_DEBOUNCE_MS = 400;

/** Parses the try-an-input box: undefined when empty, an error sentence when it is not JSON. */
export function parseInput(text: string): { input?: unknown; error?: string } {
  if (!text.trim()) return {};
  try {
    return { input: JSON.parse(text) };
  } catch (e) {
    return { error: `The input is not JSON: ${(e as Error).message}` };
  }
}

/**
 * The preview of the editor's text, recomputed once typing pauses. A newer text changes the query
 * key, so the older request loses its observer and is aborted through its signal; the last answer
 * stays on screen meanwhile.
 */
export function usePolicyPreview(tenant: string, text: { content: string; tests: string; inputText: string; documentId?: string }) {
  const settled = useDebounced(text, PREVIEW_DEBOUNCE_MS);
  const parsed = useMemo(() => parseInput(settled.inputText), [settled.inputText]);
  // The key is hashed by value: an equal body asks nothing again.
  const body = { content: settled.content, tests: settled.tests, documentId: settled.documentId, ...(parsed.input !== undefined ? { input: parsed.input } : {}) };
  const query = useQuery({
    queryKey: policyKeys.preview(tenant, body),
    queryFn: ({ signal }) => api<Preview>(tenantPath(tenant, "policy/preview"), { method: "POST", body, signal }),
    enabled: body.content.trim() !== "",
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 60_000,
  });
  const typing = settled.content !== text.content || settled.tests !== text.tests || settled.inputText !== text.inputText;
  const pending = typing || query.isFetching;
  return { query, inputError: parsed.error ?? null, pending, settledText: settled };
}
