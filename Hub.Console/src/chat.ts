// The chat pane: tabs with unread counts, the transcript, typing, read receipts and the composer.
import { HubConnectionState } from "@microsoft/signalr";
import { hubErrorText } from "../../Hub.Widget/src/protocol";
import { matchCanned, expandCanned, type Canned } from "./canned";
import { clear, h, linkify, newId } from "./dom";
import { formatTime, statusText, t } from "./i18n";
import { activeChat, canWrite, isOpen, maxSeq, myId, newChat, state, type Chat } from "./state";
import { toast } from "./ui";
import { escalateDialog, reopenChat, resolveDialog, transferDialog } from "./actions";
import { renderCustomer, loadTickets } from "./customer";
import { updateTitle } from "./main";
import { matchWaitingCalls, onCallConversationChanged, renderCallBar } from "./calls";
import type { ConversationDto, MessageDto, ReadDto, ResumeResult, SendMessageResult, TypingDto } from "../../Hub.Widget/src/protocol";

let composer: HTMLTextAreaElement | null = null;
let suggestions: Canned[] = [];
let suggestionIndex = 0;
let typingSent = false;
let typingTimer = 0;

function customerNameOf(chat: Chat): string {
  if (chat.customerName) return chat.customerName;
  for (const m of chat.messages.values()) {
    if (m.senderRole === "Customer" && m.senderName) return (chat.customerName = m.senderName);
  }
  const queued = state.queue.get(chat.conv.id);
  return queued?.customerName ?? t("unknownCustomer");
}

export function openChat(result: ResumeResult, customerName: string | null): void {
  const id = result.conversation.id;
  let chat = state.chats.get(id);
  if (!chat) {
    chat = newChat(result.conversation, customerName);
    state.chats.set(id, chat);
    state.order.push(id);
  } else {
    chat.conv = result.conversation;
  }
  for (const m of result.messages) addMessage(chat, m);
  state.active = id;
  matchWaitingCalls();
  void loadTickets(chat);
  renderChatPane();
  renderCustomer();
  markReadIfVisible();
  focusComposer();
}

/** Live ConversationChanged events so far: a Resume answer read before one of them must not undo it. */
let liveChanges = 0;

/** Reads what came since the last seq we have (and joins the conversation's group again). */
export async function resumeChat(id: string): Promise<void> {
  const chat = state.chats.get(id);
  if (!chat || !state.conn) return;
  let after = maxSeq(chat);
  for (let page = 0; page < 20; page++) {
    const changesBefore = liveChanges;
    const result = await state.conn.invoke<ResumeResult>("Resume", { conversationId: id, afterSeq: after });
    if (liveChanges === changesBefore) chat.conv = result.conversation;
    for (const m of result.messages) addMessage(chat, m);
    if (!result.hasMore || result.messages.length === 0) break;
    after = result.messages[result.messages.length - 1].seq;
  }
  if (chat.ticket === undefined) void loadTickets(chat);
}

function addMessage(chat: Chat, m: MessageDto): boolean {
  if (chat.messages.has(m.seq)) return false;
  chat.messages.set(m.seq, m);
  if (m.clientMessageId) chat.pending.delete(m.clientMessageId);
  if (m.senderRole === "Customer") chat.customerTyping = false;
  return true;
}

function visible(id: string): boolean {
  return state.view === "chats" && state.active === id && document.visibilityState === "visible";
}

export function onMessage(m: MessageDto): void {
  const chat = state.chats.get(m.conversationId);
  if (!chat || !addMessage(chat, m)) return;
  chat.conv.lastSeq = Math.max(chat.conv.lastSeq, m.seq);
  const fromOthers = m.senderRole === "Customer" || (m.kind === "PrivateNote" && m.senderName !== state.session?.agent.displayName);
  if (fromOthers && !visible(m.conversationId)) chat.unread++;
  if (state.active === m.conversationId) renderTranscript();
  renderTabs();
  updateTitle();
  markReadIfVisible();
}

export function onTyping(d: TypingDto): void {
  const chat = state.chats.get(d.conversationId);
  if (!chat || d.role !== "Customer") return;
  chat.customerTyping = d.isTyping;
  window.clearTimeout(chat.typingTimer);
  // The server has no typing timeout: drop a stale indicator ourselves.
  if (d.isTyping) chat.typingTimer = window.setTimeout(() => onTyping({ ...d, isTyping: false }), 8000);
  if (state.active === d.conversationId) renderTyping();
}

export function onRead(d: ReadDto): void {
  const chat = state.chats.get(d.conversationId);
  if (!chat) return;
  if (d.role === "Customer") {
    chat.conv.customerReadSeq = Math.max(chat.conv.customerReadSeq, d.seq);
    if (state.active === d.conversationId) renderTranscript();
  } else {
    chat.markedSeq = Math.max(chat.markedSeq, d.seq);
  }
}

export function onConversationChanged(c: ConversationDto): void {
  liveChanges++;
  const chat = state.chats.get(c.id);
  if (!chat) {
    // Reassigned to me by a supervisor: follow it.
    if (c.assignedAgentId === myId() && c.status === "Active" && state.conn) {
      void state.conn.invoke<ResumeResult>("Open", { conversationId: c.id }).then((r) => {
        const keep = state.active;
        openChat(r, null);
        if (keep) switchTab(keep);
        matchWaitingCalls(); // a call answered by hand before it was ours (a warm transfer)
      });
    }
    return;
  }
  chat.conv = { ...c, customerReadSeq: Math.max(c.customerReadSeq, chat.conv.customerReadSeq) };
  onCallConversationChanged(c);
  matchWaitingCalls();
  void loadTickets(chat);
  renderTabs();
  if (state.active === c.id) {
    renderChatHeader();
    renderTranscript();
    renderComposerState();
    renderCustomer();
  }
}

export function markReadIfVisible(): void {
  const chat = activeChat();
  if (!chat || !visible(chat.conv.id)) return;
  if (chat.unread) {
    chat.unread = 0;
    renderTabs();
    updateTitle();
  }
  const seq = maxSeq(chat);
  const mine = chat.conv.assignedAgentId === myId();
  if (seq > chat.markedSeq && mine && state.conn?.state === HubConnectionState.Connected) {
    chat.markedSeq = seq;
    void state.conn.invoke("MarkRead", { conversationId: chat.conv.id, seq }).catch(() => undefined);
  }
}

export function switchTab(id: string): void {
  const current = activeChat();
  if (current && composer) current.draft = composer.value;
  state.active = id;
  renderChatPane();
  renderCustomer();
  markReadIfVisible();
  focusComposer();
}

export function cycleTab(step: number): void {
  if (!state.order.length) return;
  const at = state.active ? state.order.indexOf(state.active) : -1;
  switchTab(state.order[(at + step + state.order.length) % state.order.length]);
}

function closeTab(id: string): void {
  state.chats.delete(id);
  state.order = state.order.filter((x) => x !== id);
  if (state.active === id) state.active = state.order[state.order.length - 1] ?? null;
  renderChatPane();
  renderCustomer();
  updateTitle();
}

export function focusComposer(): void {
  if (composer && !composer.disabled) composer.focus();
}

export function toggleNote(): void {
  const chat = activeChat();
  if (!chat) return;
  chat.noteMode = !chat.noteMode;
  renderComposerState();
  focusComposer();
}

function renderTabs(): void {
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

function renderChatHeader(): void {
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
      h("button", { type: "button", class: "btn", disabled: !writable, title: "Alt+E", "data-testid": "action-escalate", onclick: () => escalateDialog(), text: t("escalate") }),
      h("button", { type: "button", class: "btn", disabled: !writable, title: "Alt+T", "data-testid": "action-transfer", onclick: () => transferDialog(), text: t("transfer") }),
      isOpen(chat)
        ? h("button", { type: "button", class: "btn btn-success", disabled: !writable, title: "Alt+R", "data-testid": "action-resolve", onclick: () => resolveDialog(), text: t("resolve") })
        : h("button", { type: "button", class: "btn", "data-testid": "action-reopen", onclick: () => void reopenChat(), text: t("reopen") }),
    ),
  );
  renderCallBar();
}

function statusBanner(chat: Chat): HTMLElement | null {
  if (!isOpen(chat)) return h("div", { class: "banner", "data-testid": "chat-closed", text: t("conversationClosed", statusText(chat.conv.status)) });
  if (!canWrite(chat)) return h("div", { class: "banner", "data-testid": "chat-handed-off", text: t("handedOff", chat.conv.assignedAgentName ?? t(chat.conv.status === "Waiting" ? "queue" : "readOnly")) });
  return null;
}

function messageEl(chat: Chat, m: MessageDto, lastOwnSeq: number): HTMLElement {
  if (m.kind === "System") {
    return h("div", { class: "msg msg-system", "data-testid": "msg", "data-kind": "System", "data-seq": m.seq }, h("span", { class: "msg-text", text: m.text }), h("time", { text: formatTime(m.sentAt) }));
  }
  if (m.kind === "Transcript") return transcriptEl(m);
  const note = m.kind === "PrivateNote";
  const side = m.senderRole === "Customer" ? "in" : "out";
  const read = m.senderRole === "Agent" && !note && m.seq <= chat.conv.customerReadSeq;
  const receipt = m.senderRole === "Agent" && !note ? h("span", { class: `receipt${read ? " read" : ""}`, title: read ? t("read") : t("sent"), "data-testid": read ? "receipt-read" : "receipt-sent", text: read ? (m.seq === lastOwnSeq ? `✓✓ ${t("read")}` : "✓✓") : "✓" }) : null;
  const text = h("div", { class: "msg-text" });
  text.appendChild(linkify(m.text));
  return h(
    "div",
    { class: `msg msg-${side}${note ? " msg-note" : ""}`, "data-testid": "msg", "data-kind": m.kind, "data-seq": m.seq },
    h("div", { class: "msg-meta" }, note ? h("span", { class: "note-label", text: t("privateNote") }) : null, h("span", { class: "msg-from", text: m.senderName ?? (side === "in" ? t("unknownCustomer") : t("system")) }), h("time", { text: formatTime(m.sentAt) }), receipt),
    text,
  );
}

/** A spoken line of a call, as Twilio transcribed it: nobody typed it, so no receipts and its own label. */
function transcriptEl(m: MessageDto): HTMLElement {
  const caller = m.senderRole === "Customer";
  return h(
    "div",
    { class: `msg msg-spoken msg-${caller ? "in" : "out"}`, "data-testid": "msg", "data-kind": "Transcript", "data-seq": m.seq, "data-speaker": caller ? "caller" : "agent" },
    h("div", { class: "msg-meta" }, h("span", { class: "spoken-label", text: `🎙 ${t("transcriptLabel")}` }), h("span", { class: "msg-from", text: m.senderName ?? (caller ? t("caller") : t("agent")) }), h("time", { text: formatTime(m.sentAt) })),
    h("div", { class: "msg-text", text: m.text }),
  );
}

function renderTranscript(): void {
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

function renderTyping(): void {
  const el = document.getElementById("typing");
  const chat = activeChat();
  if (!el) return;
  el.textContent = chat?.customerTyping ? t("typing", customerNameOf(chat)) : "";
}

function renderComposerState(): void {
  const chat = activeChat();
  const wrap = document.getElementById("composer");
  if (!chat || !wrap || !composer) return;
  const writable = canWrite(chat);
  const noteOnly = !writable || notesOnly(chat);
  const note = chat.noteMode || noteOnly;
  wrap.classList.toggle("note-mode", note);
  wrap.dataset.mode = note ? "note" : "message";
  composer.placeholder = notesOnly(chat) ? t("callNotePlaceholder") : note ? t("notePlaceholder") : t("messagePlaceholder");
  const toggle = document.getElementById("note-toggle") as HTMLButtonElement;
  toggle.setAttribute("aria-pressed", String(note));
  toggle.disabled = noteOnly;
  document.getElementById("send-btn")!.textContent = note ? t("addNote") : t("send");
  document.getElementById("note-hint")!.textContent = note ? t("noteMode") : "";
}

function renderSuggestions(): void {
  const box = document.getElementById("canned");
  if (!box) return;
  clear(box);
  box.hidden = suggestions.length === 0;
  const chat = activeChat();
  suggestions.forEach((c, i) =>
    box.appendChild(
      h("button", { type: "button", class: `canned-item${i === suggestionIndex ? " on" : ""}`, "data-testid": "canned-item", onmousedown: (e: Event) => { e.preventDefault(); pickCanned(c); } }, h("span", { class: "canned-key", text: c.shortcut }), h("span", { class: "canned-text", text: chat ? expandCanned(c, customerNameOf(chat), state.session?.agent.displayName ?? "") : c.text })),
    ),
  );
}

function pickCanned(c: Canned): void {
  const chat = activeChat();
  if (!composer || !chat) return;
  composer.value = expandCanned(c, chat.customerName ?? "", state.session?.agent.displayName ?? "");
  suggestions = [];
  renderSuggestions();
  composer.focus();
}

/** A caller cannot read: on a phone conversation the composer writes private notes only. */
function notesOnly(chat: Chat): boolean {
  return chat.conv.channel === "Voice";
}

function sendTyping(isTyping: boolean): void {
  const chat = activeChat();
  if (!chat || !state.conn || chat.noteMode || notesOnly(chat) || !canWrite(chat) || typingSent === isTyping) return;
  typingSent = isTyping;
  void state.conn.invoke("Typing", { conversationId: chat.conv.id, isTyping }).catch(() => undefined);
}

function onComposerInput(): void {
  suggestions = composer ? matchCanned(composer.value.trim()) : [];
  suggestionIndex = 0;
  renderSuggestions();
  if (!composer?.value) {
    sendTyping(false);
    return;
  }
  sendTyping(true);
  window.clearTimeout(typingTimer);
  typingTimer = window.setTimeout(() => sendTyping(false), 2000);
}

function onComposerKey(e: KeyboardEvent): void {
  if (suggestions.length && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
    e.preventDefault();
    suggestionIndex = (suggestionIndex + (e.key === "ArrowDown" ? 1 : suggestions.length - 1)) % suggestions.length;
    renderSuggestions();
    return;
  }
  if (suggestions.length && (e.key === "Tab" || (e.key === "Enter" && !e.ctrlKey && !e.shiftKey))) {
    e.preventDefault();
    pickCanned(suggestions[suggestionIndex]);
    return;
  }
  if (e.key === "Escape" && suggestions.length) {
    suggestions = [];
    renderSuggestions();
    return;
  }
  if (e.key === "Enter" && !e.shiftKey && !e.altKey) {
    e.preventDefault();
    void send();
  }
}

async function send(): Promise<void> {
  const chat = activeChat();
  if (!composer || !chat || !state.conn) return;
  let text = composer.value;
  const exact = matchCanned(text.trim()).find((c) => c.shortcut === text.trim().toLowerCase());
  if (exact) text = expandCanned(exact, chat.customerName ?? "", state.session?.agent.displayName ?? "");
  if (!text.trim()) return;
  const note = chat.noteMode || !canWrite(chat) || notesOnly(chat);
  const pending = { clientMessageId: newId(), text, kind: note ? "PrivateNote" : "Text" } as const;
  const entry = { ...pending } as { clientMessageId: string; text: string; kind: "Text" | "PrivateNote"; error?: string };
  chat.pending.set(entry.clientMessageId, entry);
  composer.value = "";
  chat.draft = "";
  suggestions = [];
  renderSuggestions();
  window.clearTimeout(typingTimer);
  sendTyping(false);
  renderTranscript();
  try {
    const result = await state.conn.invoke<SendMessageResult>(note ? "AddNote" : "Send", { conversationId: chat.conv.id, clientMessageId: entry.clientMessageId, text });
    // The event normally arrives first; if it has not, keep the pending line until it does (Resume fills gaps).
    if (chat.messages.has(result.seq)) chat.pending.delete(entry.clientMessageId);
  } catch (err) {
    entry.error = hubErrorText(err);
    toast(entry.error, "error");
  }
  if (state.active === chat.conv.id) renderTranscript();
}

function emptyState(): HTMLElement {
  return h("div", { class: "empty", "data-testid": "no-chats" }, h("div", { class: "empty-icon", "aria-hidden": "true" }), h("h2", { text: t("noChats") }), h("p", { text: t("noChatsHint") }));
}

export function renderChatPane(): void {
  const pane = document.getElementById("chatpane");
  if (!pane) return;
  const previous = activeChat();
  if (composer && previous) previous.draft = composer.value;
  clear(pane);
  composer = null;
  pane.appendChild(h("div", { class: "tabs", id: "tabs", role: "tablist", "data-testid": "chat-tabs" }));
  renderTabs();
  const chat = activeChat();
  if (!chat) {
    pane.appendChild(emptyState());
    return;
  }
  composer = h("textarea", { id: "composer-input", class: "composer-input", rows: 3, maxlength: 4000, "data-testid": "composer", "aria-label": t("send") });
  composer.value = chat.draft;
  composer.addEventListener("input", onComposerInput);
  composer.addEventListener("keydown", onComposerKey);
  composer.addEventListener("blur", () => sendTyping(false));
  pane.append(
    h("div", { class: "chat-header", id: "chat-header" }),
    ...(chat.conv.channel === "Voice" ? [h("div", { class: "callbar", id: "callbar", "data-testid": "call-bar" })] : []),
    h("div", { class: "transcript", id: "transcript", "data-testid": "transcript", "data-conversation": chat.conv.id, role: "log" }),
    h("div", { class: "typing", id: "typing", "data-testid": "typing", "aria-live": "polite" }),
    h(
      "div",
      { class: "composer", id: "composer" },
      h("div", { class: "canned", id: "canned", hidden: true, "data-testid": "canned" }),
      composer,
      h(
        "div",
        { class: "composer-bar" },
        h("button", { type: "button", id: "note-toggle", class: "btn btn-note", "aria-pressed": "false", title: "Alt+N", "data-testid": "note-toggle", onclick: () => toggleNote(), text: t("note") }),
        h("span", { class: "note-hint", id: "note-hint" }),
        h("button", { type: "button", id: "send-btn", class: "btn btn-primary", title: "Ctrl+Enter", "data-testid": "send", onclick: () => void send(), text: t("send") }),
      ),
    ),
  );
  renderChatHeader();
  renderTranscript();
  renderComposerState();
}
