import { showCardError } from "./cards";
import { Chat } from "./chat";
import type { WidgetConfig } from "./config";
import { format } from "./i18n";
import { Notifier } from "./notify";
import { emailPattern, readPreChat } from "./prechat";
import { Renderer } from "./render";
import { readClaims } from "./session";
import { maxSeq, unreadCount, type Effect } from "./state";
import { buildView, type View } from "./view";

export type WidgetEvent = "open" | "close" | "message" | "conversation";

/** What the page may tell identify(): token is the identity JWT; userId with userHash the legacy HMAC. */
export interface Identify {
  name?: string;
  email?: string;
  token?: string;
  userId?: string;
  userHash?: string;
}
type Handler = (payload?: unknown) => void;

function readSession(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

/**
 * The customer chat: one conversation at a time, kept across reloads and in sync across tabs. This
 * class is the public API (index.ts) and wires the page's events to the chat (chat.ts) and the
 * chat's changes to the renderer (render.ts).
 */
export class Widget {
  private readonly t;
  private readonly view: View;
  private readonly chat: Chat;
  private readonly renderer: Renderer;
  private readonly notifier: Notifier;
  private readonly handlers = new Map<WidgetEvent, Set<Handler>>();
  private opened = false;
  /** A start is being sent: the form does not send another. */
  private busy = false;

  constructor(private readonly config: WidgetConfig) {
    this.t = config.texts;
    this.view = buildView(config);
    this.notifier = new Notifier(this.view.launcher, this.view.badge, this.view.soundButton, this.t);
    this.chat = new Chat(config.hub, this.t, {
      changed: () => this.render(),
      announce: (effect) => this.announce(effect),
      linkChanged: (state) => {
        this.render();
        if (state === "connected") this.markSeen();
      },
      startFailed: (detail, text) => this.startFailed(detail, text),
    });
    this.renderer = new Renderer(
      this.view,
      this.t,
      this.notifier,
      {
        leaveMessage: (text, email) => this.leaveMessage(text, email),
        keepWaiting: () => {
          this.chat.dispatch({ type: "offlineDismissed" });
          this.view.input.focus();
        },
        rate: (score, comment) => this.rate(score, comment),
        skipRating: () => {
          this.chat.skipRating();
          this.focusFirst();
        },
        newChat: () => {
          this.chat.drop();
          this.focusFirst();
        },
        email: () => this.chat.store.profile.email,
      },
      () => this.chat.dispatch({ type: "typingExpired" }),
    );
    this.wire();
    const store = this.chat.store;
    const profile = store.profile;
    this.view.formName.value = profile.name;
    this.view.formEmail.value = profile.email;
    this.view.formTopic.value = profile.topic;
    this.notifier.renderSound(store.sound);
    this.chat.load();
    this.render();
    (document.body ?? document.documentElement).append(this.view.host);
    // Connect at once only when there is something to follow: an open chat or a start to repeat.
    if (this.chat.wantsConnection) this.chat.connectSoon();
    if (readSession(store.key("open")) === "1") this.open(false);
  }

  // ---- public API -------------------------------------------------------------------------

  open(focus = true): void {
    if (this.opened) return;
    this.opened = true;
    try {
      sessionStorage.setItem(this.chat.store.key("open"), "1");
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
      sessionStorage.removeItem(this.chat.store.key("open"));
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
   * Names the site's signed-in user. With token (an identity JWT signed by the site's server) or the
   * legacy userId with userHash, the visitor becomes that verified user, with the same history on every
   * device; the name and e-mail the token signs are shown read-only. name and email alone only pre-fill
   * the pre-chat form.
   */
  identify(who: Identify | null | undefined): void {
    const session = this.chat.session;
    let signed: { name: string | null; email: string | null } = { name: null, email: null };
    let fits = false;
    if (typeof who?.token === "string") {
      const claims = readClaims(who.token);
      // An unreadable token is still sent: the server refuses it with a reason the form shows.
      fits = session.identify({ userId: claims?.sub ?? "", token: who.token });
      signed = { name: claims?.name ?? null, email: claims?.email ?? null };
    } else if (typeof who?.userId === "string" && typeof who.userHash === "string") {
      fits = session.identify({ userId: who.userId, userHash: who.userHash });
    }
    if (fits) this.chat.identified();
    const store = this.chat.store;
    const profile = session.identified ? { ...store.profile, name: "", email: "" } : store.profile;
    if (typeof who?.name === "string") profile.name = who.name.slice(0, 100);
    if (typeof who?.email === "string") profile.email = who.email.slice(0, 254);
    if (signed.name) profile.name = signed.name;
    if (signed.email) profile.email = signed.email;
    if (!session.identified) store.profile = profile;
    this.view.formName.value = profile.name;
    this.view.formEmail.value = profile.email;
    this.view.formName.readOnly = signed.name !== null;
    this.view.formEmail.readOnly = signed.email !== null;
    this.render();
  }

  /** Forgets the visitor: session, conversation, local history and the connection. The next visitor starts fresh. */
  reset(): void {
    this.busy = false;
    this.chat.reset();
    for (const field of [this.view.formName, this.view.formEmail, this.view.formTopic, this.view.formMessage]) field.value = "";
    this.view.formName.readOnly = false;
    this.view.formEmail.readOnly = false;
    this.view.formError.hidden = true;
    this.view.input.value = "";
    this.notifier.stopBlink();
    this.render();
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
    const enter = (e: KeyboardEvent, then: () => void): void => {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        then();
      }
    };
    v.launcher.addEventListener("click", () => (this.opened ? this.close() : this.open()));
    v.closeButton.addEventListener("click", () => this.close());
    v.panel.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        this.close();
      }
    });
    v.soundButton.addEventListener("click", () => {
      const store = this.chat.store;
      store.sound = !store.sound;
      if (store.sound) this.notifier.beep(true);
      this.notifier.renderSound(store.sound);
    });
    v.endButton.addEventListener("click", () => this.renderer.confirmEnd() && this.chat.end());
    v.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.submitForm();
    });
    v.formMessage.addEventListener("keydown", (e) => enter(e, () => this.submitForm()));
    v.composer.addEventListener("submit", (e) => {
      e.preventDefault();
      this.send();
    });
    v.input.addEventListener("keydown", (e) => enter(e, () => this.send()));
    v.input.addEventListener("input", () => {
      this.renderer.autosize();
      this.chat.typingInput(v.input.value.trim() !== "");
    });
    v.input.addEventListener("blur", () => this.chat.typingStop());
    document.addEventListener("visibilitychange", () => this.markSeen());
    window.addEventListener("storage", (e) => {
      const store = this.chat.store;
      if (e.storageArea !== localStorage || !store.owns(e.key)) return;
      if (!this.chat.fromStorage(e.key) && e.key === store.key("sound")) this.notifier.renderSound(store.sound);
    });
  }

  private render(): void {
    this.renderer.render(this.chat.state, { opened: this.opened, link: this.chat.link?.state ?? "idle" });
  }

  private focusFirst(): void {
    this.renderer.focusFirst(this.opened);
  }

  /** A message or conversation change reached the chat: tell the page, and the customer if away. */
  private announce(effect: Effect): void {
    if (effect.type === "conversation") return this.emit("conversation", effect.conversation);
    if (!effect.live) return;
    this.emit("message", effect.message);
    if (effect.message.senderRole !== "Customer") this.onIncoming();
  }

  private onIncoming(): void {
    const visible = this.opened && document.visibilityState === "visible";
    if (visible) {
      this.markSeen();
      return;
    }
    if (!this.opened) this.notifier.startBlink(() => unreadCount(this.chat.state));
    if (this.chat.store.sound) this.notifier.beep(false);
  }

  /** The customer has seen everything when the panel is open on a visible page: mark it read. */
  private markSeen(): void {
    if (!this.opened || document.visibilityState !== "visible" || !this.chat.state.conv) return;
    this.chat.seen(maxSeq(this.chat.state));
    this.renderer.renderBadge(this.chat.state, this.opened);
  }

  // ---- what the customer does -------------------------------------------------------------

  private submitForm(): void {
    if (this.busy) return;
    const v = this.view;
    const read = readPreChat(v, this.config);
    if ("error" in read) return this.formError(read.error, read.control);
    v.formError.hidden = true;
    v.formMessage.value = "";
    this.busy = true;
    void this.chat.start(read.values).finally(() => {
      this.busy = false;
    });
    v.input.focus();
  }

  private formError(message: string, control?: HTMLElement): void {
    this.view.formError.textContent = message;
    this.view.formError.hidden = false;
    if (control) {
      control.setAttribute("aria-invalid", "true");
      control.focus();
    }
  }

  private startFailed(detail: string, text: string): void {
    this.view.formMessage.value = text;
    this.formError(detail);
  }

  private send(): void {
    if (!this.chat.send(this.view.input.value)) return;
    this.view.input.value = "";
    this.renderer.autosize();
  }

  private async rate(score: number, comment: string): Promise<void> {
    const error = await this.chat.rate(score, comment);
    if (error !== null) return showCardError(this.view.cards, error);
    this.focusFirst();
  }

  private async leaveMessage(text: string, email: string): Promise<void> {
    if (!this.chat.state.conv) return;
    const t = this.t;
    const invalid = !text.trim() ? format(t.errorRequired, { field: t.message }) : email && !emailPattern.test(email) ? t.errorEmail : null;
    const error = invalid ?? (await this.chat.leaveMessage(text, email));
    if (error !== null) return showCardError(this.view.cards, error);
    this.render();
    this.focusFirst();
  }
}
