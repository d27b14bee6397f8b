import type { VisitorSession } from "./protocol";
import type { Store } from "./store";

/**
 * The visitor's token: kept in localStorage for its lifetime, fetched from POST /api/visitors when
 * there is none or when identify() names another verified user (userId with the site's userHash).
 */
export class Session {
  private identity: { userId: string; userHash: string } | null = null;
  /** The session this tab connects with. */
  current: VisitorSession | null;

  constructor(
    private readonly hub: string,
    private readonly store: Store,
  ) {
    this.current = store.session;
  }

  get token(): string {
    return this.current?.token ?? "";
  }

  /** Becomes a verified user: a stored session of another user is not used any more. */
  identify(userId: string, userHash: string): void {
    this.identity = { userId: userId.slice(0, 64), userHash };
    if (this.store.session && this.store.session.userId !== this.identity.userId) this.store.session = null;
  }

  /** Another tab may have fetched a session. */
  reload(): void {
    this.current = this.store.session;
  }

  /**
   * The stored session when it fits the identity, else a new one from the server. True when the
   * visitor changed: a new visitor cannot reach the old one's conversation.
   */
  async ensure(profile: { name: string | null; email: string | null }): Promise<boolean> {
    const stored = this.store.session;
    const userId = this.identity?.userId ?? null;
    if (stored && (stored.userId ?? null) === (userId ?? stored.userId ?? null)) {
      this.current = stored;
      return false;
    }
    const response = await fetch(`${this.hub}/api/visitors`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...profile, userId, userHash: this.identity?.userHash ?? null }),
      credentials: "omit",
    });
    if (!response.ok) throw new Error(`POST /api/visitors answered ${response.status}`);
    const session: VisitorSession = { ...((await response.json()) as VisitorSession), userId };
    this.store.session = session;
    const changed = this.current?.customerId !== session.customerId;
    this.current = session;
    return changed;
  }
}
