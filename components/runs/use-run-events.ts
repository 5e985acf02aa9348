"use client";

import { useEffect, useState } from "react";
import { api, tenantPath } from "../api/api-client";
import { EVENTS_MS } from "./run-keys";
import type { RunEventPage, RunEventView } from "./types";

export type RunEvents = { events: RunEventView[]; loaded: boolean; ended: boolean; error: unknown };

/**
 * The run's timeline, followed live: asks for the events after the last one it has, at once while
 * the server says there are more, every EVENTS_MS while the run goes on, and stops once the run
 * has ended and everything is read.
 */
export function useRunEvents(tenant: string, runId: string): RunEvents {
  const [state, setState] = useState<RunEvents>({ events: [], loaded: false, ended: false, error: null });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const ctrl = new AbortController();
    const tick = async () => {
      let next = EVENTS_MS;
      try {
        const page = await api<RunEventPage>(tenantPath(tenant, `runs/${runId}/events`, { afterSeq: last, limit: 500 }), { signal: ctrl.signal });
        if (stopped) return;
        const fresh = page.events.filter((e) => e.seq > last);
        if (fresh.length) last = fresh.at(-1)!.seq;
        const done = page.ended && !page.more;
        setState((s) => ({ events: fresh.length ? [...s.events, ...fresh] : s.events, loaded: true, ended: done, error: null }));
        if (done) return;
        if (page.more) next = 0;
      } catch (e) {
        if (stopped) return;
        setState((s) => ({ ...s, error: e }));
        next = EVENTS_MS * 3;
      }
      timer = setTimeout(tick, next);
    };
    void tick();
    return () => {
      stopped = true;
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [tenant, runId]);
  return state;
}
