// The left column: calls ringing for no known conversation, offers (with their countdown) and the waiting queue.
import { clear, formatDuration, h } from "../dom";
import { t } from "../i18n";
import { acceptOffer, claim, declineOffer, expireOffers } from "../model/offers";
import { state } from "../store";
import type { OfferDto, QueueItemDto } from "../../../Hub.Widget/src/protocol";

/** Once a second: countdowns move, and offers past their deadline disappear. */
export function tickOffers(): void {
  const now = Date.now();
  if (expireOffers(now)) return;
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

/** When this console first showed an offer: its countdown bar runs from there to the deadline. */
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

/** Calls that rang for no known conversation, at the top of the left column. */
function incomingSection(): HTMLElement | null {
  const calls = state.voice.unmatched.filter((c) => c.status !== "closed");
  if (!calls.length) return null;
  return h(
    "section",
    { class: "side-section", "data-testid": "incoming-calls" },
    h("h2", { class: "side-title", text: t("incomingCalls") }),
    ...calls.map((call) =>
      h(
        "article",
        { class: "offer offer-call", "data-testid": "incoming-call" },
        h("div", { class: "offer-head" }, h("span", { class: "offer-customer", text: call.from || t("unknownCaller") }), h("span", { class: "chip chip-voice", text: `📞 ${t(call.status === "ringing" ? "callRinging" : "callConnecting")}` })),
        h(
          "div",
          { class: "offer-actions" },
          call.status === "ringing" ? h("button", { type: "button", class: "btn btn-primary", "data-testid": "incoming-answer", onclick: () => call.accept(), text: t("answer") }) : null,
          call.status === "ringing"
            ? h("button", { type: "button", class: "btn", "data-testid": "incoming-reject", onclick: () => call.reject(), text: t("decline") })
            : h("button", { type: "button", class: "btn btn-danger", "data-testid": "incoming-hangup", onclick: () => call.disconnect(), text: t("hangUp") }),
        ),
      ),
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
