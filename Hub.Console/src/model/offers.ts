// Offers the router makes to this agent, and the waiting queue any agent may claim from.
import { hub } from "../hub";
import { t } from "../i18n";
import { state, update } from "../store";
import { beep, notify, toast } from "../ui";
import { hubErrorText, type OfferDto, type QueueItemDto } from "../../../Hub.Widget/src/protocol";
import { openChat } from "./chats";
import { refreshMyPresence } from "./presence";

export function addOffer(offer: OfferDto): void {
  if (new Date(offer.deadline).getTime() <= Date.now()) return;
  update((s) => s.offers.set(offer.conversationId, offer), "offers");
  beep();
  notify(t(offer.channel === "Voice" ? "newCallOfferTitle" : "newOfferTitle"), t("newOfferBody", offer.customerName ?? t("unknownCustomer"), offer.topic ?? t("ticket", offer.ticketNumber)), offer.conversationId);
}

export function removeOffer(conversationId: string): void {
  if (state.offers.has(conversationId)) update((s) => s.offers.delete(conversationId), "offers");
}

function oldestOffer(): OfferDto | undefined {
  return [...state.offers.values()].sort((a, b) => a.deadline.localeCompare(b.deadline))[0];
}

export async function acceptOffer(conversationId?: string): Promise<void> {
  const offer = conversationId ? state.offers.get(conversationId) : oldestOffer();
  if (!offer || !hub.hasConnection) return;
  try {
    const result = await hub.acceptOffer({ conversationId: offer.conversationId });
    update((s) => s.offers.delete(offer.conversationId), "offers");
    openChat(result, offer.customerName);
  } catch (err) {
    update((s) => s.offers.delete(offer.conversationId), "offers");
    toast(hubErrorText(err), "error");
  }
  refreshMyPresence();
}

export async function declineOffer(conversationId?: string): Promise<void> {
  const offer = conversationId ? state.offers.get(conversationId) : oldestOffer();
  if (!offer || !hub.hasConnection) return;
  update((s) => s.offers.delete(offer.conversationId), "offers");
  try {
    await hub.declineOffer({ conversationId: offer.conversationId });
  } catch (err) {
    toast(hubErrorText(err), "error");
  }
}

export async function claim(item: QueueItemDto): Promise<void> {
  try {
    const result = await hub.claim({ conversationId: item.conversationId });
    update((s) => {
      s.queue.delete(item.conversationId);
      s.offers.delete(item.conversationId);
    }, "offers", "queue");
    openChat(result, item.customerName);
  } catch (err) {
    toast(hubErrorText(err), "error");
    update(() => undefined, "offers");
  }
  refreshMyPresence();
}

/** Offers past their deadline go (a second's tick); true when one went. */
export function expireOffers(now: number): boolean {
  const expired = [...state.offers.values()].filter((o) => new Date(o.deadline).getTime() < now - 250);
  if (expired.length) update((s) => expired.forEach((o) => s.offers.delete(o.conversationId)), "offers");
  return expired.length > 0;
}
