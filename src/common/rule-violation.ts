/**
 * What a rule answers when it refuses something: a message code from the catalog
 * (src/common/messages.ts), the request field it is about when there is one, and values for the message.
 */
export interface RuleViolation {
  code: string;
  field?: string;
  params?: Record<string, string | number>;
}

/** A user-facing message in Indonesian first, with English available. */
export interface Message {
  id: string;
  en: string;
}

export type MessageCatalog = Record<string, Message>;
