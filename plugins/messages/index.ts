// In-site messages to employers, written from review decisions.
import type { App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { MessageService } from './message-service.js';
import { messageRoutes } from './routes/messages.js';

declare module '../../core/app.js' {
  interface Services {
    messages: MessageService;
  }
}

export const messagesPlugin: FeaturePlugin = {
  name: 'xz-messages',
  version: '1.0.0',
  register(server, { app }: { app: App }) {
    const messages = new MessageService(app.db, app.sites);
    app.services.messages = messages;
    app.tasks.define(messages.task());
    server.route(messageRoutes(messages));
  },
};
