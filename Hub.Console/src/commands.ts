// What one part of the console asks of another (a chat header button opens the escalate dialog, the
// call bar the warm-transfer one): the parts never import each other; main.ts provides the commands.

export interface Commands {
  escalate(): void;
  transfer(): void;
  resolve(): void;
  reopen(): void;
  warmTransfer(): void;
  showHelp(): void;
  focusComposer(): void;
  signOut(): void;
  openTeam(): void;
  changePassword(): void;
}

const missing = (name: string) => () => {
  throw new Error(`The console command ${name} is not provided.`);
};

export const commands: Commands = {
  escalate: missing("escalate"),
  transfer: missing("transfer"),
  resolve: missing("resolve"),
  reopen: missing("reopen"),
  warmTransfer: missing("warmTransfer"),
  showHelp: missing("showHelp"),
  focusComposer: missing("focusComposer"),
  signOut: missing("signOut"),
  openTeam: missing("openTeam"),
  changePassword: missing("changePassword"),
};

/** Called once by main.ts with the implementations. */
export function provide(implementations: Commands): void {
  Object.assign(commands, implementations);
}
