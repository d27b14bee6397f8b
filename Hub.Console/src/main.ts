// Entry point: sign-in, the shell, the hub connection and its events, keyboard shortcuts.
import { HubConnectionState } from "@microsoft/signalr";
import css from "./console.css";
import * as api from "./api";
import { clear, h } from "./dom";
import { lang, setLang, t, type Lang } from "./i18n";
import { state, isSupervisor, myId, newChat, type View } from "./state";
import { closeDialog, dialogOpen, toast, unlockAudio } from "./ui";
import { renderSide, acceptOffer, declineOffer, addOffer, removeOffer, tickOffers } from "./side";
import { renderChatPane, onMessage, onTyping, onRead, onConversationChanged, resumeChat, switchTab, focusComposer, toggleNote, markReadIfVisible, cycleTab } from "./chat";
import { escalateDialog, transferDialog, resolveDialog } from "./actions";
import { renderCustomer } from "./customer";
import { renderSupervisor, refreshTeam, tickSupervisor } from "./supervisor";
import { showHelp } from "./help";
import { phoneIndicator, startVoice, stopVoice, toggleHold, toggleMute, voice } from "./calls";
import { hubErrorText, type ConversationDto, type MessageDto, type OfferDto, type PresenceDto, type PresenceStatus, type QueueItemDto, type ReadDto, type TypingDto } from "../../Hub.Widget/src/protocol";

document.head.appendChild(h("style", { text: css }));
const root = document.getElementById("app") ?? document.body.appendChild(h("div", { id: "app" }));
let heartbeat = 0;
let ticker = 0;

export function renderAll(): void {
  if (!state.session) return renderLogin();
  renderTopbar();
  renderSide();
  renderChatPane();
  renderCustomer();
  renderSupervisor();
  updateTitle();
}

export function updateTitle(): void {
  let unread = 0;
  for (const chat of state.chats.values()) unread += chat.unread;
  const badge = unread + state.offers.size;
  document.title = (badge > 0 ? `(${badge}) ` : "") + t("appName");
}

function langSelect(): HTMLSelectElement {
  const select = h("select", { class: "lang", "aria-label": t("language"), "data-testid": "lang" }, h("option", { value: "en", text: "English" }), h("option", { value: "de", text: "Deutsch" }));
  select.value = lang();
  select.addEventListener("change", () => {
    setLang(select.value as Lang);
    renderAll();
  });
  return select;
}

function renderLogin(message?: string): void {
  clear(root);
  document.title = t("appName");
  const email = h("input", { id: "login-email", type: "email", autocomplete: "username", required: true, "data-testid": "login-email" });
  const password = h("input", { id: "login-password", type: "password", autocomplete: "current-password", required: true, "data-testid": "login-password" });
  const error = h("div", { class: "login-error", role: "alert", "data-testid": "login-error", text: message ?? "" });
  const button = h("button", { class: "btn btn-primary btn-block", type: "submit", "data-testid": "login-submit", text: t("signIn") });
  const form = h(
    "form",
    { class: "login-card" },
    h("div", { class: "login-brand" }, h("span", { class: "logo", text: "H" }), h("span", { text: t("appName") })),
    h("h1", { text: t("signInTitle") }),
    h("label", { class: "field", for: "login-email" }, h("span", { class: "field-label", text: t("email") }), email),
    h("label", { class: "field", for: "login-password" }, h("span", { class: "field-label", text: t("password") }), password),
    error,
    button,
    h("div", { class: "login-foot" }, langSelect()),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    unlockAudio();
    button.disabled = true;
    error.textContent = "";
    try {
      const result = await api.login(email.value.trim(), password.value);
      api.saveSession(result);
      state.session = result;
      await start();
    } catch (err) {
      error.textContent = err instanceof api.HttpError && err.status === 401 ? t("loginFailed") : t("loginError", err instanceof Error ? err.message : String(err));
      button.disabled = false;
    }
  });
  root.appendChild(h("div", { class: "login-screen" }, form));
  email.focus();
}

function buildShell(): void {
  clear(root);
  root.append(
    h(
      "div",
      { class: "shell" },
      h("header", { class: "topbar", id: "topbar" }),
      h(
        "main",
        { class: "workspace", id: "workspace", "data-testid": "workspace" },
        h("aside", { class: "sidebar", id: "sidebar" }),
        h("section", { class: "chatpane", id: "chatpane" }),
        h("aside", { class: "customer", id: "customer", "data-testid": "customer-panel" }),
      ),
      h("main", { class: "supervisor", id: "supervisor", "data-testid": "supervisor-view", hidden: true }),
    ),
    h("div", { class: "toasts", id: "toasts", "aria-live": "polite" }),
  );
}

function presenceSwitch(): HTMLElement {
  const current = state.presence?.status ?? "Offline";
  const group = h("div", { class: "presence", role: "radiogroup", "aria-label": "Presence", "data-testid": "presence", "data-status": current });
  for (const status of ["Available", "Busy", "Away"] as PresenceStatus[]) {
    group.appendChild(
      h(
        "button",
        { type: "button", role: "radio", "aria-checked": String(current === status), class: `presence-btn st-${status}${current === status ? " on" : ""}`, "data-testid": `presence-${status}`, onclick: () => void setPresence(status) },
        h("span", { class: `dot st-${status}` }),
        t(status),
      ),
    );
  }
  if (current === "Offline") group.appendChild(h("span", { class: "presence-offline", "data-testid": "presence-offline", text: t("Offline") }));
  return group;
}

function renderTopbar(): void {
  const bar = document.getElementById("topbar");
  if (!bar || !state.session) return;
  clear(bar);
  const agent = state.session.agent;
  const p = state.presence;
  const levels = (p?.levels.length ? p.levels : agent.levels).map((l) => h("span", { class: "chip chip-level", text: t("levelShort", l) }));
  const skills = (p?.skills.length ? p.skills : agent.skills).map((s) => h("span", { class: "chip", text: s }));
  const views = isSupervisor()
    ? h(
        "nav",
        { class: "views" },
        ...(["chats", "supervisor"] as View[]).map((v) =>
          h("button", { type: "button", class: `view-btn${state.view === v ? " on" : ""}`, "data-testid": `view-${v}`, onclick: () => setView(v), text: t(v) }),
        ),
      )
    : null;
  bar.append(
    h("div", { class: "brand" }, h("span", { class: "logo", text: "H" }), h("span", { class: "brand-name", text: t("appName") })),
    views ?? h("span"),
    presenceSwitch(),
    h(
      "div",
      { class: "me", "data-testid": "me" },
      h("div", { class: "me-name", title: agent.email, text: agent.displayName }),
      h(
        "div",
        { class: "me-tags", title: `${t("levels")}: ${(p?.levels.length ? p.levels : agent.levels).join(", ")} · ${t("skills")}: ${(p?.skills.length ? p.skills : agent.skills).join(", ")}` },
        ...levels,
        ...skills,
        p ? h("span", { class: "me-load", "data-testid": "me-load", text: `${t("load")} ${p.chatLoad}/${p.chatCapacity}` + (voice.enabled ? ` · ${t("calls")} ${p.voiceLoad}/${p.voiceCapacity}` : "") }) : null,
      ),
    ),
    ...(voice.enabled ? [phoneIndicator()!] : []),
    h("span", { class: `conn conn-${state.connState}`, title: t(state.connState), "data-testid": "conn", "data-state": state.connState }),
    langSelect(),
    h("button", { type: "button", class: "btn btn-icon", title: `${t("help")} (F1)`, "aria-label": t("help"), "data-testid": "help-btn", onclick: () => showHelp(), text: "?" }),
    h("button", { type: "button", class: "btn", "data-testid": "logout", onclick: () => void logout(), text: t("logout") }),
  );
}

export function setView(view: View): void {
  state.view = view;
  document.getElementById("workspace")!.hidden = view !== "chats";
  document.getElementById("supervisor")!.hidden = view !== "supervisor";
  renderTopbar();
  if (view === "supervisor") void refreshTeam();
  renderSupervisor();
  if (view === "chats") markReadIfVisible();
}

async function setPresence(status: PresenceStatus): Promise<void> {
  try {
    const result = await state.conn!.invoke<PresenceDto>("SetPresence", { status });
    applyPresence(result);
  } catch (err) {
    toast(t("errorPrefix", hubErrorText(err)), "error");
  }
}

let presenceTimer = 0;

/** Load has no event of its own: re-read the agent's presence shortly after anything that moves it. */
export function refreshMyPresence(): void {
  window.clearTimeout(presenceTimer);
  presenceTimer = window.setTimeout(() => {
    if (state.conn?.state !== HubConnectionState.Connected) return;
    state.conn.invoke<PresenceDto>("GetPresence").then(applyPresence, () => undefined);
  }, 250);
}

function applyPresence(p: PresenceDto): void {
  state.presence = p;
  if (p.status === "Offline") {
    state.offers.clear();
    renderSide();
  }
  renderTopbar();
}

async function logout(): Promise<void> {
  try {
    if (state.conn?.state === HubConnectionState.Connected) await state.conn.invoke("SetPresence", { status: "Offline" });
  } catch {
    // Leaving anyway: the grace period hands the chats over if this call did not arrive.
  }
  await stop();
  api.dropSession();
  renderLogin();
}

async function stop(): Promise<void> {
  window.clearInterval(heartbeat);
  window.clearInterval(ticker);
  const conn = state.conn;
  state.conn = null;
  state.session = null;
  state.presence = null;
  state.offers.clear();
  state.chats.clear();
  state.order = [];
  state.active = null;
  state.queue.clear();
  state.team.clear();
  state.view = "chats";
  state.connState = "disconnected";
  stopVoice();
  if (conn) await conn.stop().catch(() => undefined);
}

function wire(conn: NonNullable<typeof state.conn>): void {
  conn.on("MessageReceived", (m: MessageDto) => onMessage(m));
  conn.on("TypingChanged", (d: TypingDto) => onTyping(d));
  conn.on("MessagesRead", (d: ReadDto) => onRead(d));
  conn.on("ConversationChanged", (c: ConversationDto) => {
    onConversationChanged(c);
    refreshMyPresence();
  });
  conn.on("ConversationQueued", (q: QueueItemDto) => {
    state.queue.set(q.conversationId, q);
    renderSide();
    renderSupervisor();
    if (isSupervisor()) void refreshTeam();
  });
  conn.on("ConversationDequeued", (d: { conversationId: string }) => {
    if (state.queue.delete(d.conversationId)) {
      renderSide();
      renderSupervisor();
    }
    if (isSupervisor()) void refreshTeam();
  });
  conn.on("OfferReceived", (o: OfferDto) => {
    addOffer(o);
    refreshMyPresence();
  });
  conn.on("OfferWithdrawn", (d: { conversationId: string }) => {
    removeOffer(d.conversationId);
    refreshMyPresence();
  });
  conn.on("PresenceChanged", (d: { agentId: string; status: PresenceStatus }) => {
    if (d.agentId === myId() && state.presence) applyPresence({ ...state.presence, status: d.status });
    const member = state.team.get(d.agentId);
    if (member) member.status = d.status;
    if (isSupervisor()) {
      renderSupervisor();
      void refreshTeam();
    }
  });
  conn.onreconnecting(() => {
    state.connState = "reconnecting";
    renderTopbar();
  });
  conn.onreconnected(() => {
    state.connState = "connected";
    void sync();
  });
  conn.onclose(() => {
    if (state.conn !== conn) return;
    state.connState = "disconnected";
    renderTopbar();
  });
}

/** After every (re)connect: presence first (the groups are joined then), then queue and chats. */
async function sync(): Promise<void> {
  const conn = state.conn!;
  state.presence = await conn.invoke<PresenceDto>("GetPresence");
  const [queue, mine] = await Promise.all([conn.invoke<QueueItemDto[]>("GetQueue"), conn.invoke<ConversationDto[]>("GetMyConversations")]);
  state.queue = new Map(queue.map((q) => [q.conversationId, q]));
  for (const conv of mine) {
    if (!state.chats.has(conv.id)) {
      state.chats.set(conv.id, newChat(conv, null));
      state.order.push(conv.id);
    }
  }
  state.active ??= state.order[0] ?? null;
  await Promise.all([...state.chats.keys()].map((id) => resumeChat(id)));
  if (isSupervisor()) await refreshTeam();
  renderAll();
}

async function start(): Promise<void> {
  const session = state.session!;
  buildShell();
  const conn = api.connect(session.token);
  state.conn = conn;
  wire(conn);
  try {
    await conn.start();
  } catch (err) {
    await stop();
    api.dropSession();
    const text = err instanceof Error ? err.message : String(err);
    renderLogin(/401|Unauthorized/i.test(text) ? t("sessionExpired") : t("errorPrefix", text));
    return;
  }
  state.connState = "connected";
  await sync();
  void startVoice();
  heartbeat = window.setInterval(() => {
    if (state.conn?.state === HubConnectionState.Connected) void state.conn.invoke("Heartbeat").catch(() => undefined);
    refreshMyPresence();
  }, 20_000);
  ticker = window.setInterval(() => {
    tickOffers();
    tickSupervisor();
  }, 1000);
  // Refresh the profile (levels or skills may have changed since the token was issued).
  api.me(session.token).then((agent) => {
    if (state.session) {
      state.session = { ...state.session, agent };
      api.saveSession(state.session);
      renderTopbar();
    }
  }, () => undefined);
}

function onKey(e: KeyboardEvent): void {
  if (!state.session) return;
  if (e.key === "Escape" && closeDialog()) {
    e.preventDefault();
    return;
  }
  if (e.key === "F1" || (e.key === "?" && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement))) {
    e.preventDefault();
    showHelp();
    return;
  }
  if (!e.altKey || e.ctrlKey || e.metaKey || dialogOpen()) return;
  const actions: Record<string, () => void> = {
    KeyA: () => void acceptOffer(),
    KeyD: () => void declineOffer(),
    KeyN: () => toggleNote(),
    KeyE: () => escalateDialog(),
    KeyT: () => transferDialog(),
    KeyR: () => resolveDialog(),
    KeyS: () => isSupervisor() && setView(state.view === "chats" ? "supervisor" : "chats"),
    KeyM: () => toggleMute(),
    KeyH: () => void toggleHold(),
    ArrowRight: () => cycleTab(1),
    ArrowLeft: () => cycleTab(-1),
  };
  const digit = /^Digit([1-9])$/.exec(e.code);
  if (digit) {
    e.preventDefault();
    const id = state.order[Number(digit[1]) - 1];
    if (id) switchTab(id);
    return;
  }
  const action = actions[e.code];
  if (action) {
    e.preventDefault();
    action();
  }
}

document.addEventListener("keydown", onKey);
document.addEventListener("visibilitychange", () => markReadIfVisible());
window.addEventListener("focus", () => markReadIfVisible());

const saved = api.loadSession();
if (saved) {
  state.session = saved;
  void start().then(() => focusComposer());
} else {
  renderLogin();
}
