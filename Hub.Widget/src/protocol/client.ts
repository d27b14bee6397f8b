// Rules every client of the hubs follows (docs/protocol/client-guide.md), written once for the
// widget and the console.

/**
 * Runs task one at a time: a call while it runs gets the running promise and makes the task run
 * once more when it is done, so what came meanwhile is picked up by that run, not lost, and a burst
 * of calls costs at most two runs. Resume and the outbox flush must never overlap themselves.
 */
export function singleFlight(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await task();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
}

/**
 * Whether a Resume answer's conversation snapshot may be applied. The server read it before it
 * answered; a live ConversationChanged that arrived meanwhile (an agent joined) is newer, and every
 * later change comes live as well. Count live changes, note the count when Resume goes out, and
 * apply the snapshot only when the count is still the same; the messages apply either way.
 */
export const resumeSnapshotIsCurrent = (liveChangesBefore: number, liveChangesNow: number): boolean =>
  liveChangesBefore === liveChangesNow;
