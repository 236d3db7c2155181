// Worksection's webhooks: the receiver, re-exports only.

export { createWebhookReceiver } from './webhook-receiver';
export type { WebhookHandler } from './webhook-receiver';
export { webhookMiddleware } from './webhook-middleware';
export type { WebhookMiddleware, WebhookMiddlewareRequest } from './webhook-middleware';
export type { WebhookReceiverOptions } from './receiver-options';
export { WEBHOOK_EVENT_NAMES, isCommentEvent, isProjectEvent, isTaskEvent, isWebhookEvent } from './webhook-event';
export type {
  CommentWebhookEvent,
  ProjectWebhookEvent,
  TaskWebhookEvent,
  ReceivedWebhookEvent,
  WebhookEventName,
  WebhookEventOf,
  WebhookUser,
} from './webhook-event';
