// The chat pane: tabs with unread counts, the header with the chat's actions, the transcript, typing
// and the composer (composer.ts). The call bar of a phone conversation is drawn by panels/callbar.ts.
import { commands } from "../../commands";
import { clear, h } from "../../dom";
import { t } from "../../i18n";
import { closeTab, customerNameOf, switchTab, toggleNote } from "../../model/chats";
import { activeChat, canWrite, isOpen, state } from "../../store";
import { composerFor, renderComposerState, saveDraft } from "./composer";
import { messageEl, statusBanner } from "./messages";

export { focusComposer, renderComposerState } from "./composer";

export function renderTabs(): void {
  const bar = document.getElementById("tabs");
  if (!bar) return;
  clear(bar);
  state.order.forEach((id, i) => {
    const chat = state.chats.get(id)!;
    const closed = !canWrite(chat);
    const tab = h(
      "div",
      { class: `tab${state.active === id ? " on" : ""}${closed ? " closed" : ""}`, role: "tab", "aria-selected": String(state.active === id), "data-testid": "chat-tab", "data-conversation": id, title: i < 9 ? `Alt+${i + 1}` : "" },
      h("button", { type: "button", class: "tab-main", onclick: () => switchTab(id) }, chat.conv.channel === "Voice" ? h("span", { class: "tab-voice", "data-testid": "tab-voice", title: t("phoneCall"), text: "📞" }) : null, h("span", { class: "tab-name", text: customerNameOf(chat) }), chat.customerTyping ? h("span", { class: "tab-typing", text: "…" }) : null, chat.unread ? h("span", { class: "badge", "data-testid": "unread", "aria-label": t("unread", chat.unread), text: chat.unread }) : null),
      closed ? h("button", { type: "button", class: "tab-close", "aria-label": t("closeTab"), title: t("closeTab"), "data-testid": "tab-close", onclick: () => closeTab(id), text: "×" }) : null,
    );
    bar.appendChild(tab);
  });
}

export function renderChatHeader(): void {
  const head = document.getElementById("chat-header");
  const chat = activeChat();
  if (!head || !chat) return;
  clear(head);
  const writable = canWrite(chat);
  head.append(
    h(
      "div",
      { class: "chat-title" },
      h("span", { class: "chat-name", "data-testid": "chat-customer", text: customerNameOf(chat) }),
      h("span", { class: "chat-sub", text: [chat.conv.topic, t("ticket", chat.conv.ticketNumber), t("level", chat.conv.level)].filter(Boolean).join(" · ") }),
    ),
    h(
      "div",
      { class: "chat-actions" },
      h("button", { type: "button", class: "btn", disabled: !writable, title: "Alt+E", "data-testid": "action-escalate", onclick: () => commands.escalate(), text: t("escalate") }),
      h("button", { type: "button", class: "btn", disabled: !writable, title: "Alt+T", "data-testid": "action-transfer", onclick: () => commands.transfer(), text: t("transfer") }),
      isOpen(chat)
        ? h("button", { type: "button", class: "btn btn-success", disabled: !writable, title: "Alt+R", "data-testid": "action-resolve", onclick: () => commands.resolve(), text: t("resolve") })
        : h("button", { type: "button", class: "btn", "data-testid": "action-reopen", onclick: () => commands.reopen(), text: t("reopen") }),
    ),
  );
}

export function renderTranscript(): void {
  const box = document.getElementById("transcript");
  const chat = activeChat();
  if (!box || !chat) return;
  const atBottom = box.scrollTop === 0 || box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  clear(box);
  const messages = [...chat.messages.values()].sort((a, b) => a.seq - b.seq);
  let lastOwn = 0;
  for (const m of messages) if (m.senderRole === "Agent" && m.kind === "Text") lastOwn = m.seq;
  for (const m of messages) box.appendChild(messageEl(chat, m, lastOwn));
  for (const p of chat.pending.values()) {
    box.appendChild(
      h("div", { class: `msg msg-out pending${p.kind === "PrivateNote" ? " msg-note" : ""}${p.error ? " failed" : ""}`, "data-testid": "msg-pending" }, h("div", { class: "msg-meta" }, h("span", { class: "msg-from", text: t("you") }), h("span", { class: "receipt", text: p.error ? t("failed", p.error) : t("sending") })), h("div", { class: "msg-text", text: p.text })),
    );
  }
  const banner = statusBanner(chat);
  if (banner) box.appendChild(banner);
  if (atBottom) box.scrollTop = box.scrollHeight;
  renderTyping();
}

export function renderTyping(): void {
  const el = document.getElementById("typing");
  const chat = activeChat();
  if (!el) return;
  el.textContent = chat?.customerTyping ? t("typing", customerNameOf(chat)) : "";
}

function emptyState(): HTMLElement {
  return h("div", { class: "empty", "data-testid": "no-chats" }, h("div", { class: "empty-icon", "aria-hidden": "true" }), h("h2", { text: t("noChats") }), h("p", { text: t("noChatsHint") }));
}

/** The whole pane, for the chat in front (or the empty state). */
export function renderChatPane(): void {
  const pane = document.getElementById("chatpane");
  if (!pane) return;
  saveDraft();
  clear(pane);
  pane.appendChild(h("div", { class: "tabs", id: "tabs", role: "tablist", "data-testid": "chat-tabs" }));
  renderTabs();
  const chat = activeChat();
  if (!chat) {
    pane.appendChild(emptyState());
    return;
  }
  pane.append(
    h("div", { class: "chat-header", id: "chat-header" }),
    ...(chat.conv.channel === "Voice" ? [h("div", { class: "callbar", id: "callbar", "data-testid": "call-bar" })] : []),
    h("div", { class: "transcript", id: "transcript", "data-testid": "transcript", "data-conversation": chat.conv.id, role: "log" }),
    h("div", { class: "typing", id: "typing", "data-testid": "typing", "aria-live": "polite" }),
    composerFor(chat, toggleNote),
  );
  renderChatHeader();
  renderTranscript();
  renderComposerState();
}
