// The call bar under the chat header of a phone conversation: the call's state and its controls, or
// for a voicemail or callback task, who to call back.
import { commands } from "../commands";
import { clear, h } from "../dom";
import { t, type Key } from "../i18n";
import { answer, callBack, callStatus, finishWarmTransfer, hangUp, isFollowUp, isLiveCall, toggleHold, toggleMute, type CallStatus } from "../model/calls";
import type { PhoneCall } from "../phone";
import { activeChat, canWrite, state, type Chat } from "../store";

const statusKeys: Record<CallStatus, Key> = {
  waiting: "callWaiting",
  ringing: "callRinging",
  connecting: "callConnecting",
  connected: "callConnected",
  onHold: "callOnHold",
  ended: "callEnded",
};

export function renderCallBar(): void {
  const bar = document.getElementById("callbar");
  const chat = activeChat();
  if (!bar) return;
  clear(bar);
  if (!chat) return;
  if (isFollowUp(chat.conv)) {
    renderCallBack(bar, chat);
    return;
  }
  if (!isLiveCall(chat.conv)) return;
  const status = callStatus(chat);
  const l = state.voice.lines.get(chat.conv.id);
  const mine = canWrite(chat);
  const live = mine && status !== "ended";
  const call = l?.call ?? null;
  const talking = call?.status === "connecting" || call?.status === "open";
  const statusText = t(statusKeys[status]) + (status === "waiting" && state.voice.phoneState !== "registered" ? ` – ${t("phoneNotReady")}` : "");
  bar.append(
    h("span", { class: "call-icon", "aria-hidden": "true", text: "📞" }),
    h("span", { class: `call-status call-${status}`, role: "status", "aria-live": "polite", "data-testid": "call-status", "data-state": status, text: statusText }),
  );
  if (l?.warm) bar.append(h("span", { class: "call-warm", "data-testid": "call-warm-with", text: t("warmWith", l.warm.name) }));
  if (!live) return;
  const busy = l?.busy ?? false;
  const held = status === "onHold";
  const warm = l?.warm ?? null;
  bar.append(
    h(
      "div",
      { class: "call-actions", role: "group", "aria-label": t("callControls") },
      status === "ringing" ? h("button", { type: "button", class: "btn btn-primary", "data-testid": "call-answer", onclick: () => answer(chat), text: t("answer") }) : null,
      h("button", { type: "button", class: "btn", disabled: !talking, "aria-pressed": String(call?.muted ?? false), title: "Alt+M", "data-testid": "call-mute", onclick: () => toggleMute(), text: call?.muted ? t("unmute") : t("mute") }),
      h("button", { type: "button", class: "btn", disabled: busy, "aria-pressed": String(held), title: "Alt+H", "data-testid": "call-hold", onclick: () => void toggleHold(), text: held ? t("resume") : t("hold") }),
      warm
        ? h("button", { type: "button", class: "btn btn-primary", disabled: busy, "data-testid": "call-warm-complete", onclick: () => void finishWarmTransfer(chat, true), text: t("warmComplete") })
        : h("button", { type: "button", class: "btn", disabled: busy || held, "data-testid": "call-warm", onclick: () => commands.warmTransfer(), text: t("warmTransfer") }),
      warm ? h("button", { type: "button", class: "btn", disabled: busy, "data-testid": "call-warm-cancel", onclick: () => void finishWarmTransfer(chat, false), text: t("warmCancel") }) : null,
      h("button", { type: "button", class: "btn btn-danger", disabled: busy, "data-testid": "call-hangup", onclick: () => void hangUp(), text: t("hangUp") }),
    ),
  );
}

const outgoingKeys: Record<PhoneCall["status"], Key> = {
  ringing: "callRinging",
  connecting: "callConnecting",
  open: "callConnected",
  closed: "callEnded",
};

/** A voicemail or callback task: who to call, and a button that calls them back from this browser. */
function renderCallBack(bar: HTMLElement, chat: Chat): void {
  const who = chat.customerName ?? chat.conv.call?.callerNumber ?? t("unknownCustomer");
  const call = state.voice.lines.get(chat.conv.id)?.call ?? null;
  const talking = call !== null && call.status !== "closed";
  bar.append(h("span", { class: "call-icon", "aria-hidden": "true", text: "📞" }), h("span", { class: "call-back", "data-testid": "call-back", text: t("callBack", who) }));
  if (talking) {
    bar.append(
      h("span", { class: `call-status call-${call.status}`, role: "status", "aria-live": "polite", "data-testid": "call-status", "data-state": call.status, text: t(outgoingKeys[call.status]) }),
      h(
        "div",
        { class: "call-actions", role: "group", "aria-label": t("callControls") },
        h("button", { type: "button", class: "btn", disabled: call.status !== "open", "aria-pressed": String(call.muted), title: "Alt+M", "data-testid": "call-mute", onclick: () => call.mute(!call.muted), text: call.muted ? t("unmute") : t("mute") }),
        h("button", { type: "button", class: "btn btn-danger", "data-testid": "call-hangup", onclick: () => call.disconnect(), text: t("hangUp") }),
      ),
    );
    return;
  }
  const ready = canWrite(chat) && chat.conv.status === "Active" && state.voice.phone !== null && state.voice.phoneState === "registered";
  bar.append(h("span", { class: "muted small", text: t("callBackHint") }));
  if (state.voice.enabled) {
    bar.append(h("button", { type: "button", class: "btn btn-primary", disabled: !ready, "data-testid": "call-back-now", onclick: () => void callBack(chat), text: t("callBackNow") }));
  }
}
