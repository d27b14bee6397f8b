// This agent's presence (available, busy, away) and load, and the team's, for supervisors.
import { hub } from "../hub";
import { t } from "../i18n";
import { isSupervisor, update } from "../store";
import { toast } from "../ui";
import { hubErrorText, singleFlight, type PresenceDto, type PresenceStatus } from "../../../Hub.Widget/src/protocol";

export function applyPresence(p: PresenceDto): void {
  update((s) => {
    s.presence = p;
    if (p.status === "Offline") s.offers.clear();
  }, "presence", ...(p.status === "Offline" ? (["offers"] as const) : []));
}

export async function setPresence(status: PresenceStatus): Promise<void> {
  try {
    applyPresence(await hub.setPresence({ status }));
  } catch (err) {
    toast(t("errorPrefix", hubErrorText(err)), "error");
  }
}

let presenceTimer = 0;

/** Load has no event of its own: re-read the agent's presence shortly after anything that moves it. */
export function refreshMyPresence(): void {
  window.clearTimeout(presenceTimer);
  presenceTimer = window.setTimeout(() => {
    if (hub.connected) hub.getPresence().then(applyPresence, () => undefined);
  }, 250);
}

let lastTeamRead = 0;

/** When the supervisor view last read the team (it reads again after 5 s). */
export const lastTeamRefresh = (): number => lastTeamRead;

const readTeam = singleFlight(async () => {
  try {
    const list = await hub.getTeamPresence();
    update((s) => (s.team = new Map(list.map((a) => [a.agentId, a]))));
  } catch {
    // Shown as stale; the next event or tick tries again.
  }
  lastTeamRead = Date.now();
  update(() => undefined, "team");
});

/** GetTeamPresence, coalesced: load has no event of its own, so it is re-read on queue changes. */
export function refreshTeam(): Promise<void> {
  return isSupervisor() && hub.hasConnection ? readTeam() : Promise.resolve();
}
