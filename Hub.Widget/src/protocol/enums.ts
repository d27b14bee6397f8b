// Enums of the wire protocol; the server sends them as strings (their C# member names).

export type ConversationStatus = "Waiting" | "Active" | "Ended" | "Resolved";
export type SenderRole = "Customer" | "Agent" | "System";
/** Transcript: what was said on a phone call (Twilio's transcription), never typed by anyone. */
export type MessageKind = "Text" | "System" | "PrivateNote" | "Transcript";
export type Channel = "Chat" | "Voice";
export type CallKind = "Live" | "FollowUp";
export type PresenceStatus = "Offline" | "Available" | "Busy" | "Away";
export type TicketStatus = "Open" | "Pending" | "Escalated" | "Resolved" | "Closed" | "Reopened";
export type AgentRole = "Agent" | "Supervisor" | "Admin";
