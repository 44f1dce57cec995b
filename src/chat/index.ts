/**
 * Chat request counting: Chat Completions and Responses requests, images, tools, the harmony
 * format of gpt-oss, and fitting a conversation into a budget.
 */
export { countChatTokens } from './count-chat.js';
export type { ChatCountOptions, ChatTokenCount } from './count-chat.js';
