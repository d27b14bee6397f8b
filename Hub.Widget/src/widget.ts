import type { WidgetConfig } from "./config";
import { Link, type LinkState } from "./connection";
import { closedCard, leftMessageCard, offlineCard, ratingCard, showCardError } from "./cards";
import { format } from "./i18n";
import { MessageLog } from "./messages";
import { Notifier } from "./notify";
import { emailPattern, readPreChat } from "./prechat";
import {
  isOpen,
  readHubError,
  type AgentsUnavailableDto,
  type ConversationDto,
  type ConversationStatus,
  type LeaveMessageResult,
  type MessageDto,
  type QueuePositionDto,
  type ReadDto,
  type ResumeResult,
  type SendMessageResult,
  type StartConversationResult,
  type TypingDto,
  type VisitorSession,
} from "./protocol";
import { newId, Store, type ConversationState, type OutboxEntry, type PendingStart } from "./store";
import { TypingIndicator, TypingSender } from "./typing";
import { buildView, type View } from "./view";

export type WidgetEvent = "open" | "close" | "message" | "conversation";
type Handler = (payload?: unknown) => void;

function readSession(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

/** The customer chat: one conversation at a time, kept across reloads and in sync across tabs. */
export class Widget {
  private readonly t;
  private readonly store: Store;
  private readonly view: View;
  private readonly handlers = new Map<WidgetEvent, Set<Handler>>();
  private session: VisitorSession | null;
  private identity: { userId: string; userHash: string } | null = null;
  private link: Link | null = null;
  private conv: ConversationState | null;
  /** Rendered messages by seq (the dedupe key) and the pending ones. */
  private readonly log: MessageLog;
  private readonly notifier: Notifier;
  private readonly typing: TypingSender;
  private readonly agentTyping: TypingIndicator;
  /** The highest seq this tab told the server the customer has read. */
  private markedSeq = 0;
  private queue: QueuePositionDto | null = null;
  /** Queue events that raced ahead of StartConversation's answer, by conversation id. */
  private readonly early = new Map<string, EarlyEvents>();
  /** Counts live ConversationChanged events, so that a Resume answer read before one of them does not undo it. */
  private liveChanges = 0;
  private offline: { reason: string } | null = null;
  private offlineDismissed = false;
  private opened = false;
  private syncing: Promise<void> | null = null;
  private syncAgain = false;
  private flushing: Promise<void> | null = null;
  private flushAgain = false;
  private leaveMessageId: string | null = null;
  private busy = false;
  private confirmTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly config: WidgetConfig) {
    this.t = config.texts;
    this.store = new Store(config.hub);
    this.session = this.store.session;
    this.conv = this.session ? this.store.conversation : null;
    this.view = buildView(config);
    this.log = new MessageLog(this.view.log, this.t);
    this.notifier = new Notifier(this.view.launcher, this.view.badge, this.view.soundButton, this.t);
    this.typing = new TypingSender((isTyping) => this.conv && this.invokeQuietly("Typing", { conversationId: this.conv.id, isTyping }));
    this.agentTyping = new TypingIndicator(this.view.typing, this.t);
    this.wire();
    const profile = this.store.profile;
    this.view.formName.value = profile.name;
    this.view.formEmail.value = profile.email;
    this.view.formTopic.value = profile.topic;
    this.notifier.renderSound(this.store.sound);
    if (this.conv) this.showConversation();
    const start = this.store.pendingStart;
    if (start && !this.conv) this.showPendingStart(start);
    this.render();
    (document.body ?? document.documentElement).append(this.view.host);
    // Connect at once only when there is something to follow: an open chat or a start to repeat.
    if (start || (this.conv && isOpen(this.conv.conversation?.status ?? "Waiting"))) this.connectSoon(0);
    if (readSession(this.store.key("open")) === "1") this.open(false);
  }

  // ---- public API -------------------------------------------------------------------------

  open(focus = true): void {
    if (this.opened) return;
    this.opened = true;
    try {
      sessionStorage.setItem(this.store.key("open"), "1");
    } catch {
      // Storage disabled: the panel just does not reopen after a reload.
    }
    this.notifier.stopBlink();
    this.render();
    this.markSeen();
    if (focus) this.focusFirst();
    this.emit("open");
  }

  close(): void {
    if (!this.opened) return;
    this.opened = false;
    try {
      sessionStorage.removeItem(this.store.key("open"));
    } catch {
      // See open().
    }
    const hadFocus = this.view.host.shadowRoot?.activeElement != null;
    this.render();
    if (hadFocus) this.view.launcher.focus();
    this.emit("close");
  }

  on(event: WidgetEvent, handler: Handler): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  /**
   * Pre-fills the pre-chat form. With userId and userHash (hex HMAC-SHA256 of the user id with the
   * site's secret, computed by the site's server) the visitor becomes that verified user, with the
   * same history on every device.
   */
  identify(who: { name?: string; email?: string; userId?: string; userHash?: string } | null | undefined): void {
    if (typeof who?.userId === "string" && typeof who.userHash === "string") {
      this.identity = { userId: who.userId.slice(0, 64), userHash: who.userHash };
      if (this.store.session && this.store.session.userId !== this.identity.userId) this.store.session = null;
    }
    const profile = this.store.profile;
    if (typeof who?.name === "string") profile.name = who.name.slice(0, 100);
    if (typeof who?.email === "string") profile.email = who.email.slice(0, 254);
    this.store.profile = profile;
    this.view.formName.value = profile.name;
    this.view.formEmail.value = profile.email;
  }

  private emit(event: WidgetEvent, payload?: unknown): void {
    for (const handler of this.handlers.get(event) ?? []) {
      try {
        handler(payload);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
  }

  // ---- wiring -----------------------------------------------------------------------------

  private wire(): void {
    const v = this.view;
    v.launcher.addEventListener("click", () => (this.opened ? this.close() : this.open()));
    v.closeButton.addEventListener("click", () => this.close());
    v.panel.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        this.close();
      }
    });
    v.soundButton.addEventListener("click", () => {
      this.store.sound = !this.store.sound;
      if (this.store.sound) this.notifier.beep(true);
      this.notifier.renderSound(this.store.sound);
    });
    v.endButton.addEventListener("click", () => this.confirmEnd());
    v.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.submitForm();
    });
    v.formMessage.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submitForm();
      }
    });
    v.composer.addEventListener("submit", (e) => {
      e.preventDefault();
      this.sendFromComposer();
    });
    v.input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.sendFromComposer();
      }
    });
    v.input.addEventListener("input", () => {
      this.autosize();
      if (this.conv && isOpen(this.conv.conversation?.status ?? "Waiting")) this.typing.input(v.input.value.trim() !== "");
    });
    v.input.addEventListener("blur", () => this.typing.stop());
    document.addEventListener("visibilitychange", () => this.markSeen());
    window.addEventListener("storage", (e) => this.onStorage(e));
  }

  // ---- connection -------------------------------------------------------------------------

  private async ensureSession(profile: { name: string | null; email: string | null }): Promise<VisitorSession> {
    const stored = this.store.session;
    if (stored && (stored.userId ?? null) === (this.identity?.userId ?? stored.userId ?? null)) return (this.session = stored);
    const response = await fetch(`${this.config.hub}/api/visitors`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...profile, userId: this.identity?.userId ?? null, userHash: this.identity?.userHash ?? null }),
      credentials: "omit",
    });
    if (!response.ok) throw new Error(`POST /api/visitors answered ${response.status}`);
    const session = { ...((await response.json()) as VisitorSession), userId: this.identity?.userId ?? null };
    this.store.session = session;
    // A new visitor cannot reach the old one's conversation.
    if (this.conv && this.session?.customerId !== session.customerId) this.dropConversation();
    this.session = session;
    return session;
  }

  private async connect(): Promise<void> {
    const start = this.store.pendingStart;
    await this.ensureSession({ name: start?.name ?? null, email: start?.email ?? null });
    if (!this.link) {
      const link = new Link(
        `${this.config.hub}/hubs/customer`,
        () => this.session?.token ?? "",
        () => this.sync(),
        (state) => this.onLinkState(state),
      );
      const hub = link.hub;
      hub.on("MessageReceived", (m: MessageDto) => this.addMessage(m, true));
      hub.on("TypingChanged", (t: TypingDto) => this.onTyping(t));
      hub.on("MessagesRead", (r: ReadDto) => this.onRead(r));
      hub.on("ConversationChanged", (c: ConversationDto) => this.applyConversation(c, true));
      hub.on("QueuePositionChanged", (q: QueuePositionDto) => this.onQueue(q));
      hub.on("AgentsUnavailable", (a: AgentsUnavailableDto) => this.onUnavailable(a));
      this.link = link;
    }
    await this.link.start();
  }

  /** Connects, retrying with backoff while even the visitor token cannot be had (server down, offline). */
  private connectSoon(attempt: number): void {
    this.connect().catch(() => {
      const delay = Math.min(60_000, 1000 * 2 ** attempt);
      setTimeout(() => this.connectSoon(attempt + 1), delay / 2 + Math.random() * (delay / 2));
    });
  }

  /** A connection for a one-off call (end, rate, leave a message), made now if the page had none. */
  private async connected(): Promise<boolean> {
    if (!this.link?.connected) await this.connect().catch(() => undefined);
    return this.link?.connected === true;
  }

  private onLinkState(state: LinkState): void {
    this.render();
    if (state === "connected") this.markSeen();
  }

  /** After every (re)connect: a pending start, the open conversation, resume, then the outbox. */
  private sync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      try {
        do {
          this.syncAgain = false;
          await this.syncOnce();
        } while (this.syncAgain);
      } finally {
        this.syncing = null;
      }
    })();
    return this.syncing;
  }

  private async syncOnce(): Promise<void> {
    const hub = this.link?.hub;
    if (!hub || !this.link?.connected) return;
    const start = this.store.pendingStart;
    if (start) {
      try {
        const result = await hub.invoke<StartConversationResult>("StartConversation", start);
        this.store.pendingStart = null;
        this.adoptStarted(start, result);
      } catch (error) {
        const hubError = readHubError(error);
        if (!hubError) throw error;
        this.store.pendingStart = null;
        this.failStart(hubError.detail, start.text);
      }
    }
    if (!this.conv) {
      const list = await hub.invoke<ConversationDto[]>("GetConversations");
      const current = list.find((c) => isOpen(c.status));
      if (current) {
        this.conv = { id: current.id, ticketNumber: current.ticketNumber, conversation: current, leftMessage: null, rated: current.rating != null };
        this.store.conversation = this.conv;
        this.showConversation();
        this.applyEarly(current.id);
      }
    }
    if (this.conv) {
      await this.resume();
      await this.flush();
    }
    this.render();
  }

  private async resume(): Promise<void> {
    const hub = this.link?.hub;
    while (hub && this.conv) {
      const id = this.conv.id;
      let result: ResumeResult;
      const changesBefore = this.liveChanges;
      try {
        result = await hub.invoke<ResumeResult>("Resume", { conversationId: id, afterSeq: this.log.maxSeq() });
      } catch (error) {
        if (readHubError(error)?.code === "not_found") {
          this.dropConversation();
          return;
        }
        throw error;
      }
      if (this.conv?.id !== id) return;
      for (const m of result.messages) this.addMessage(m, false);
      this.store.saveHistory(id, result.messages);
      // The server read this snapshot before it answered; a live change that came meanwhile (an agent
      // joined) is newer, and every later change comes live as well.
      if (this.liveChanges === changesBefore) this.applyConversation(result.conversation, false);
      if (!result.hasMore || result.messages.length === 0) return;
    }
  }

  // ---- starting ---------------------------------------------------------------------------

  private submitForm(): void {
    if (this.busy) return;
    const v = this.view;
    const read = readPreChat(v, this.config);
    if ("error" in read) return this.formError(read.error, read.control);
    const values = read.values;
    v.formError.hidden = true;
    this.store.profile = { name: values.name, email: values.email, topic: values.topic };
    const start: PendingStart = {
      clientMessageId: newId(),
      name: values.name || null,
      email: values.email || null,
      topic: values.topic || null,
      text: values.text,
    };
    this.dropConversation();
    this.store.pendingStart = start;
    v.formMessage.value = "";
    this.showPendingStart(start);
    this.render();
    this.view.input.focus();
    this.busy = true;
    this.connect()
      .then(() => (this.link?.connected ? this.sync() : undefined))
      .catch(() => {
        // No visitor token: nothing was sent. Back to the form with the text.
        if (this.store.pendingStart?.clientMessageId === start.clientMessageId && !this.session) {
          this.store.pendingStart = null;
          this.failStart(this.t.errorGeneric, start.text);
        }
      })
      .finally(() => {
        this.busy = false;
      });
  }

  private formError(message: string, control?: HTMLElement): void {
    this.view.formError.textContent = message;
    this.view.formError.hidden = false;
    if (control) {
      control.setAttribute("aria-invalid", "true");
      control.focus();
    }
  }

  private showPendingStart(start: PendingStart): void {
    this.clearLog();
    this.log.addPending({ clientMessageId: start.clientMessageId, text: start.text, at: Date.now() });
    this.scrollToEnd();
  }

  private failStart(detail: string, text?: string): void {
    this.clearLog();
    if (text !== undefined) this.view.formMessage.value = text;
    this.render();
    this.formError(detail);
  }

  private adoptStarted(start: PendingStart, result: StartConversationResult): void {
    if (this.conv?.id !== result.conversationId) {
      this.conv = { id: result.conversationId, ticketNumber: result.ticketNumber, conversation: null, leftMessage: null, rated: false };
      this.store.conversation = this.conv;
      this.clearLog(start.clientMessageId);
    }
    this.addMessage(result.message, true);
    if (!result.agentsAvailable) this.offline ??= { reason: "" };
    this.applyEarly(result.conversationId);
    this.render();
  }

  // ---- the conversation -------------------------------------------------------------------

  private showConversation(): void {
    if (!this.conv) return;
    this.clearLog();
    const cached = this.conv.conversation;
    for (const m of this.store.history(this.conv.id)) this.addMessage(m, false);
    if (cached) this.applyConversation(cached, false);
    for (const entry of this.store.outbox(this.conv.id)) this.log.addPending(entry);
    this.scrollToEnd();
  }

  private dropConversation(): void {
    if (this.conv) this.store.forget(this.conv.id);
    this.conv = null;
    this.store.conversation = null;
    this.queue = null;
    this.offline = null;
    this.offlineDismissed = false;
    this.leaveMessageId = null;
    this.clearLog();
  }

  private clearLog(keepPending?: string): void {
    this.log.clear(keepPending);
    this.markedSeq = 0;
    this.agentTyping.hide();
  }

  /** Renders a message once, at its place by seq. Live messages count as unread while the panel is closed. */
  private addMessage(m: MessageDto, live: boolean, persist = live): void {
    if (!this.conv || m.conversationId !== this.conv.id || m.kind === "PrivateNote") return;
    if (!this.log.add(m)) return;
    if (persist) this.store.saveHistory(this.conv.id, [m]);
    if (m.senderRole === "Agent") this.agentTyping.hide();
    if (live) {
      this.emit("message", m);
      if (m.senderRole !== "Customer") this.onIncoming();
    }
    this.renderBadge();
    this.scrollToEnd();
  }

  private applyConversation(c: ConversationDto, live: boolean): void {
    if (live) this.liveChanges++;
    if (!this.conv || c.id !== this.conv.id) {
      // An agent can take the chat before StartConversation's answer arrives: keep it for then.
      if (live) this.keepEarly(c.id, { conversation: c });
      return;
    }
    const before = this.conv.conversation?.status;
    this.conv.conversation = c;
    this.conv.ticketNumber = c.ticketNumber;
    if (c.rating != null) this.conv.rated = true;
    this.log.agentRead(c.agentReadSeq);
    this.markedSeq = Math.max(this.markedSeq, c.customerReadSeq);
    if (c.status !== "Waiting") {
      this.queue = null;
      if (!this.conv.leftMessage) this.offline = null;
    }
    if (!isOpen(c.status)) {
      this.typing.reset();
      this.agentTyping.hide();
    }
    this.store.conversation = this.conv;
    this.renderBadge();
    this.render();
    if (live || before !== c.status) this.emit("conversation", c);
  }

  /** Keeps an event of a conversation this tab does not know yet: the start's answer may still be on its way. */
  private keepEarly(id: string, event: EarlyEvents): void {
    if (this.early.size > 20) this.early.clear();
    this.early.set(id, { ...this.early.get(id), ...event });
  }

  private applyEarly(id: string): void {
    const kept = this.early.get(id);
    this.early.clear();
    if (kept?.conversation) this.applyConversation(kept.conversation, true);
    if (kept?.queue) this.onQueue(kept.queue);
    if (kept?.unavailable) this.onUnavailable(kept.unavailable);
  }

  private onQueue(q: QueuePositionDto): void {
    if (q.conversationId !== this.conv?.id) return this.keepEarly(q.conversationId, { queue: q });
    if (this.conv.conversation?.status === "Active") return;
    this.queue = q;
    this.render();
  }

  private onUnavailable(a: AgentsUnavailableDto): void {
    if (a.conversationId !== this.conv?.id) return this.keepEarly(a.conversationId, { unavailable: a });
    if (!isOpen(this.conv.conversation?.status ?? "Waiting")) return;
    if (this.conv.conversation?.status === "Active") return;
    this.offline = { reason: a.reason };
    this.offlineDismissed = false;
    this.render();
  }

  // ---- sending ----------------------------------------------------------------------------

  private sendFromComposer(): void {
    const text = this.view.input.value;
    if (!text.trim() || !this.conv || !isOpen(this.conv.conversation?.status ?? "Waiting")) return;
    const entry: OutboxEntry = { clientMessageId: newId(), text, at: Date.now() };
    this.store.addToOutbox(this.conv.id, entry);
    this.view.input.value = "";
    this.autosize();
    this.typing.stop();
    this.log.addPending(entry);
    this.scrollToEnd();
    void this.flush().catch(() => undefined);
  }

  /** Sends the outbox in order, one at a time; a transport failure leaves the rest for the next connect. */
  private flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      try {
        do {
          this.flushAgain = false;
          await this.flushOnce();
        } while (this.flushAgain);
      } finally {
        this.flushing = null;
      }
    })();
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    while (this.conv && this.link?.connected && !this.store.pendingStart) {
      const id = this.conv.id;
      const entry = this.store.outbox(id)[0];
      if (!entry) return;
      try {
        const result = await this.link.hub.invoke<SendMessageResult>("Send", { conversationId: id, clientMessageId: entry.clientMessageId, text: entry.text });
        this.store.removeFromOutbox(id, entry.clientMessageId);
        this.addMessage(
          { conversationId: id, seq: result.seq, clientMessageId: entry.clientMessageId, senderRole: "Customer", senderName: null, kind: "Text", text: entry.text, sentAt: result.sentAt },
          false,
          true,
        );
      } catch (error) {
        const hubError = readHubError(error);
        if (!hubError) return;
        this.store.removeFromOutbox(id, entry.clientMessageId);
        this.log.fail(entry.clientMessageId, hubError.code === "conversation_closed" ? this.t.closedSend : hubError.detail);
        if (hubError.code === "not_found") this.dropConversation();
        if (hubError.code === "conversation_closed") await this.resume();
      }
    }
  }

  // ---- typing and read markers ------------------------------------------------------------

  private invokeQuietly(method: string, request: unknown): void {
    if (this.link?.connected) void this.link.hub.invoke(method, request).catch(() => undefined);
  }

  private onTyping(t: TypingDto): void {
    if (t.conversationId !== this.conv?.id || t.role !== "Agent") return;
    if (t.isTyping) this.agentTyping.show(t.name);
    else this.agentTyping.hide();
  }

  private onRead(r: ReadDto): void {
    if (r.conversationId === this.conv?.id && r.role === "Agent") this.log.agentRead(r.seq);
  }

  /** The customer has seen everything when the panel is open on a visible page: mark it read. */
  private markSeen(): void {
    if (!this.opened || document.visibilityState !== "visible" || !this.conv) return;
    const max = this.log.maxSeq();
    if (this.conv.conversation && max > this.conv.conversation.customerReadSeq) {
      this.conv.conversation.customerReadSeq = max;
      this.store.conversation = this.conv;
    }
    this.renderBadge();
    if (max > this.markedSeq && this.link?.connected) {
      this.markedSeq = max;
      this.invokeQuietly("MarkRead", { conversationId: this.conv.id, seq: max });
    }
  }

  private unreadCount(): number {
    if (!this.conv) return 0;
    return this.log.unreadAfter(Math.max(this.conv.conversation?.customerReadSeq ?? 0, this.markedSeq));
  }

  private onIncoming(): void {
    const visible = this.opened && document.visibilityState === "visible";
    if (visible) {
      this.markSeen();
      return;
    }
    if (!this.opened) this.notifier.startBlink(() => this.unreadCount());
    if (this.store.sound) this.notifier.beep(false);
  }

  private renderBadge(): void {
    const visible = this.opened && document.visibilityState === "visible";
    this.notifier.showUnread(visible ? 0 : this.unreadCount(), this.opened);
  }

  // ---- ending, rating, leaving a message --------------------------------------------------

  private confirmEnd(): void {
    const button = this.view.endButton;
    if (button.dataset.confirm !== "1") {
      button.dataset.confirm = "1";
      button.textContent = this.t.confirmEnd;
      clearTimeout(this.confirmTimer);
      this.confirmTimer = setTimeout(() => this.resetEndButton(), 4000);
      return;
    }
    this.resetEndButton();
    const conv = this.conv;
    if (!conv || !this.link?.connected) return;
    this.typing.stop();
    this.link.hub
      .invoke("End", { conversationId: conv.id })
      .then(() => this.resume())
      .catch(() => undefined); // the next connect's resume shows whatever happened
  }

  private resetEndButton(): void {
    clearTimeout(this.confirmTimer);
    delete this.view.endButton.dataset.confirm;
    this.view.endButton.textContent = this.t.endChat;
  }

  private async rate(score: number, comment: string): Promise<void> {
    const conv = this.conv;
    if (!conv || !(await this.connected()) || !this.link) return this.showCardError(this.t.errorGeneric);
    try {
      await this.link.hub.invoke("Rate", { conversationId: conv.id, score, comment: comment.trim() || null });
    } catch (error) {
      const hubError = readHubError(error);
      // conflict: rated already (another tab). A server without Rate: nothing to send it to.
      const rated = hubError?.code === "conflict" || /Method does not exist/.test(String(error));
      if (!rated) return this.showCardError(hubError?.detail ?? this.t.errorGeneric);
    }
    conv.rated = true;
    conv.conversation = conv.conversation && { ...conv.conversation, rating: score };
    this.store.conversation = conv;
    this.render();
    this.focusFirst();
  }

  private skipRating(): void {
    if (!this.conv) return;
    this.conv.rated = true;
    this.store.conversation = this.conv;
    this.render();
    this.focusFirst();
  }

  private async leaveMessage(text: string, email: string): Promise<void> {
    const conv = this.conv;
    if (!conv) return;
    if (!text.trim()) return this.showCardError(format(this.t.errorRequired, { field: this.t.message }));
    if (email && !emailPattern.test(email)) return this.showCardError(this.t.errorEmail);
    if (!(await this.connected()) || !this.link) return this.showCardError(this.t.offlineNetwork);
    this.leaveMessageId ??= newId();
    const clientMessageId = this.leaveMessageId;
    try {
      const result = await this.link.hub.invoke<LeaveMessageResult>("LeaveMessage", { conversationId: conv.id, clientMessageId, text, email: email || null });
      conv.leftMessage = { ticketNumber: result.ticketNumber, email: email || null };
    } catch (error) {
      const hubError = readHubError(error);
      if (!hubError) return this.showCardError(this.t.errorGeneric);
      if (hubError.code !== "conflict") return this.showCardError(hubError.detail);
      // conflict: either our earlier attempt went through (the message is stored), or an agent took the chat.
      await this.resume();
      const stored = this.log.hasClientMessageId(clientMessageId);
      if (stored) conv.leftMessage = { ticketNumber: conv.ticketNumber, email: email || null };
      else this.offline = null;
    }
    if (email) this.store.profile = { ...this.store.profile, email };
    this.store.conversation = conv;
    this.leaveMessageId = null;
    await this.resume().catch(() => undefined);
    this.render();
    this.focusFirst();
  }

  private newChat(): void {
    this.dropConversation();
    this.render();
    this.focusFirst();
  }

  private showCardError(message: string): void {
    showCardError(this.view.cards, message);
  }

  // ---- other tabs -------------------------------------------------------------------------

  private onStorage(e: StorageEvent): void {
    if (e.storageArea !== localStorage || !this.store.owns(e.key)) return;
    if (e.key === this.store.key("conversation") || e.key === null) {
      const next = this.store.conversation;
      if (next?.id !== this.conv?.id) {
        this.session = this.store.session;
        this.clearLog();
        this.conv = next;
        this.queue = null;
        this.offline = null;
        this.showConversation();
        if (this.conv && isOpen(this.conv.conversation?.status ?? "Waiting")) void this.connect().then(() => this.sync()).catch(() => undefined);
      } else if (next && this.conv) {
        // Another tab rated, left a message or saw a change: take what it learnt.
        this.conv.rated ||= next.rated;
        this.conv.leftMessage ??= next.leftMessage;
      }
      this.render();
    } else if (this.conv && e.key === this.store.key(`outbox:${this.conv.id}`)) {
      this.log.followOutbox(this.store.outbox(this.conv.id));
      this.scrollToEnd();
    } else if (e.key === this.store.key("sound")) {
      this.notifier.renderSound(this.store.sound);
    }
  }

  // ---- rendering --------------------------------------------------------------------------

  private render(): void {
    const v = this.view;
    const t = this.t;
    v.panel.hidden = !this.opened;
    v.root.classList.toggle("open", this.opened);
    v.launcher.setAttribute("aria-expanded", String(this.opened));
    this.renderBadge();

    const conv = this.conv;
    const starting = !conv && this.store.pendingStart !== null;
    const status = conv?.conversation?.status ?? (conv || starting ? "Waiting" : undefined);
    const inChat = conv !== null || starting;
    const open = isOpen(status);
    const showOffline = open && status === "Waiting" && this.offline !== null && !this.offlineDismissed && !conv?.leftMessage;

    v.form.hidden = inChat;
    v.chat.hidden = !inChat;
    v.composer.hidden = !inChat || !open || showOffline || conv?.leftMessage != null;
    v.endButton.hidden = !conv || !open;

    // Header subtitle: who the customer talks to.
    const agent = conv?.conversation?.assignedAgentName;
    v.subtitle.textContent = !inChat ? "" : status === "Active" && agent ? format(t.chattingWith, { name: agent }) : open ? t.waiting : t.ended;

    // Connection banner, only while there is something to send or receive.
    const state = this.link?.state ?? "idle";
    const banner = !inChat ? "" : state === "reconnecting" ? t.reconnecting : state === "offline" ? t.offlineNetwork : state === "connecting" ? t.connecting : "";
    v.status.textContent = banner;
    v.status.hidden = banner === "";

    // Queue position while waiting.
    let info = "";
    if (open && status === "Waiting" && this.queue && !showOffline) {
      info = format(t.queuePosition, { position: this.queue.position });
      const wait = this.queue.estimatedWaitSeconds;
      if (wait != null) info += " " + (wait < 60 ? t.estimatedWaitShort : format(t.estimatedWait, { minutes: Math.round(wait / 60) }));
    }
    v.info.textContent = info;
    v.info.hidden = info === "";

    this.renderCards(status, showOffline);
  }

  private renderCards(status: ConversationStatus | undefined, showOffline: boolean): void {
    const conv = this.conv;
    const t = this.t;
    const kind = !conv
      ? ""
      : conv.leftMessage
        ? "left"
        : showOffline
          ? "offline"
          : isOpen(status)
            ? ""
            : conv.rated || !conv.conversation?.assignedAt
              ? "done"
              : "rate";
    const cards = this.view.cards;
    if (cards.dataset.kind === kind) return;
    cards.dataset.kind = kind;
    const newChat = (): void => this.newChat();
    let card: HTMLElement | null = null;
    if (conv && kind === "offline") {
      const outsideHours = this.offline?.reason.includes("business hours") === true;
      card = offlineCard(t, conv.id, outsideHours, this.store.profile.email, (text, email) => this.leaveMessage(text, email), () => {
        this.offlineDismissed = true;
        this.render();
        this.view.input.focus();
      });
    } else if (conv?.leftMessage && kind === "left") {
      card = leftMessageCard(t, conv.leftMessage.ticketNumber, conv.leftMessage.email, newChat);
    } else if (conv && kind === "rate") {
      card = ratingCard(t, conv.id, (score, comment) => this.rate(score, comment), () => this.skipRating());
    } else if (conv && kind === "done") {
      card = closedCard(t, conv.conversation?.rating != null, newChat);
    }
    cards.replaceChildren(...(card ? [card] : []));
    this.scrollToEnd();
  }

  private focusFirst(): void {
    const v = this.view;
    if (!this.opened) return;
    const target =
      (!v.form.hidden && [v.formName, v.formEmail, v.formTopic, v.formMessage].find((c) => !c.value)) ||
      (!v.form.hidden && v.formMessage) ||
      v.cards.querySelector<HTMLElement>("textarea, button:not([disabled]), input") ||
      (!v.composer.hidden && v.input) ||
      v.closeButton;
    target.focus();
  }

  private autosize(): void {
    const input = this.view.input;
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight + 2, 140)}px`;
  }

  private scrollToEnd(): void {
    const body = this.view.body;
    requestAnimationFrame(() => (body.scrollTop = body.scrollHeight));
  }
}

/** Events of a conversation that arrived before this tab knew it (the start's answer was on its way). */
type EarlyEvents = { queue?: QueuePositionDto; unavailable?: AgentsUnavailableDto; conversation?: ConversationDto };
