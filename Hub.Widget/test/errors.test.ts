import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readHubError, retryAfterSeconds } from "../src/protocol";
import { de, en } from "../src/i18n";

const refusal = (detail: string): Error =>
  new Error(`An unexpected error occurred invoking 'Send' on the server. HubException: rate_limited: ${detail}`);

describe("rate_limited", () => {
  it("is a Hub error whose retry hint is read as seconds", () => {
    const error = refusal("Retry after 30 s: too many messages on this connection.");
    assert.equal(readHubError(error)?.code, "rate_limited");
    assert.equal(retryAfterSeconds(error), 30);
  });

  it("gives no hint for other errors", () => {
    assert.equal(retryAfterSeconds(new Error("HubException: conflict: Retry after 30 s: not a limit")), null);
    assert.equal(retryAfterSeconds(new Error("socket closed")), null);
  });

  it("is explained kindly in both languages", () => {
    assert.equal(en.tooFast.replace("{seconds}", "30"), "You are sending too fast, try again in 30 s.");
    assert.equal(de.tooFast.replace("{seconds}", "30"), "Sie senden zu schnell, bitte versuchen Sie es in 30 s erneut.");
  });
});
