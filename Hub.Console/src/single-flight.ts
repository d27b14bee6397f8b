/**
 * Runs work one at a time: a call while it runs asks for one more run after it and gets the running
 * promise, so a burst of calls costs at most two runs and the last call still sees fresh data.
 */
export function singleFlight(work: () => Promise<void>): () => Promise<void> {
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
          await work();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
}
