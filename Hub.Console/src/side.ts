// The left column: offers (with their countdown) and the waiting queue.
import { hubErrorText } from "../../Hub.Widget/src/protocol";
import { clear, formatDuration, h } from "./dom";
import { t } from "./i18n";
import { state } from "./state";
import { beep, notify, toast } from "./ui";
import { openChat } from "./chat";
import { incomingSection } from "./calls";
import { refreshMyPresence, updateTitle } from "./main";
import type { OfferDto, QueueItemDto, ResumeResult } from "../../Hub.Widget/src/protocol";

export function addOffer(offer: OfferDto): void {
  if (new Date(offer.deadline).getTime() <= Date.now()) return;
  state.offers.set(offer.conversationId, offer);
  renderSide();
  updateTitle();
  beep();
  notify(t(offer.channel === "Voice" ? "newCallOfferTitle" : "newOfferTitle"), t("newOfferBody", offer.customerName ?? t("unknownCustomer"), offer.topic ?? t("ticket", offer.ticketNumber)), offer.conversationId);
}

export function removeOffer(conversationId: string): void {
  if (state.offers.delete(conversationId)) {
    renderSide();
    updateTitle();
  }
}

function oldestOffer(): OfferDto | undefined {
  return [...state.offers.values()].sort((a, b) => a.deadline.localeCompare(b.deadline))[0];
}

export async function acceptOffer(conversationId?: string): Promise<void> {
  const offer = conversationId ? state.offers.get(conversationId) : oldestOffer();
  if (!offer || !state.conn) return;
  try {
    const result = await state.conn.invoke<ResumeResult>("AcceptOffer", { conversationId: offer.conversationId });
    state.offers.delete(offer.conversationId);
    openChat(result, offer.customerName);
  } catch (err) {
    state.offers.delete(offer.conversationId);
    toast(hubErrorText(err), "error");
  }
  renderSide();
  updateTitle();
  refreshMyPresence();
}

export async function declineOffer(conversationId?: string): Promise<void> {
  const offer = conversationId ? state.offers.get(conversationId) : oldestOffer();
  if (!offer || !state.conn) return;
  state.offers.delete(offer.conversationId);
  renderSide();
  updateTitle();
  try {
    await state.conn.invoke("DeclineOffer", { conversationId: offer.conversationId });
  } catch (err) {
    toast(hubErrorText(err), "error");
  }
}

async function claim(item: QueueItemDto): Promise<void> {
  try {
    const result = await state.conn!.invoke<ResumeResult>("Claim", { conversationId: item.conversationId });
    state.queue.delete(item.conversationId);
    state.offers.delete(item.conversationId);
    openChat(result, item.customerName);
  } catch (err) {
    toast(hubErrorText(err), "error");
  }
  renderSide();
  refreshMyPresence();
}

/** Once a second: countdowns move, and offers past their deadline disappear. */
export function tickOffers(): void {
  const now = Date.now();
  let expired = false;
  for (const offer of [...state.offers.values()]) {
    if (new Date(offer.deadline).getTime() < now - 250) {
      state.offers.delete(offer.conversationId);
      expired = true;
    }
  }
  if (expired) {
    renderSide();
    updateTitle();
    return;
  }
  for (const el of document.querySelectorAll<HTMLElement>("[data-deadline]")) {
    const left = new Date(el.dataset.deadline!).getTime() - now;
    el.textContent = t("acceptWithin", formatDuration(left));
    el.closest(".offer")?.classList.toggle("urgent", left < 10_000);
  }
  for (const el of document.querySelectorAll<HTMLElement>("[data-since]")) {
    el.textContent = t("waiting", formatDuration(now - new Date(el.dataset.since!).getTime()));
  }
  for (const el of document.querySelectorAll<HTMLElement>("[data-bar]")) {
    const offer = state.offers.get(el.dataset.bar!);
    if (!offer) continue;
    const total = Math.max(1, new Date(offer.deadline).getTime() - offerSeen(offer));
    el.style.width = `${Math.max(0, Math.min(100, ((new Date(offer.deadline).getTime() - now) / total) * 100))}%`;
  }
}

const seen = new Map<string, number>();
function offerSeen(offer: OfferDto): number {
  const key = `${offer.conversationId}|${offer.deadline}`;
  if (!seen.has(key)) seen.set(key, Date.now());
  return seen.get(key)!;
}

function offerCard(offer: OfferDto, index: number): HTMLElement {
  offerSeen(offer);
  const now = Date.now();
  return h(
    "article",
    { class: `offer${offer.channel === "Voice" ? " offer-call" : ""}`, "data-testid": "offer", "data-conversation": offer.conversationId, "data-channel": offer.channel },
    h(
      "div",
      { class: "offer-head" },
      h("span", { class: "offer-customer", "data-testid": "offer-customer", text: offer.customerName ?? t("unknownCustomer") }),
      offer.channel === "Voice" ? voiceChip("offer-voice") : null,
      h("span", { class: "chip chip-level", text: t("level", offer.level) }),
    ),
    h("div", { class: "offer-topic", text: offer.topic ?? t("ticket", offer.ticketNumber) }),
    h(
      "div",
      { class: "offer-meta" },
      h("span", { "data-since": offer.waitingSince, text: t("waiting", formatDuration(now - new Date(offer.waitingSince).getTime())) }),
      h("span", { class: "offer-deadline", "data-testid": "offer-deadline", "data-deadline": offer.deadline, text: t("acceptWithin", formatDuration(new Date(offer.deadline).getTime() - now)) }),
    ),
    h("div", { class: "offer-bar" }, h("span", { "data-bar": offer.conversationId })),
    h(
      "div",
      { class: "offer-actions" },
      h("button", { type: "button", class: "btn btn-primary", "data-testid": "offer-accept", title: index === 0 ? "Alt+A" : "", onclick: () => void acceptOffer(offer.conversationId), text: t("accept") }),
      h("button", { type: "button", class: "btn", "data-testid": "offer-decline", title: index === 0 ? "Alt+D" : "", onclick: () => void declineOffer(offer.conversationId), text: t("decline") }),
    ),
  );
}

function voiceChip(testId: string): HTMLElement {
  return h("span", { class: "chip chip-voice", "data-testid": testId, title: t("phoneCall"), text: `📞 ${t("call")}` });
}

function queueRow(item: QueueItemDto): HTMLElement {
  const offeredToMe = state.offers.has(item.conversationId);
  return h(
    "li",
    { class: "queue-item", "data-testid": "queue-item", "data-conversation": item.conversationId },
    h(
      "div",
      { class: "queue-row" },
      h("span", { class: "queue-name", text: item.customerName ?? t("unknownCustomer") }),
      h("button", { type: "button", class: "btn btn-small", disabled: offeredToMe, "data-testid": "queue-claim", onclick: () => void claim(item), text: t("claim") }),
    ),
    h(
      "div",
      { class: "queue-row" },
      h("span", { class: "queue-topic", text: item.topic ?? t("ticket", item.ticketNumber) }),
      item.channel === "Voice" ? voiceChip("queue-voice") : null,
      h("span", { class: "chip chip-level", text: t("levelShort", item.level) }),
      h("span", { class: "queue-wait", "data-since": item.waitingSince, text: "" }),
    ),
  );
}

export function renderSide(): void {
  const side = document.getElementById("sidebar");
  if (!side) return;
  clear(side);
  const offers = [...state.offers.values()].sort((a, b) => a.deadline.localeCompare(b.deadline));
  const offline = (state.presence?.status ?? "Offline") !== "Available";
  const incoming = incomingSection();
  if (incoming) side.append(incoming);
  side.append(
    h(
      "section",
      { class: "side-section", "data-testid": "offers" },
      h("h2", { class: "side-title" }, t("offers"), offers.length ? h("span", { class: "count", text: offers.length }) : null),
      ...(offers.length ? offers.map(offerCard) : [h("p", { class: "muted", text: offline ? t("goAvailableHint") : t("noOffers") })]),
    ),
  );
  const queue = [...state.queue.values()].sort((a, b) => a.waitingSince.localeCompare(b.waitingSince));
  side.append(
    h(
      "section",
      { class: "side-section side-queue", "data-testid": "queue" },
      h("h2", { class: "side-title" }, t("queue"), h("span", { class: "count", "data-testid": "queue-count", text: queue.length })),
      queue.length ? h("ul", { class: "queue-list" }, ...queue.map(queueRow)) : h("p", { class: "muted", text: t("queueEmpty") }),
    ),
  );
  tickOffers();
}
