// Talking to the customer hub after every (re)connect: a pending start, the open conversation,
// Resume, then the outbox. Both loops run one at a time through singleFlight.
import type { Link } from "./connection";
import { maxSeq, type ChatEvent, type ChatState } from "./state";
import { isOpen, readHubError, retryAfterSeconds, singleFlight, type ResumeResult } from "./protocol";
import type { Store } from "./store";

/** What the sync needs of the chat it keeps in step with the server. */
export interface SyncHost {
  readonly link: Link | null;
  readonly store: Store;
  readonly state: ChatState;
  dispatch(event: ChatEvent): void;
  /** Forgets the conversation (the server does not know it, or it belongs to another visitor). */
  drop(): void;
  /** StartConversation was refused: back to the form with the text. */
  startFailed(detail: string, text: string): void;
  /** The reason shown under a message sent into a closed conversation. */
  readonly closedSend: string;
  /** What a refusal by a limit (`rate_limited`) says: try again in so many seconds. */
  tooFast(seconds: number): string;
}

/** The text shown for a refused call: kind words for a limit, the server's detail otherwise. */
function reasonOf(host: SyncHost, error: unknown, detail: string): string {
  const seconds = retryAfterSeconds(error);
  return seconds === null ? detail : host.tooFast(seconds);
}

export class Sync {
  /** After every (re)connect: a pending start, the open conversation, resume, then the outbox. */
  readonly sync = singleFlight(() => this.syncOnce());
  /** Sends the outbox in order, one at a time; a transport failure leaves the rest for the next connect. */
  readonly flush = singleFlight(() => this.flushOnce());

  constructor(private readonly host: SyncHost) {}

  private async syncOnce(): Promise<void> {
    const { host } = this;
    const link = host.link;
    if (!link?.connected) return;
    const start = host.store.pendingStart;
    if (start) {
      try {
        const result = await link.invoke("StartConversation", start);
        host.store.pendingStart = null;
        host.dispatch({ type: "started", start, result });
      } catch (error) {
        const hubError = readHubError(error);
        if (!hubError) throw error;
        host.store.pendingStart = null;
        host.startFailed(reasonOf(host, error, hubError.detail), start.text);
      }
    }
    if (!host.state.conv) {
      const list = await link.invoke("GetConversations");
      const current = list.find((c) => isOpen(c.status));
      if (current) host.dispatch({ type: "found", conversation: current, history: host.store.history(current.id), outbox: host.store.outbox(current.id) });
    }
    if (host.state.conv) {
      await this.resume();
      await this.flush();
    }
  }

  /** Reads what this tab missed of the conversation, page by page. */
  async resume(): Promise<void> {
    const { host } = this;
    const link = host.link;
    while (link && host.state.conv) {
      const id = host.state.conv.id;
      const liveChangesBefore = host.state.liveChanges;
      let result: ResumeResult;
      try {
        result = await link.invoke("Resume", { conversationId: id, afterSeq: maxSeq(host.state) });
      } catch (error) {
        if (readHubError(error)?.code === "not_found") {
          host.drop();
          return;
        }
        throw error;
      }
      if (host.state.conv?.id !== id) return;
      host.dispatch({ type: "resumed", conversationId: id, result, liveChangesBefore });
      host.store.saveHistory(id, result.messages);
      if (!result.hasMore || result.messages.length === 0) return;
    }
  }

  private async flushOnce(): Promise<void> {
    const { host } = this;
    while (host.state.conv && host.link?.connected && !host.store.pendingStart) {
      const id = host.state.conv.id;
      const entry = host.store.outbox(id)[0];
      if (!entry) return;
      try {
        const result = await host.link.invoke("Send", { conversationId: id, clientMessageId: entry.clientMessageId, text: entry.text });
        host.store.removeFromOutbox(id, entry.clientMessageId);
        host.dispatch({ type: "acked", conversationId: id, entry, result });
      } catch (error) {
        const hubError = readHubError(error);
        if (!hubError) return;
        host.store.removeFromOutbox(id, entry.clientMessageId);
        const closed = hubError.code === "conversation_closed";
        host.dispatch({ type: "sendFailed", clientMessageId: entry.clientMessageId, reason: closed ? host.closedSend : reasonOf(host, error, hubError.detail) });
        if (hubError.code === "not_found") host.drop();
        if (closed) await this.resume();
      }
    }
  }
}
