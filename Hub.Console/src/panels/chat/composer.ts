// The composer under the transcript: messages or private notes, canned responses, typing signals.
import { expandCanned, matchCanned, type Canned } from "../../canned";
import { clear, h, newId } from "../../dom";
import { hub } from "../../hub";
import { t } from "../../i18n";
import { customerNameOf } from "../../model/chats";
import { activeChat, canWrite, state, update, type Chat, type Pending } from "../../store";
import { toast } from "../../ui";
import { hubErrorText } from "../../../../Hub.Widget/src/protocol";

/** The composer on screen and the chat it writes to; the canned suggestions and the typing signal sent. */
const ui = {
  input: null as HTMLTextAreaElement | null,
  chatId: null as string | null,
  suggestions: [] as Canned[],
  suggestionIndex: 0,
  typingSent: false,
  typingTimer: 0,
};

/** Keeps what was typed with its chat before the composer is rebuilt (another chat in front, a redraw). */
export function saveDraft(): void {
  const chat = ui.chatId ? state.chats.get(ui.chatId) : null;
  const text = ui.input?.value;
  if (chat && text !== undefined) update(() => (chat.draft = text));
  ui.input = null;
  ui.chatId = null;
}

export function focusComposer(): void {
  if (ui.input && !ui.input.disabled) ui.input.focus();
}

/** A caller cannot read: on a phone conversation the composer writes private notes only. */
function notesOnly(chat: Chat): boolean {
  return chat.conv.channel === "Voice";
}

/** The composer of this chat, with its draft. */
export function composerFor(chat: Chat, toggleNote: () => void): HTMLElement {
  const input = h("textarea", { id: "composer-input", class: "composer-input", rows: 3, maxlength: 4000, "data-testid": "composer", "aria-label": t("send") });
  input.value = chat.draft;
  input.addEventListener("input", onInput);
  input.addEventListener("keydown", onKey);
  input.addEventListener("blur", () => sendTyping(false));
  ui.input = input;
  ui.chatId = chat.conv.id;
  return h(
    "div",
    { class: "composer", id: "composer" },
    h("div", { class: "canned", id: "canned", hidden: true, "data-testid": "canned" }),
    input,
    h(
      "div",
      { class: "composer-bar" },
      h("button", { type: "button", id: "note-toggle", class: "btn btn-note", "aria-pressed": "false", title: "Alt+N", "data-testid": "note-toggle", onclick: () => toggleNote(), text: t("note") }),
      h("span", { class: "note-hint", id: "note-hint" }),
      h("button", { type: "button", id: "send-btn", class: "btn btn-primary", title: "Ctrl+Enter", "data-testid": "send", onclick: () => void send(), text: t("send") }),
    ),
  );
}

export function renderComposerState(): void {
  const chat = activeChat();
  const wrap = document.getElementById("composer");
  if (!chat || !wrap || !ui.input) return;
  const writable = canWrite(chat);
  const noteOnly = !writable || notesOnly(chat);
  const note = chat.noteMode || noteOnly;
  wrap.classList.toggle("note-mode", note);
  wrap.dataset.mode = note ? "note" : "message";
  ui.input.placeholder = notesOnly(chat) ? t("callNotePlaceholder") : note ? t("notePlaceholder") : t("messagePlaceholder");
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
  box.hidden = ui.suggestions.length === 0;
  const chat = activeChat();
  ui.suggestions.forEach((c, i) =>
    box.appendChild(
      h("button", { type: "button", class: `canned-item${i === ui.suggestionIndex ? " on" : ""}`, "data-testid": "canned-item", onmousedown: (e: Event) => { e.preventDefault(); pickCanned(c); } }, h("span", { class: "canned-key", text: c.shortcut }), h("span", { class: "canned-text", text: chat ? expandCanned(c, customerNameOf(chat), state.session?.agent.displayName ?? "") : c.text })),
    ),
  );
}

function pickCanned(c: Canned): void {
  const chat = activeChat();
  if (!ui.input || !chat) return;
  ui.input.value = expandCanned(c, chat.customerName ?? "", state.session?.agent.displayName ?? "");
  ui.suggestions = [];
  renderSuggestions();
  ui.input.focus();
}

function sendTyping(isTyping: boolean): void {
  const chat = activeChat();
  if (!chat || !hub.hasConnection || chat.noteMode || notesOnly(chat) || !canWrite(chat) || ui.typingSent === isTyping) return;
  ui.typingSent = isTyping;
  void hub.typing({ conversationId: chat.conv.id, isTyping }).catch(() => undefined);
}

function onInput(): void {
  ui.suggestions = ui.input ? matchCanned(ui.input.value.trim()) : [];
  ui.suggestionIndex = 0;
  renderSuggestions();
  if (!ui.input?.value) {
    sendTyping(false);
    return;
  }
  sendTyping(true);
  window.clearTimeout(ui.typingTimer);
  ui.typingTimer = window.setTimeout(() => sendTyping(false), 2000);
}

function onKey(e: KeyboardEvent): void {
  const count = ui.suggestions.length;
  if (count && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
    e.preventDefault();
    ui.suggestionIndex = (ui.suggestionIndex + (e.key === "ArrowDown" ? 1 : count - 1)) % count;
    renderSuggestions();
    return;
  }
  if (count && (e.key === "Tab" || (e.key === "Enter" && !e.ctrlKey && !e.shiftKey))) {
    e.preventDefault();
    pickCanned(ui.suggestions[ui.suggestionIndex]);
    return;
  }
  if (e.key === "Escape" && count) {
    ui.suggestions = [];
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
  if (!ui.input || !chat || !hub.hasConnection) return;
  let text = ui.input.value;
  const exact = matchCanned(text.trim()).find((c) => c.shortcut === text.trim().toLowerCase());
  if (exact) text = expandCanned(exact, chat.customerName ?? "", state.session?.agent.displayName ?? "");
  if (!text.trim()) return;
  const note = chat.noteMode || !canWrite(chat) || notesOnly(chat);
  const entry: Pending = { clientMessageId: newId(), text, kind: note ? "PrivateNote" : "Text" };
  ui.input.value = "";
  ui.suggestions = [];
  renderSuggestions();
  window.clearTimeout(ui.typingTimer);
  sendTyping(false);
  const id = chat.conv.id;
  update(() => {
    chat.pending.set(entry.clientMessageId, entry);
    chat.draft = "";
  }, "transcript");
  const request = { conversationId: id, clientMessageId: entry.clientMessageId, text };
  let outcome: { seq: number } | { error: string };
  try {
    outcome = await (note ? hub.addNote(request) : hub.send(request));
  } catch (err) {
    outcome = { error: hubErrorText(err) };
    toast(outcome.error, "error");
  }
  update(() => {
    if ("error" in outcome) entry.error = outcome.error;
    // The event normally arrives first; if it has not, keep the pending line until it does (Resume fills gaps).
    else if (chat.messages.has(outcome.seq)) chat.pending.delete(entry.clientMessageId);
  }, ...(state.active === id ? (["transcript"] as const) : []));
}
