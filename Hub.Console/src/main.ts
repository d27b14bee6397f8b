// Entry point: the only module that wires the parts together. Renderers follow the store's changes,
// the agent hub's events become store updates, and sign-in, sync and sign-out run from here.
import css from "./console.css";
import * as api from "./api";
import { provide } from "./commands";
import { h } from "./dom";
import { hub } from "./hub";
import { t } from "./i18n";
import { onKey } from "./keys";
import { startVoice, stopVoice } from "./model/calls";
import { conversationChanged, markReadIfVisible, messageReceived, messagesRead, resumeChat, typingChanged } from "./model/chats";
import { addOffer, removeOffer } from "./model/offers";
import { applyPresence, refreshMyPresence, refreshTeam } from "./model/presence";
import { renderCallBar } from "./panels/callbar";
import { focusComposer, renderChatHeader, renderChatPane, renderComposerState, renderTabs, renderTranscript, renderTyping } from "./panels/chat";
import { renderCustomer } from "./panels/customer";
import { escalateDialog, reopenChat, resolveDialog, transferDialog, warmTransferDialog } from "./panels/dialogs";
import { showHelp } from "./panels/help";
import { inviteToken, renderInvite } from "./panels/invite";
import { renderLogin } from "./panels/login";
import { renderSide, tickOffers } from "./panels/side";
import { renderSupervisor, tickSupervisor } from "./panels/supervisor";
import { showTeam } from "./panels/team";
import { renderPhone, renderTopbar, updateTitle } from "./panels/topbar";
import { isSupervisor, myId, newChat, reset, state, subscribe, update, type Change } from "./store";
import { showDialog, toast } from "./ui";

document.head.appendChild(h("style", { text: css }));
const root = document.getElementById("app") ?? document.body.appendChild(h("div", { id: "app" }));
const timers = { heartbeat: 0, ticker: 0 };

function showLogin(message?: string): void {
  renderLogin(root, message, async (session) => {
    update((s) => (s.session = session));
    await start();
  });
}

function buildShell(): void {
  root.replaceChildren(
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

function renderChats(): void {
  renderChatPane();
  renderCallBar();
  renderCustomer();
}

function renderAll(): void {
  if (!state.session) return showLogin();
  renderTopbar();
  renderSide();
  renderChats();
  renderSupervisor();
  updateTitle();
}

/** The chats view or the supervisor view in front. */
function showView(): void {
  document.getElementById("workspace")!.hidden = state.view !== "chats";
  document.getElementById("supervisor")!.hidden = state.view !== "supervisor";
  if (state.view === "supervisor") void refreshTeam();
  if (state.view === "chats") markReadIfVisible();
}

/** Draws what the changes touched, and no more (a redraw of the composer would lose its focus). */
function render(c: ReadonlySet<Change>): void {
  if (c.has("language")) return renderAll();
  if (!state.session) return;
  if (c.has("session") || c.has("connection") || c.has("presence") || c.has("view")) renderTopbar();
  if (c.has("view")) showView();
  if (c.has("offers") || c.has("queue") || c.has("incoming")) renderSide();
  if (c.has("active")) renderChats();
  else if (c.has("conversation")) {
    if (c.has("chats")) renderTabs();
    renderChatHeader();
    renderTranscript();
    renderComposerState();
    renderCallBar();
    renderCustomer();
  } else {
    if (c.has("chats")) renderTabs();
    if (c.has("transcript")) renderTranscript();
    else if (c.has("typing")) renderTyping();
    if (c.has("composer")) renderComposerState();
    if (c.has("call") || c.has("phone")) renderCallBar();
    if (c.has("customer")) renderCustomer();
  }
  if (c.has("phone")) renderPhone();
  if (c.has("queue") || c.has("team") || c.has("view")) renderSupervisor();
  if (c.has("chats") || c.has("offers")) updateTitle();
}

/** The agent hub's events, as store updates. */
function wire(): void {
  hub.on("MessageReceived", messageReceived);
  hub.on("TypingChanged", typingChanged);
  hub.on("MessagesRead", messagesRead);
  hub.on("ConversationChanged", (c) => {
    conversationChanged(c);
    refreshMyPresence();
  });
  hub.on("ConversationQueued", (q) => {
    update((s) => s.queue.set(q.conversationId, q), "queue");
    if (isSupervisor()) void refreshTeam();
  });
  hub.on("ConversationDequeued", (d) => {
    if (state.queue.has(d.conversationId)) update((s) => s.queue.delete(d.conversationId), "queue");
    if (isSupervisor()) void refreshTeam();
  });
  hub.on("OfferReceived", (o) => {
    addOffer(o);
    refreshMyPresence();
  });
  hub.on("OfferWithdrawn", (d) => {
    removeOffer(d.conversationId);
    refreshMyPresence();
  });
  hub.on("PresenceChanged", (d) => {
    if (d.agentId === myId() && state.presence) applyPresence({ ...state.presence, status: d.status });
    const member = state.team.get(d.agentId);
    update(() => member && (member.status = d.status), ...(isSupervisor() ? (["team"] as const) : []));
    if (isSupervisor()) void refreshTeam();
  });
  hub.onReconnecting(() => {
    update((s) => (s.connState = "reconnecting"), "connection");
    void checkSession();
  });
  hub.onReconnected(() => {
    update((s) => (s.connState = "connected"));
    void sync();
  });
  hub.onClose(() => {
    update((s) => (s.connState = "disconnected"), "connection");
    void checkSession();
  });
}

/**
 * The server closes the connection of an ended session (logout elsewhere, disabled account, password
 * change, expiry): when the token is refused, back to sign-in with a clear message.
 */
async function checkSession(): Promise<void> {
  const session = state.session;
  if (!session) return;
  try {
    await api.me(session.token);
  } catch (err) {
    if (!(err instanceof api.HttpError && err.status === 401) || state.session !== session) return;
    await stop();
    api.dropSession();
    showLogin(t("sessionEnded"));
  }
}

function changePasswordDialog(): void {
  const fields = [
    { name: "current", label: t("currentPassword"), kind: "password" as const, maxLength: 256, required: t("currentPassword") },
    { name: "next", label: t("newPassword"), kind: "password" as const, maxLength: 256, required: t("newPassword") },
  ];
  showDialog(t("changePassword"), "password-dialog", fields, t("changePassword"), async (v) => {
    if (v.next!.length < 12) throw new Error(t("passwordTooShort"));
    const session = await api.changePassword(state.session!.token, v.current!, v.next!);
    // The old token's sessions ended with the change: reconnect with the new one.
    await stop();
    api.saveSession(session);
    update((s) => (s.session = session));
    await start();
    toast(t("passwordChanged"));
  });
}

/** After every (re)connect: presence first (the groups are joined then), then queue and chats. */
async function sync(): Promise<void> {
  const presence = await hub.getPresence();
  update((s) => (s.presence = presence));
  const [queue, mine] = await Promise.all([hub.getQueue(), hub.getMyConversations()]);
  update((s) => {
    s.queue = new Map(queue.map((q) => [q.conversationId, q]));
    for (const conv of mine) {
      if (!s.chats.has(conv.id)) {
        s.chats.set(conv.id, newChat(conv, null));
        s.order.push(conv.id);
      }
    }
    s.active ??= s.order[0] ?? null;
  });
  await Promise.all([...state.chats.keys()].map((id) => resumeChat(id)));
  if (isSupervisor()) await refreshTeam();
  renderAll();
}

async function start(): Promise<void> {
  const session = state.session!;
  buildShell();
  hub.connect(session.token);
  wire();
  try {
    await hub.start();
  } catch (err) {
    await stop();
    api.dropSession();
    const text = err instanceof Error ? err.message : String(err);
    showLogin(/401|Unauthorized/i.test(text) ? t("sessionExpired") : t("errorPrefix", text));
    return;
  }
  update((s) => (s.connState = "connected"));
  await sync();
  void startVoice();
  timers.heartbeat = window.setInterval(() => {
    if (hub.connected) void hub.heartbeat().catch(() => undefined);
    refreshMyPresence();
  }, 20_000);
  timers.ticker = window.setInterval(() => {
    tickOffers();
    tickSupervisor();
  }, 1000);
  // Refresh the profile (levels or skills may have changed since the token was issued).
  api.me(session.token).then((agent) => {
    if (!state.session) return;
    update((s) => (s.session = { ...s.session!, agent }), "session");
    api.saveSession(state.session);
  }, () => undefined);
}

async function stop(): Promise<void> {
  window.clearInterval(timers.heartbeat);
  window.clearInterval(timers.ticker);
  stopVoice();
  update(reset);
  await hub.stop();
}

async function logout(): Promise<void> {
  const token = state.session?.token;
  try {
    if (hub.connected) await hub.setPresence({ status: "Offline" });
  } catch {
    // Leaving anyway: the grace period hands the chats over if this call did not arrive.
  }
  await stop();
  // Ends the session on the server too, so the token stops working everywhere.
  if (token) await api.logout(token).catch(() => undefined);
  api.dropSession();
  showLogin();
}

provide({
  escalate: escalateDialog,
  transfer: transferDialog,
  resolve: resolveDialog,
  reopen: () => void reopenChat(),
  warmTransfer: warmTransferDialog,
  showHelp,
  focusComposer,
  signOut: () => void logout(),
  openTeam: showTeam,
  changePassword: changePasswordDialog,
});
subscribe(render);
document.addEventListener("keydown", onKey);
document.addEventListener("visibilitychange", () => markReadIfVisible());
window.addEventListener("focus", () => markReadIfVisible());

const saved = api.loadSession();
const invitation = inviteToken();
if (invitation) {
  renderInvite(root, invitation, async (session) => {
    update((s) => (s.session = session));
    await start();
  });
} else if (saved) {
  update((s) => (s.session = saved));
  void start().then(() => focusComposer());
} else {
  showLogin();
}
