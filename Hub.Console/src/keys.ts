// Keyboard shortcuts of the console (the help overlay lists them).
import { commands } from "./commands";
import { toggleHold, toggleMute } from "./model/calls";
import { cycleTab, switchTab, toggleNote } from "./model/chats";
import { acceptOffer, declineOffer } from "./model/offers";
import { isSupervisor, state, update } from "./store";
import { closeDialog, dialogOpen } from "./ui";

export function onKey(e: KeyboardEvent): void {
  if (!state.session) return;
  if (e.key === "Escape" && closeDialog()) {
    e.preventDefault();
    return;
  }
  if (e.key === "F1" || (e.key === "?" && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement))) {
    e.preventDefault();
    commands.showHelp();
    return;
  }
  if (!e.altKey || e.ctrlKey || e.metaKey || dialogOpen()) return;
  const actions: Record<string, () => void> = {
    KeyA: () => void acceptOffer(),
    KeyD: () => void declineOffer(),
    KeyN: () => toggleNote(),
    KeyE: () => commands.escalate(),
    KeyT: () => commands.transfer(),
    KeyR: () => commands.resolve(),
    KeyS: () => isSupervisor() && update((s) => (s.view = s.view === "chats" ? "supervisor" : "chats"), "view"),
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
