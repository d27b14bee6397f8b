// HTTP calls of the console (the agent hub is hub.ts) and the saved sign-in.
import type { AgentProfile, LoginResult, TicketDto, CustomerDto, VoiceTokenDto } from "../../Hub.Widget/src/protocol";

const sessionKey = "hub.console.session";

export interface Session {
  token: string;
  expiresAt: string;
  agent: AgentProfile;
}

export class HttpError extends Error {
  constructor(
    public readonly status: number,
    message: string,
    /** The Retry-After of a 429 (a limit refused the request), in seconds. */
    public readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

function retryAfterOf(response: Response): number | null {
  const seconds = Number(response.headers.get("Retry-After"));
  return response.status === 429 && Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(sessionKey);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (!session.token || new Date(session.expiresAt).getTime() <= Date.now()) return null;
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  localStorage.setItem(sessionKey, JSON.stringify(session));
}

export function dropSession(): void {
  localStorage.removeItem(sessionKey);
}

async function readProblem(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { detail?: string; title?: string };
    return body.detail ?? body.title ?? response.statusText;
  } catch {
    return response.statusText || String(response.status);
  }
}

export async function login(email: string, password: string): Promise<LoginResult> {
  const response = await fetch("/api/auth/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new HttpError(response.status, await readProblem(response), retryAfterOf(response));
  return (await response.json()) as LoginResult;
}

async function getJson<T>(token: string, path: string): Promise<T> {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new HttpError(response.status, await readProblem(response));
  return (await response.json()) as T;
}

export const me = (token: string) => getJson<AgentProfile>(token, "/api/auth/me");
export const ticket = (token: string, number: number) => getJson<TicketDto>(token, `/api/tickets/${number}`);
export const customer = (token: string, customerId: string) =>
  getJson<CustomerDto>(token, `/api/customers/${encodeURIComponent(customerId)}`);

export const ticketsOf = (token: string, customerId: string) =>
  getJson<TicketDto[]>(token, `/api/tickets?customerId=${encodeURIComponent(customerId)}`);

/** A Voice SDK token for this agent; null when the server has voice off (404), as a chat-only install does. */
export async function voiceToken(token: string): Promise<VoiceTokenDto | null> {
  try {
    return await getJson<VoiceTokenDto>(token, "/api/voice/token");
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) return null;
    throw err;
  }
}
