// Draws the panel from the chat's state: header, connection banner, queue position, message list,
// typing indicator, the card under the messages and the launcher's badge.
import { closedCard, leftMessageCard, offlineCard, ratingCard } from "./cards";
import type { LinkState } from "./connection";
import { statusOf, unreadCount, type ChatState } from "./state";
import { format, type Texts } from "./i18n";
import { MessageList } from "./messages";
import type { Notifier } from "./notify";
import { isOpen } from "./protocol";
import { TypingIndicator } from "./typing";
import type { View } from "./view";

/** What the cards' buttons do. */
export interface CardActions {
  leaveMessage(text: string, email: string): Promise<void>;
  keepWaiting(): void;
  rate(score: number, comment: string): Promise<void>;
  skipRating(): void;
  newChat(): void;
  /** The e-mail the offline form starts with. */
  email(): string;
}

/** What the state does not say: the panel, the connection, the page. */
export interface Surroundings {
  opened: boolean;
  link: LinkState;
}

export class Renderer {
  private readonly t: Texts;
  private readonly list: MessageList;
  private readonly agentTyping: TypingIndicator;
  private typingShown: ChatState["agentTyping"] = null;
  private confirmTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly view: View,
    texts: Texts,
    private readonly notifier: Notifier,
    private readonly actions: CardActions,
    typingTimedOut: () => void,
  ) {
    this.t = texts;
    this.list = new MessageList(view.log, texts);
    this.agentTyping = new TypingIndicator(view.typing, texts, typingTimedOut);
  }

  render(state: ChatState, ui: Surroundings): void {
    const v = this.view;
    const t = this.t;
    v.panel.hidden = !ui.opened;
    v.root.classList.toggle("open", ui.opened);
    v.launcher.setAttribute("aria-expanded", String(ui.opened));
    this.renderBadge(state, ui.opened);

    const conv = state.conv;
    const status = statusOf(state);
    const inChat = conv !== null || state.start !== null;
    const open = isOpen(status);
    const showOffline = open && status === "Waiting" && state.offline !== null && !state.offlineDismissed && !conv?.leftMessage;

    v.form.hidden = inChat;
    v.chat.hidden = !inChat;
    v.composer.hidden = !inChat || !open || showOffline || conv?.leftMessage != null;
    v.endButton.hidden = !conv || !open;

    // Header subtitle: who the customer talks to.
    const agent = conv?.conversation?.assignedAgentName;
    v.subtitle.textContent = !inChat ? "" : status === "Active" && agent ? format(t.chattingWith, { name: agent }) : open ? t.waiting : t.ended;

    // Connection banner, only while there is something to send or receive.
    const link = ui.link;
    const banner = !inChat ? "" : link === "reconnecting" ? t.reconnecting : link === "offline" ? t.offlineNetwork : link === "connecting" ? t.connecting : "";
    v.status.textContent = banner;
    v.status.hidden = banner === "";

    // Queue position while waiting.
    let info = "";
    if (open && status === "Waiting" && state.queue && !showOffline) {
      info = format(t.queuePosition, { position: state.queue.position });
      const wait = state.queue.estimatedWaitSeconds;
      if (wait != null) info += " " + (wait < 60 ? t.estimatedWaitShort : format(t.estimatedWait, { minutes: Math.round(wait / 60) }));
    }
    v.info.textContent = info;
    v.info.hidden = info === "";

    if (state.agentTyping !== this.typingShown) {
      this.typingShown = state.agentTyping;
      if (state.agentTyping) this.agentTyping.show(state.agentTyping.name);
      else this.agentTyping.hide();
    }
    const added = this.list.render(state);
    if (this.renderCards(state, showOffline) || added) this.scrollToEnd();
  }

  /** The unread count on the launcher, none while the panel is open on a visible page. */
  renderBadge(state: ChatState, opened: boolean): void {
    const visible = opened && document.visibilityState === "visible";
    this.notifier.showUnread(visible ? 0 : unreadCount(state), opened);
  }

  /** True when the card changed. */
  private renderCards(state: ChatState, showOffline: boolean): boolean {
    const conv = state.conv;
    const t = this.t;
    const kind = !conv
      ? ""
      : conv.leftMessage
        ? "left"
        : showOffline
          ? "offline"
          : isOpen(statusOf(state))
            ? ""
            : conv.rated || !conv.conversation?.assignedAt
              ? "done"
              : "rate";
    const cards = this.view.cards;
    if (cards.dataset.kind === kind) return false;
    cards.dataset.kind = kind;
    const a = this.actions;
    let card: HTMLElement | null = null;
    if (conv && kind === "offline") {
      const outsideHours = state.offline?.reason.includes("business hours") === true;
      card = offlineCard(t, conv.id, outsideHours, a.email(), a.leaveMessage, a.keepWaiting);
    } else if (conv?.leftMessage && kind === "left") {
      card = leftMessageCard(t, conv.leftMessage.ticketNumber, conv.leftMessage.email, a.newChat);
    } else if (conv && kind === "rate") {
      card = ratingCard(t, conv.id, a.rate, a.skipRating);
    } else if (conv && kind === "done") {
      card = closedCard(t, conv.conversation?.rating != null, a.newChat);
    }
    cards.replaceChildren(...(card ? [card] : []));
    return true;
  }

  /** Focus on what comes next: the first empty form field, the card, the composer, or the close button. */
  focusFirst(opened: boolean): void {
    const v = this.view;
    if (!opened) return;
    const target =
      (!v.form.hidden && [v.formName, v.formEmail, v.formTopic, v.formMessage].find((c) => !c.value)) ||
      (!v.form.hidden && v.formMessage) ||
      v.cards.querySelector<HTMLElement>("textarea, button:not([disabled]), input") ||
      (!v.composer.hidden && v.input) ||
      v.closeButton;
    target.focus();
  }

  /** The end button asks once more before it ends the chat: true on the confirming click. */
  confirmEnd(): boolean {
    const button = this.view.endButton;
    if (button.dataset.confirm !== "1") {
      button.dataset.confirm = "1";
      button.textContent = this.t.confirmEnd;
      clearTimeout(this.confirmTimer);
      this.confirmTimer = setTimeout(() => this.resetEndButton(), 4000);
      return false;
    }
    this.resetEndButton();
    return true;
  }

  private resetEndButton(): void {
    clearTimeout(this.confirmTimer);
    delete this.view.endButton.dataset.confirm;
    this.view.endButton.textContent = this.t.endChat;
  }

  autosize(): void {
    const input = this.view.input;
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight + 2, 140)}px`;
  }

  scrollToEnd(): void {
    const body = this.view.body;
    requestAnimationFrame(() => (body.scrollTop = body.scrollHeight));
  }
}
