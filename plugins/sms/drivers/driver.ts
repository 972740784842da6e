export interface SmsMessage {
  phone: string;
  template: string;
  params: Record<string, string>;
  text: string;
}

/** A way to deliver one text message. Drivers may be called again for the same message after a crash. */
export interface SmsDriver {
  readonly name: string;
  send(message: SmsMessage): Promise<{ providerMessageId: string }>;
}
