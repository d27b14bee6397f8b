import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { singleFlight } from "../src/protocol";

/** A promise and the function that settles it. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe("singleFlight", () => {
  it("runs one at a time, and once more when asked while running", async () => {
    const gates = [gate(), gate()];
    let runs = 0;
    let active = 0;
    const task = singleFlight(async () => {
      active++;
      assert.equal(active, 1, "never two at once");
      await gates[runs++].promise;
      active--;
    });
    const first = task();
    const second = task(); // while the first runs
    const third = task(); // asking twice meanwhile still means one more run
    assert.equal(second, first);
    assert.equal(third, first);
    gates[0].open();
    await Promise.resolve();
    gates[1].open();
    await first;
    assert.equal(runs, 2);
  });

  it("starts afresh after a run, and after a failure", async () => {
    let runs = 0;
    const task = singleFlight(async () => {
      runs++;
      if (runs === 1) throw new Error("transport");
    });
    await assert.rejects(task());
    await task();
    assert.equal(runs, 2);
  });
});
