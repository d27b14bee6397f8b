import type { CreateVisitorRequest, VisitorSession } from "./protocol";
import type { Store } from "./store";

/** Who the page says the visitor is: an identity token (JWT) signed by the site, or the legacy user hash. */
type Identity = { userId: string; token: string } | { userId: string; userHash: string };

/** What the identity token signs, read without checking the signature (the server checks it). */
export interface SignedClaims {
  sub: string;
  name: string | null;
  email: string | null;
}

/** POST /api/visitors refused the identity (401 with code identity_*): retrying will not help. */
export class IdentityRefused extends Error {
  constructor(readonly code: string) {
    super(`identity refused: ${code}`);
  }
}

export function readClaims(token: string): SignedClaims | null {
  try {
    const part = token.split(".")[1] ?? "";
    const base64 = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
    const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)))) as Record<string, unknown>;
    const text = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);
    const sub = text(json.sub);
    return sub ? { sub, name: text(json.name), email: text(json.email) } : null;
  } catch {
    return null;
  }
}

/**
 * The visitor's token: kept in localStorage for its lifetime, fetched from POST /api/visitors when
 * there is none or when it does not fit who the page says the visitor is. A stored session of an
 * identified user is used only while the page identifies that same user: a page that no longer calls
 * identify gets a new anonymous visitor (docs/widget.md#identify).
 */
export class Session {
  private identity: Identity | null = null;
  /** The session this tab connects with. */
  current: VisitorSession | null;

  constructor(
    private readonly hub: string,
    private readonly store: Store,
  ) {
    this.current = this.fitting();
  }

  get token(): string {
    return this.current?.token ?? "";
  }

  /** True once the page identified a site user. */
  get identified(): boolean {
    return this.identity !== null;
  }

  /** A stored session of an identified user that the page has not (yet) identified: not to be shown. */
  get storedForSomeoneElse(): boolean {
    return this.store.session !== null && this.fitting() === null;
  }

  /** Becomes a verified user: a stored session of another user is not used any more. True when the stored one fits now. */
  identify(identity: Identity): boolean {
    this.identity = { ...identity, userId: identity.userId.slice(0, 64) };
    this.current = this.fitting();
    return this.current !== null;
  }

  /** Forgets the session and who the visitor was (SupportHub.reset()). */
  clear(): void {
    this.identity = null;
    this.current = null;
  }

  /** Another tab may have fetched a session. */
  reload(): void {
    this.current = this.fitting();
  }

  /**
   * The stored session when it fits the identity, else a new one from the server. True when the
   * visitor changed: a new visitor cannot reach the old one's conversation.
   */
  async ensure(profile: { name: string | null; email: string | null }): Promise<boolean> {
    const stored = this.fitting();
    if (stored) {
      this.current = stored;
      return false;
    }
    // Someone else's session (an identified user the page no longer names): nothing of theirs stays.
    if (this.store.session) this.store.forgetVisitor();
    const identity = this.identity;
    const body: CreateVisitorRequest = {
      ...profile,
      identityToken: identity && "token" in identity ? identity.token : null,
      userId: identity && "userHash" in identity ? identity.userId : null,
      userHash: identity && "userHash" in identity ? identity.userHash : null,
    };
    const response = await fetch(`${this.hub}/api/visitors`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
    });
    if (response.status === 401) {
      const problem = (await response.json().catch(() => null)) as { code?: string } | null;
      throw new IdentityRefused(problem?.code ?? "identity_invalid");
    }
    if (!response.ok) throw new Error(`POST /api/visitors answered ${response.status}`);
    const session: VisitorSession = { ...((await response.json()) as VisitorSession), userId: identity?.userId ?? null };
    this.store.session = session;
    const changed = this.current?.customerId !== session.customerId;
    this.current = session;
    return changed;
  }

  /** The stored session if it belongs to the visitor the page names (an anonymous one when it names nobody). */
  private fitting(): VisitorSession | null {
    const stored = this.store.session;
    return stored && (stored.userId ?? null) === (this.identity?.userId ?? null) ? stored : null;
  }
}
