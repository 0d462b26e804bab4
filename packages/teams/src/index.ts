// Public API of @sprig/teams: everything exported from here, nothing else.
export {
  credentialsFrom,
  type TeamsBot,
  type TeamsCredentials,
  type TeamsOptions,
  teams,
} from "./adapter/teams-bot.ts";
export { TeamsPlatform } from "./adapter/teams-platform.ts";
export {
  type AdaptiveCard,
  CARD_CONTENT_TYPE,
  CARD_VERSION,
  escapeMarkdown,
  PRESS_KEY,
  type PressData,
} from "./cards/card-json.ts";
export { type FormCardOptions, formCard } from "./cards/form-card.ts";
export { CardTemplates, TEMPLATE_ERROR } from "./cards/templates.ts";
export { TEAMS_PLATFORM, TeamsConversations, TeamsErrorCode } from "./conversations/teams-conversations.ts";
export { htmlToContent, type InboundMention } from "./inbound/html-to-content.ts";
export { type ActivityCheck, checkActivity, type IncomingActivity } from "./inbound/incoming-activity.ts";
export { Connector, type ConnectorOptions, type Member, retryAfterMs } from "./outbound/connector.ts";
export { escapeHtml, type MentionEntity, messageToHtml, type TeamsHtml } from "./render/content-to-html.ts";
export { TeamsRenderer } from "./render/teams-renderer.ts";
export { FileStateStore } from "./state/file-state-store.ts";
export {
  type CardQuery,
  type CardRecord,
  type ConversationKind,
  type ConversationRecord,
  MemoryStateStore,
  type StateStore,
  type StoredCard,
} from "./state/state-store.ts";
