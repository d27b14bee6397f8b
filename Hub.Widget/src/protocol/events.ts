// Events both hubs send about a conversation the connection follows (the customer's own, or any an agent opened).
import type { ConversationDto, MessageDto, ReadDto, TypingDto } from "./dtos";

/** Event name → payload, common to ICustomerClient and IAgentClient. */
export interface ConversationEvents {
  MessageReceived: MessageDto;
  TypingChanged: TypingDto;
  MessagesRead: ReadDto;
  ConversationChanged: ConversationDto;
}
