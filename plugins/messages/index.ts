// In-site messages to employers and students, written from review decisions and sent by features (outbox).
import type { App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { MessageService } from './message-service.js';
import { messageRoutes } from './routes/messages.js';
import { addFeaturePages } from '../../core/pages/index.js';
import { messagePages } from './pages/inbox.js';

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
    app.tasks.define(messages.sendTask());
    server.route(messageRoutes(messages));
    app.pages.employerMenu({
      key: 'messages',
      label: '站内消息',
      href: '/employer/messages',
      order: 20,
      badge: async (c) => ({ count: await messages.unreadCount(c.employerId), label: '条未读' }),
    });
    addFeaturePages(server, app, 'messages', messagePages(app));
  },
};
