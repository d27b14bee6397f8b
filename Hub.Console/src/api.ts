// HTTP calls of the console (the agent hub is hub.ts) and the saved sign-in.
import type {
  AgentAccountDto,
  AgentProfile,
  CreateAgentRequest,
  CreatedAgent,
  LoginResult,
  PasswordLink,
  TicketDto,
  CustomerDto,
  UpdateAgentRequest,
  VoiceTokenDto,
} from "../../Hub.Widget/src/protocol";

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

/** A call with a JSON body (or none); null token: anonymous. Answers the JSON body, or null for 204. */
async function send<T>(token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new HttpError(response.status, await readProblem(response));
  return (response.status === 204 ? null : await response.json()) as T;
}

/** Ends every session of the agent on the server (every device): its token stops working. */
export const logout = (token: string) => send<null>(token, "POST", "/api/auth/logout");
export const acceptInvitation = (linkToken: string, password: string) =>
  send<LoginResult>(null, "POST", `/api/auth/invitations/${encodeURIComponent(linkToken)}`, { password });
export const changePassword = (token: string, currentPassword: string, newPassword: string) =>
  send<LoginResult>(token, "PUT", "/api/auth/me/password", { currentPassword, newPassword });

export const listAgents = (token: string) => send<AgentAccountDto[]>(token, "GET", "/api/admin/agents");
export const createAgent = (token: string, request: CreateAgentRequest) => send<CreatedAgent>(token, "POST", "/api/admin/agents", request);
export const updateAgent = (token: string, id: string, request: UpdateAgentRequest) =>
  send<AgentAccountDto>(token, "PUT", `/api/admin/agents/${encodeURIComponent(id)}`, request);
export const setAgentEnabled = (token: string, id: string, enabled: boolean) =>
  send<AgentAccountDto>(token, "POST", `/api/admin/agents/${encodeURIComponent(id)}/${enabled ? "enable" : "disable"}`);
export const resetPassword = (token: string, id: string) =>
  send<PasswordLink>(token, "POST", `/api/admin/agents/${encodeURIComponent(id)}/password-reset`);
