// Escalate, transfer and resolve: one dialog each, on the active chat.
import { hub } from "../hub";
import { t } from "../i18n";
import { warmTransferStarted } from "../model/calls";
import { openChat } from "../model/chats";
import { refreshTeam } from "../model/presence";
import { activeChat, canWrite, isSupervisor, myId, state } from "../store";
import { showDialog, toast, type Field } from "../ui";
import { hubErrorText } from "../../../Hub.Widget/src/protocol";

const maxLevel = 3;

/** A dialog's hub call: its error is shown inside the dialog, in words. */
async function submit(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (err) {
    throw new Error(hubErrorText(err));
  }
}

export function escalateDialog(): void {
  const chat = activeChat();
  if (!chat || !canWrite(chat)) return;
  const levels = Array.from({ length: maxLevel }, (_, i) => i + 1).filter((l) => l !== chat.conv.level);
  const fields: Field[] = [
    { name: "level", label: t("targetLevel"), kind: "select", options: levels.map((l) => ({ value: String(l), label: t("level", l) })), value: String(levels.find((l) => l > chat.conv.level) ?? levels[0]) },
    { name: "reason", label: t("reason"), kind: "text", maxLength: 120, required: t("reasonRequired") },
    { name: "note", label: t("handoffNote"), kind: "textarea", maxLength: 4000, required: t("handoffRequired") },
  ];
  showDialog(t("escalate"), "escalate-dialog", fields, t("escalate"), async (v) => {
    await submit(hub.escalate({ conversationId: chat.conv.id, level: Number(v.level), reason: v.reason, handoffNote: v.note }));
    toast(t("escalated", v.level));
  });
}

/** The target agent: a list of the team for supervisors (who may read it), an agent id for everyone else. */
function withTargetAgent(open: (target: Field, nameOf: (agentId: string) => string) => void): void {
  const nameOf = (agentId: string) => state.team.get(agentId)?.displayName ?? agentId;
  if (!isSupervisor()) {
    return open({ name: "agent", label: t("agentId"), kind: "text", maxLength: 64, required: t("agentId"), hint: t("transferNotSupervisor") }, nameOf);
  }
  void refreshTeam().then(() => {
    const agents = [...state.team.values()]
      .filter((a) => a.agentId !== myId())
      .sort((a, b) => a.displayName.localeCompare(b.displayName))
      .map((a) => ({ value: a.agentId, label: `${a.displayName} · ${t(a.status)} · ${a.chatLoad}/${a.chatCapacity}` }));
    open({ name: "agent", label: t("targetAgent"), kind: "select", options: [{ value: "", label: t("chooseAgent") }, ...agents], required: t("chooseAgent") }, nameOf);
  });
}

export function transferDialog(): void {
  const chat = activeChat();
  if (!chat || !canWrite(chat)) return;
  withTargetAgent((target) =>
    showDialog(t("transfer"), "transfer-dialog", [target, { name: "note", label: t("transferNote"), kind: "textarea", maxLength: 4000, required: t("transferNote") }], t("transfer"), async (v) => {
      await submit(hub.transfer({ conversationId: chat.conv.id, agentId: v.agent, note: v.note }));
      toast(t("transferred"));
    }),
  );
}

/** Rings another agent into the call to introduce the caller (the call stays this agent's until completed). */
export function warmTransferDialog(): void {
  const chat = activeChat();
  if (!chat || !canWrite(chat)) return;
  withTargetAgent((target, nameOf) =>
    showDialog(t("warmTransfer"), "warm-dialog", [target, { name: "note", label: t("warmNote"), kind: "textarea", maxLength: 4000 }], t("warmRing"), async (v) => {
      await submit(hub.warmTransfer({ conversationId: chat.conv.id, agentId: v.agent, note: v.note || null }));
      warmTransferStarted(chat.conv.id, v.agent, nameOf(v.agent));
    }),
  );
}

export function resolveDialog(): void {
  const chat = activeChat();
  if (!chat || !canWrite(chat)) return;
  showDialog(t("resolve"), "resolve-dialog", [{ name: "resolution", label: t("resolution"), kind: "textarea", maxLength: 4000, required: t("resolutionRequired") }], t("resolve"), async (v) => {
    await submit(hub.resolve({ conversationId: chat.conv.id, resolution: v.resolution }));
    toast(t("resolved"));
  });
}

/** Opens a resolved or ended chat again (the fix did not hold); the agent takes it and the ticket is reopened. */
export async function reopenChat(): Promise<void> {
  const chat = activeChat();
  if (!chat || chat.conv.status === "Waiting" || chat.conv.status === "Active") return;
  try {
    const result = await hub.reopen({ conversationId: chat.conv.id });
    openChat(result, null);
    toast(t("reopened"));
  } catch (error) {
    toast(hubErrorText(error));
  }
}
