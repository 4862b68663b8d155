// One participant's media in a room: its transports, producers and consumers. The peer never
// holds its room; it tells the room what ended through its events.

import type { types } from 'mediasoup';
import { MediaError } from './media-error.js';
import type { MediaSource } from './media.types.js';
import { TypedEmitter } from './typed-emitter.js';

export type TransportDirection = 'send' | 'recv';

export interface PeerEvents {
  /** A producer of this peer ended (closed by the room, or its transport closed). */
  producerClosed: (producerId: string) => void;
  /** A consumer of this peer ended because its producer or its transport closed. */
  consumerClosed: (consumerId: string) => void;
}

export interface PeerProducer {
  producer: types.Producer;
  source: MediaSource;
}

export interface PeerConsumer {
  consumer: types.Consumer;
  source: MediaSource;
}

export class MediaPeer extends TypedEmitter<PeerEvents> {
  readonly id: string;
  readonly #transports = new Map<string, types.Transport>();
  readonly #producers = new Map<string, PeerProducer>();
  readonly #consumers = new Map<string, PeerConsumer>();
  #closed = false;

  constructor(id: string) {
    super();
    this.id = id;
  }

  get closed(): boolean {
    return this.#closed;
  }

  addTransport(transport: types.Transport): void {
    if (this.#closed) {
      transport.close();
      throw new MediaError('MEDIA_PEER_NOT_FOUND', `peer ${this.id} left`);
    }
    this.#transports.set(transport.id, transport);
    transport.observer.once('close', () => this.#transports.delete(transport.id));
  }

  transport(transportId: string): types.Transport {
    const transport = this.#transports.get(transportId);
    if (transport === undefined) throw new MediaError('MEDIA_TRANSPORT_NOT_FOUND', `no transport ${transportId} for peer ${this.id}`);
    return transport;
  }

  /** The peer's transport for one direction (marked in appData when it was created). */
  transportFor(direction: TransportDirection): types.Transport | undefined {
    for (const t of this.#transports.values()) if ((t.appData as { direction?: unknown }).direction === direction) return t;
    return undefined;
  }

  addProducer(producer: types.Producer, source: MediaSource): void {
    if (this.#closed) {
      producer.close();
      throw new MediaError('MEDIA_PEER_NOT_FOUND', `peer ${this.id} left`);
    }
    this.#producers.set(producer.id, { producer, source });
    producer.on('transportclose', () => this.#producerGone(producer.id));
  }

  producer(producerId: string): PeerProducer | undefined {
    return this.#producers.get(producerId);
  }

  producers(): IterableIterator<PeerProducer> {
    return this.#producers.values();
  }

  closeProducer(producerId: string): void {
    const entry = this.#producers.get(producerId);
    if (entry === undefined) return;
    entry.producer.close();
    this.#producerGone(producerId);
  }

  addConsumer(consumer: types.Consumer, source: MediaSource): void {
    if (this.#closed) {
      consumer.close();
      throw new MediaError('MEDIA_PEER_NOT_FOUND', `peer ${this.id} left`);
    }
    this.#consumers.set(consumer.id, { consumer, source });
    const gone = (): void => {
      if (this.#consumers.delete(consumer.id)) this.emit('consumerClosed', consumer.id);
    };
    consumer.on('transportclose', gone);
    consumer.on('producerclose', gone);
  }

  consumer(consumerId: string): PeerConsumer | undefined {
    return this.#consumers.get(consumerId);
  }

  /** Closes every transport, and with them the peer's producers and consumers. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const transport of [...this.#transports.values()]) transport.close();
    this.#transports.clear();
    // Producers and consumers went with their transports; clear what a dead router left behind.
    this.#producers.clear();
    this.#consumers.clear();
  }

  #producerGone(producerId: string): void {
    if (this.#producers.delete(producerId)) this.emit('producerClosed', producerId);
  }
}
