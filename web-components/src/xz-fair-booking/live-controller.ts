/**
 * The live connection of `<xz-fair-booking>` to `GET /api/v1/public/fairs/{id}/events` (Server-Sent Events): opens it
 * while the element is connected, reports `booth` events, and asks the element to read the fair again when the layout
 * changed or after every (re)connection (changes made meanwhile are not replayed). A connection closed for good is
 * retried after 3, 10, then every 30 seconds.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BoothEvent } from '../fair.js';

export type LiveStatus = 'connecting' | 'open' | 'closed';

const RETRY_MS = [3_000, 10_000, 30_000];

export interface LiveOptions {
  /** The events URL of the fair shown, or undefined while there is none. */
  url(): string | undefined;
  /** A booth changed state. */
  onBooth(event: BoothEvent): void;
  /** The fair should be read again (layout event, or the connection (re)opened). */
  onStale(): void;
}

export class FairLiveController implements ReactiveController {
  /** The connection's state, shown by the live indicator. */
  status: LiveStatus = 'connecting';

  private source: EventSource | undefined;
  private retry = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: LiveOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.source) this.connect();
  }

  hostDisconnected(): void {
    this.disconnect();
  }

  private set(status: LiveStatus): void {
    this.status = status;
    this.host.requestUpdate();
  }

  /** (Re)opens the connection for the fair now shown; nothing when there is none or the host is detached. */
  connect(): void {
    this.disconnect();
    const url = this.options.url();
    if (!url || !this.host.isConnected || typeof EventSource === 'undefined') return;
    const source = new EventSource(url);
    this.source = source;
    this.set('connecting');
    source.addEventListener('open', () => {
      this.retry = 0;
      this.set('open');
      this.options.onStale();
    });
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED) {
        this.set('connecting');
        return;
      }
      // Closed for good (e.g. refused): try again later with a fresh connection.
      this.set('closed');
      const delay = RETRY_MS[Math.min(this.retry, RETRY_MS.length - 1)]!;
      this.retry += 1;
      this.retryTimer = setTimeout(() => this.connect(), delay);
    });
    source.addEventListener('booth', (event) => {
      try {
        this.options.onBooth(JSON.parse((event as MessageEvent<string>).data) as BoothEvent);
      } catch {
        /* a malformed event changes nothing */
      }
    });
    source.addEventListener('layout', () => this.options.onStale());
  }

  disconnect(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.source?.close();
    this.source = undefined;
  }
}
