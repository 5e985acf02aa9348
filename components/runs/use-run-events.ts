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
export function useRunEvents(tenant: string, runId: string, initial: RunEventPage | null): RunEvents {
  const [state, setState] = useState<RunEvents>(() => initial
    ? { events: initial.events, loaded: true, ended: initial.ended && !initial.more, error: null }
    : { events: [], loaded: false, ended: false, error: null });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = initial?.events.at(-1)?.seq ?? 0;
    if (initial && initial.ended && !initial.more) return;
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
    // The server rendered the first page: the next one is asked for after the usual pause.
    if (initial) timer = setTimeout(tick, initial.more ? 0 : EVENTS_MS);
    else void tick();
    return () => {
      stopped = true;
      ctrl.abort();
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the initial page is read once, on mount
  }, [tenant, runId]);
  return state;
}
