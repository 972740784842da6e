// Logs each message (with any code masked) instead of sending it: the default outside development until a
// provider driver is configured.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { SmsDriver, SmsMessage } from './driver.js';

export class LogSmsDriver implements SmsDriver {
  readonly name = 'log';
  constructor(private readonly log: Logger) {}

  async send(message: SmsMessage): Promise<{ providerMessageId: string }> {
    const masked = message.phone.replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2');
    this.log.info({ phone: masked, template: message.template }, 'sms delivered to log driver');
    return { providerMessageId: `log-${randomUUID()}` };
  }
}
