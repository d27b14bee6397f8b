// The customer's chat without the DOM: holds the reducer's state, keeps it in localStorage, owns the
// connection, the session and the sync, and turns what the customer does into hub calls and events.
import { Link, type LinkState } from "./connection";
import { reduce } from "./conversation";
import { hasClientMessageId, initialState, type ChatEvent, type ChatState, type Effect } from "./state";
import type { Texts } from "./i18n";
import { isOpen, readHubError, type ArgsOf, type CustomerHubMethods } from "./protocol";
import { IdentityRefused, Session } from "./session";
import { newId, Store, type PendingStart } from "./store";
import { Sync, type SyncHost } from "./sync";
import { TypingSender } from "./typing";

/** What the chat tells its view. */
export interface ChatView {
  /** The state or the connection changed. */
  changed(): void;
  /** A message was added or the conversation changed (after changed()). */
  announce(effect: Effect): void;
  linkChanged(state: LinkState): void;
  /** StartConversation was refused or could not be sent: back to the form with the text. */
  startFailed(detail: string, text: string): void;
}

export class Chat implements SyncHost {
  readonly store: Store;
  readonly session: Session;
  state: ChatState = initialState;
  link: Link | null = null;
  readonly closedSend: string;
  private readonly sync = new Sync(this);
  private readonly typing: TypingSender;
  /** The clientMessageId of a LeaveMessage that may have gone through, reused when it is repeated. */
  private leaveMessageId: string | null = null;

  tooFast(seconds: number): string {
    return this.t.tooFast.replace("{seconds}", String(seconds));
  }

  constructor(
    private readonly hub: string,
    private readonly t: Texts,
    private readonly view: ChatView,
  ) {
    this.closedSend = t.closedSend;
    this.store = new Store(hub);
    this.session = new Session(hub, this.store);
    this.typing = new TypingSender((isTyping) => this.state.conv && this.invokeQuietly("Typing", { conversationId: this.state.conv.id, isTyping }));
  }

  /** Shows what this tab kept: the conversation (only with the visitor's session) or a start on its way. */
  load(): void {
    if (this.session.storedForSomeoneElse) return; // an identified user's, until the page identifies them again
    const conv = this.session.current ? this.store.conversation : null;
    if (conv) this.dispatch({ type: "shown", conv, history: this.store.history(conv.id), outbox: this.store.outbox(conv.id) });
    const start = this.store.pendingStart;
    if (start && !conv) this.dispatch({ type: "startRequested", start, at: Date.now() });
  }

  /** True when there is something to follow at once: an open chat or a start to repeat. */
  get wantsConnection(): boolean {
    return (this.store.pendingStart !== null && !this.session.storedForSomeoneElse) || this.hasOpenConversation;
  }

  /** A conversation is shown and still open (one without a snapshot yet waits). */
  get hasOpenConversation(): boolean {
    return this.state.conv !== null && isOpen(this.state.conv.conversation?.status ?? "Waiting");
  }

  dispatch(event: ChatEvent): void {
    const before = this.state;
    const { state, effects } = reduce(before, event);
    if (state === before) return;
    this.state = state;
    // What another tab wrote is not written back: it may know more than this tab.
    if (state.conv !== before.conv && event.type !== "learnt") this.store.conversation = state.conv;
    if (state.conv?.conversation && !isOpen(state.conv.conversation.status)) this.typing.reset();
    this.view.changed();
    for (const effect of effects) {
      if (effect.type === "message" && effect.persist && state.conv) this.store.saveHistory(state.conv.id, [effect.message]);
      this.view.announce(effect);
    }
  }

  /** Forgets the conversation: "new chat", or the server does not know it any more. */
  drop(): void {
    if (this.state.conv) this.store.forget(this.state.conv.id);
    this.leaveMessageId = null;
    this.dispatch({ type: "dropped" });
  }

  startFailed(detail: string, text: string): void {
    this.dispatch({ type: "startFailed" });
    this.view.startFailed(detail, text);
  }

  // ---- connection -------------------------------------------------------------------------

  async connect(): Promise<void> {
    const start = this.store.pendingStart;
    const visitorChanged = await this.session.ensure({ name: start?.name ?? null, email: start?.email ?? null });
    if (visitorChanged && this.state.conv) this.drop();
    if (!this.link) {
      const link = new Link(
        `${this.hub}/hubs/customer`,
        () => this.session.token,
        () => this.sync.sync(),
        (state) => this.view.linkChanged(state),
      );
      link.on("MessageReceived", (message) => this.dispatch({ type: "messageReceived", message }));
      link.on("TypingChanged", (typing) => this.dispatch({ type: "typing", typing }));
      link.on("MessagesRead", (read) => this.dispatch({ type: "read", read }));
      link.on("ConversationChanged", (conversation) => this.dispatch({ type: "conversationChanged", conversation }));
      link.on("QueuePositionChanged", (queue) => this.dispatch({ type: "queuePosition", queue }));
      link.on("AgentsUnavailable", (unavailable) => this.dispatch({ type: "agentsUnavailable", unavailable }));
      this.link = link;
    }
    await this.link.start();
  }

  /** The page identified the user of the stored session: show and follow what it kept. */
  identified(): void {
    if (this.state.conv) return;
    this.load();
    if (this.wantsConnection) this.connectSoon();
  }

  /**
   * SupportHub.reset(): closes the connection and forgets the session, the conversation, the local
   * history and the pre-chat values; the next visitor starts fresh.
   */
  reset(): void {
    const link = this.link;
    this.link = null;
    this.typing.reset();
    this.leaveMessageId = null;
    this.session.clear();
    this.store.clear();
    this.dispatch({ type: "dropped" });
    this.store.clear(); // "dropped" wrote the empty conversation
    void link?.stop();
  }

  /** Connects, retrying with backoff while even the visitor token cannot be had (server down, offline). */
  connectSoon(attempt = 0): void {
    this.connect().catch((error: unknown) => {
      if (error instanceof IdentityRefused) {
        // The site's signature was refused: retrying cannot help. A start on its way goes back to the form.
        const start = this.store.pendingStart;
        this.store.pendingStart = null;
        if (start) this.startFailed(this.t.errorIdentity, start.text);
        return;
      }
      const delay = Math.min(60_000, 1000 * 2 ** attempt);
      setTimeout(() => this.connectSoon(attempt + 1), delay / 2 + Math.random() * (delay / 2));
    });
  }

  /** A connection for a one-off call (end, rate, leave a message), made now if the page had none. */
  private async connected(): Promise<boolean> {
    if (!this.link?.connected) await this.connect().catch(() => undefined);
    return this.link?.connected === true;
  }

  private invokeQuietly<K extends "Typing" | "MarkRead">(method: K, ...args: ArgsOf<CustomerHubMethods, K>): void {
    if (this.link?.connected) void this.link.invoke(method, ...args).catch(() => undefined);
  }

  // ---- what the customer does -------------------------------------------------------------

  /** Starts a conversation with the pre-chat form's values; repeated on reconnect until answered. */
  start(values: { name: string; email: string; topic: string; text: string }): Promise<void> {
    // A verified user's profile comes from identify() on every page; only an anonymous visitor's is kept.
    if (!this.session.identified) this.store.profile = { name: values.name, email: values.email, topic: values.topic };
    const start: PendingStart = {
      clientMessageId: newId(),
      name: values.name || null,
      email: values.email || null,
      topic: values.topic || null,
      text: values.text,
    };
    this.drop();
    this.store.pendingStart = start;
    this.dispatch({ type: "startRequested", start, at: Date.now() });
    return this.connect()
      .then(() => (this.link?.connected ? this.sync.sync() : undefined))
      .catch((error: unknown) => {
        // No visitor token: nothing was sent. Back to the form with the text.
        if (this.store.pendingStart?.clientMessageId === start.clientMessageId && !this.session.current) {
          this.store.pendingStart = null;
          this.startFailed(error instanceof IdentityRefused ? this.t.errorIdentity : this.t.errorGeneric, start.text);
        }
      });
  }

  /** Queues a message in the outbox and sends it when it can. False when there is nothing to send it to. */
  send(text: string): boolean {
    const conv = this.state.conv;
    if (!text.trim() || !conv || !this.hasOpenConversation) return false;
    const entry = { clientMessageId: newId(), text, at: Date.now() };
    this.store.addToOutbox(conv.id, entry);
    this.typing.stop();
    this.dispatch({ type: "queued", entry });
    void this.sync.flush().catch(() => undefined);
    return true;
  }

  typingInput(hasText: boolean): void {
    if (this.hasOpenConversation) this.typing.input(hasText);
  }

  typingStop(): void {
    this.typing.stop();
  }

  /** The customer has seen everything up to seq: kept, and told to the server once per seq. */
  seen(seq: number): void {
    const conv = this.state.conv;
    if (!conv) return;
    this.dispatch({ type: "seen", seq });
    if (seq > this.state.markedSeq && this.link?.connected) {
      this.dispatch({ type: "markedRead", seq });
      this.invokeQuietly("MarkRead", { conversationId: conv.id, seq });
    }
  }

  end(): void {
    const conv = this.state.conv;
    if (!conv || !this.link?.connected) return;
    this.typing.stop();
    this.link
      .invoke("End", { conversationId: conv.id })
      .then(() => this.sync.resume())
      .catch(() => undefined); // the next connect's resume shows whatever happened
  }

  /** Rates the ended chat; the error to show, or null when done. */
  async rate(score: number, comment: string): Promise<string | null> {
    const conv = this.state.conv;
    if (!conv || !(await this.connected()) || !this.link) return this.t.errorGeneric;
    try {
      await this.link.invoke("Rate", { conversationId: conv.id, score, comment: comment.trim() || null });
    } catch (error) {
      const hubError = readHubError(error);
      // conflict: rated already (another tab). A server without Rate: nothing to send it to.
      const rated = hubError?.code === "conflict" || /Method does not exist/.test(String(error));
      if (!rated) return hubError?.detail ?? this.t.errorGeneric;
    }
    this.dispatch({ type: "rated", conversationId: conv.id, score });
    return null;
  }

  skipRating(): void {
    if (this.state.conv) this.dispatch({ type: "rated", conversationId: this.state.conv.id, score: null });
  }

  /** Leaves a message while nobody can answer; the error to show, or null when done. */
  async leaveMessage(text: string, email: string): Promise<string | null> {
    const conv = this.state.conv;
    if (!conv) return null;
    if (!(await this.connected()) || !this.link) return this.t.offlineNetwork;
    this.leaveMessageId ??= newId();
    const clientMessageId = this.leaveMessageId;
    try {
      const result = await this.link.invoke("LeaveMessage", { conversationId: conv.id, clientMessageId, text, email: email || null });
      this.dispatch({ type: "leftMessage", conversationId: conv.id, ticketNumber: result.ticketNumber, email: email || null });
    } catch (error) {
      const hubError = readHubError(error);
      if (!hubError) return this.t.errorGeneric;
      if (hubError.code !== "conflict") return hubError.detail;
      // conflict: either our earlier attempt went through (the message is stored), or an agent took the chat.
      await this.sync.resume();
      const ticketNumber = this.state.conv?.ticketNumber ?? conv.ticketNumber;
      if (hasClientMessageId(this.state, clientMessageId)) this.dispatch({ type: "leftMessage", conversationId: conv.id, ticketNumber, email: email || null });
      else this.dispatch({ type: "offlineCleared" });
    }
    if (email && !this.session.identified) this.store.profile = { ...this.store.profile, email };
    this.leaveMessageId = null;
    await this.sync.resume().catch(() => undefined);
    return null;
  }

  // ---- other tabs -------------------------------------------------------------------------

  /** Follows what another tab wrote; true when the key was the conversation's or its outbox's. */
  fromStorage(key: string | null): boolean {
    const conv = this.state.conv;
    if (key === this.store.key("conversation") || key === null) {
      const next = this.store.conversation;
      if (next?.id !== conv?.id) {
        this.session.reload();
        this.dispatch({ type: "shown", conv: next, history: next ? this.store.history(next.id) : [], outbox: next ? this.store.outbox(next.id) : [] });
        if (this.hasOpenConversation) void this.connect().then(() => this.sync.sync()).catch(() => undefined);
      } else if (next && conv) {
        // Another tab rated, left a message or saw a change: take what it learnt.
        this.dispatch({ type: "learnt", conv: next });
      }
      this.view.changed();
      return true;
    }
    if (conv && key === this.store.key(`outbox:${conv.id}`)) {
      this.dispatch({ type: "outboxChanged", outbox: this.store.outbox(conv.id) });
      return true;
    }
    return false;
  }
}
