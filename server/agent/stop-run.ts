// How an adapter honours the run's AbortSignal. The pipeline aborts it when a cancel or a kill
// switch stops the run; the adapter then stops at its next step and throws RunInterrupted: the
// signal's reason when the pipeline aborted with a RunInterrupted (so its message survives),
// otherwise a "stopped" one. A gateway call in flight is not awaited twice: whatever the gateway
// throws on abort propagates unchanged.
import { RunInterrupted } from "./types";

export function stoppedError(signal: AbortSignal): RunInterrupted {
  return signal.reason instanceof RunInterrupted ? signal.reason : new RunInterrupted("stopped", "the run was stopped");
}

export function throwIfStopped(signal: AbortSignal): void {
  if (signal.aborted) throw stoppedError(signal);
}
