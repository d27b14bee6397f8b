// Built-in canned responses. {customer} and {agent} are filled in when a response is expanded.
import { lang } from "./i18n";

export interface Canned {
  shortcut: string;
  text: string;
}

const builtIn: Record<"en" | "de", Canned[]> = {
  en: [
    { shortcut: "/hello", text: "Hello {customer}, I'm {agent}. How can I help you today?" },
    { shortcut: "/wait", text: "Thank you for your patience – I'm looking into it right now." },
    { shortcut: "/more", text: "Could you tell me a bit more about what happened?" },
    { shortcut: "/thanks", text: "Thank you for contacting us, {customer}!" },
    { shortcut: "/bye", text: "Is there anything else I can do for you? Otherwise: have a great day!" },
  ],
  de: [
    { shortcut: "/hello", text: "Hallo {customer}, hier ist {agent}. Wie kann ich Ihnen helfen?" },
    { shortcut: "/wait", text: "Danke für Ihre Geduld – ich sehe mir das gerade an." },
    { shortcut: "/more", text: "Können Sie mir etwas mehr darüber erzählen, was passiert ist?" },
    { shortcut: "/thanks", text: "Vielen Dank für Ihre Nachricht, {customer}!" },
    { shortcut: "/bye", text: "Kann ich sonst noch etwas für Sie tun? Ansonsten einen schönen Tag!" },
  ],
};

export function cannedResponses(): Canned[] {
  return builtIn[lang()];
}

/** Responses whose shortcut starts with what was typed (the whole input must be one "/word"). */
export function matchCanned(input: string): Canned[] {
  if (!/^\/[\p{L}\d-]*$/u.test(input)) return [];
  return cannedResponses().filter((c) => c.shortcut.startsWith(input.toLowerCase()));
}

export function expandCanned(canned: Canned, customer: string, agent: string): string {
  return canned.text.replaceAll("{customer}", customer).replaceAll("{agent}", agent).replace(/\s+([,!?.])/g, "$1");
}
