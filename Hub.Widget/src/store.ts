import type { ConversationDto, MessageDto, VisitorSession } from "./protocol";

/** A message the customer wrote that the server has not acknowledged yet. */
export interface OutboxEntry {
  clientMessageId: string;
  text: string;
  at: number;
}

/** A StartConversation call that has not answered yet: repeated with the same clientMessageId. */
export interface PendingStart {
  clientMessageId: string;
  name: string | null;
  email: string | null;
  topic: string | null;
  text: string;
}

export interface Profile {
  name: string;
  email: string;
  topic: string;
}

/** What the widget keeps of the conversation it shows. */
export interface ConversationState {
  id: string;
  ticketNumber: number;
  conversation: ConversationDto | null;
  /** Set when the customer left a message (ticket number shown on reload). */
  leftMessage: { ticketNumber: number; email: string | null } | null;
  rated: boolean;
}

const historyLimit = 200;

/**
 * localStorage, namespaced per hub, shared by every tab of the page's origin. Every write reads the
 * current value first where tabs could race, and merges. Failing storage (private mode, quota) only
 * loses persistence, never the chat.
 */
export class Store {
  private readonly prefix: string;

  constructor(hub: string) {
    this.prefix = `supporthub:v1:${hub}:`;
  }

  /** True for a storage event key of this widget. */
  owns(key: string | null): boolean {
    return key === null || key.startsWith(this.prefix);
  }

  key(name: string): string {
    return this.prefix + name;
  }

  private read<T>(name: string): T | null {
    try {
      const raw = localStorage.getItem(this.prefix + name);
      return raw ? (JSON.parse(raw) as T) : null;
    } catch {
      return null;
    }
  }

  private write(name: string, value: unknown): void {
    try {
      if (value === null || value === undefined) localStorage.removeItem(this.prefix + name);
      else localStorage.setItem(this.prefix + name, JSON.stringify(value));
    } catch {
      // Quota or disabled storage: the chat goes on without persistence.
    }
  }

  get session(): VisitorSession | null {
    const s = this.read<VisitorSession>("session");
    return s && Date.parse(s.expiresAt) > Date.now() + 60_000 ? s : null;
  }

  set session(value: VisitorSession | null) {
    this.write("session", value);
  }

  get conversation(): ConversationState | null {
    return this.read<ConversationState>("conversation");
  }

  set conversation(value: ConversationState | null) {
    this.write("conversation", value);
  }

  get pendingStart(): PendingStart | null {
    return this.read<PendingStart>("pending-start");
  }

  set pendingStart(value: PendingStart | null) {
    this.write("pending-start", value);
  }

  get profile(): Profile {
    return { name: "", email: "", topic: "", ...this.read<Partial<Profile>>("profile") };
  }

  set profile(value: Profile) {
    this.write("profile", value);
  }

  get sound(): boolean {
    return this.read<boolean>("sound") === true;
  }

  set sound(value: boolean) {
    this.write("sound", value);
  }

  history(conversationId: string): MessageDto[] {
    return this.read<MessageDto[]>(`history:${conversationId}`) ?? [];
  }

  /** Merges messages into the stored history by seq, keeping the newest ones. */
  saveHistory(conversationId: string, messages: Iterable<MessageDto>): void {
    const bySeq = new Map<number, MessageDto>();
    for (const m of this.history(conversationId)) bySeq.set(m.seq, m);
    for (const m of messages) bySeq.set(m.seq, m);
    const sorted = [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(-historyLimit);
    this.write(`history:${conversationId}`, sorted);
  }

  outbox(conversationId: string): OutboxEntry[] {
    return this.read<OutboxEntry[]>(`outbox:${conversationId}`) ?? [];
  }

  addToOutbox(conversationId: string, entry: OutboxEntry): void {
    const list = this.outbox(conversationId).filter((e) => e.clientMessageId !== entry.clientMessageId);
    list.push(entry);
    this.write(`outbox:${conversationId}`, list);
  }

  removeFromOutbox(conversationId: string, clientMessageId: string): void {
    const list = this.outbox(conversationId).filter((e) => e.clientMessageId !== clientMessageId);
    this.write(`outbox:${conversationId}`, list.length > 0 ? list : null);
  }

  /** Forgets what was kept of a visitor who is not the current one: session, conversation, histories, outboxes. */
  forgetVisitor(): void {
    this.removeWhere((name) => name === "session" || name === "conversation" || name.startsWith("history:") || name.startsWith("outbox:"));
  }

  /** SupportHub.reset(): everything of this widget but the sound setting. */
  clear(): void {
    this.removeWhere((name) => name !== "sound");
  }

  private removeWhere(test: (name: string) => boolean): void {
    try {
      const names: string[] = [];
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key?.startsWith(this.prefix) && test(key.slice(this.prefix.length))) names.push(key);
      }
      for (const key of names) localStorage.removeItem(key);
    } catch {
      // Disabled storage kept nothing.
    }
  }

  /** Forgets a finished conversation's history and outbox. */
  forget(conversationId: string): void {
    this.write(`history:${conversationId}`, null);
    this.write(`outbox:${conversationId}`, null);
  }
}

export function newId(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
