// Hub errors: the server throws HubException("code: detail") (Hub.Server's HubErrors); the client sees it
// inside the message of the invocation's Error: "An unexpected error ... HubException: code: detail".

export type HubErrorCode = "validation_failed" | "not_found" | "forbidden" | "conflict" | "conversation_closed" | "rate_limited" | "call_failed";

const codes = new Set<string>(["validation_failed", "not_found", "forbidden", "conflict", "conversation_closed", "rate_limited", "call_failed"]);

export interface HubError {
  code: HubErrorCode;
  detail: string;
}

const marker = "HubException: ";

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The code and detail after the marker ("" for a code when there is no "code: " prefix), or null. */
function split(message: string): { code: string; detail: string } | null {
  const at = message.indexOf(marker);
  if (at < 0) return null;
  const rest = message.slice(at + marker.length);
  const sep = rest.indexOf(": ");
  return sep >= 0 ? { code: rest.slice(0, sep), detail: rest.slice(sep + 2) } : { code: "", detail: rest };
}

/** A Hub protocol error (`... HubException: code: detail`), or null for transport and other failures. */
export function readHubError(error: unknown): HubError | null {
  const parts = split(messageOf(error));
  return parts && codes.has(parts.code) ? { code: parts.code as HubErrorCode, detail: parts.detail } : null;
}

/** The seconds a `rate_limited` refusal asks to wait ("rate_limited: Retry after N s: ..."), or null for any other error. */
export function retryAfterSeconds(error: unknown): number | null {
  const read = readHubError(error);
  const match = read?.code === "rate_limited" ? /^Retry after (\d+) s/.exec(read.detail) : null;
  return match ? Number(match[1]) : null;
}

/** What to show a person: the detail of a Hub error ("conflict: ..." becomes "..."), or the message as it is. */
export function hubErrorText(error: unknown): string {
  const message = messageOf(error);
  return split(message)?.detail ?? message;
}
